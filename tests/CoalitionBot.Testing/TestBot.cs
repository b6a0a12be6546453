using CoalitionBot.Adapters.Console;
using CoalitionBot.Core;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Plugins;
using CoalitionBot.Testing.Rendering;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Testing;

/// <summary>An in-memory bot for conversation tests: the real plugin loading, catalog and router, on in-memory SQLite and a fake clock.</summary>
/// <example>
/// <code>
/// await using var bot = await TestBot.StartAsync(plugins: ["help"]);
/// var reply = await bot.As(Platform.Slack, Role.Lead).SendAsync("/help");
/// reply.Text.Should().Contain("/help");
/// </code>
/// </example>
public sealed class TestBot : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsDatabase;

    private TestBot(ServiceProvider services, TestDatabase database, bool ownsDatabase, FakeTimeProvider clock)
    {
        _services = services;
        Database = database;
        _ownsDatabase = ownsDatabase;
        Clock = clock;
    }

    /// <summary>The bot's database (SQLite in memory, or a PostgreSQL database of its own).</summary>
    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public CommandRouter Router => _services.GetRequiredService<CommandRouter>();

    /// <summary>Starts a bot with built-in plugins by name (default settings) and/or plugin instances, on a fresh database
    /// (in-memory SQLite unless <paramref name="database"/> says PostgreSQL), or on the caller's database <paramref name="on"/>, left to the caller.</summary>
    public static async Task<TestBot> StartAsync(
        FakeTimeProvider? clock = null,
        IEnumerable<string>? plugins = null,
        IEnumerable<(IBotPlugin Plugin, object? Settings)>? extraPlugins = null,
        IDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? configure = null,
        DatabaseProvider database = DatabaseProvider.Sqlite,
        TestDatabase? on = null)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var testDatabase = on ?? await TestDatabase.CreateAsync(database);
        var settings = new Dictionary<string, string?>(testDatabase.Settings);
        foreach (var pair in configuration ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(clock);

        var entries = (plugins ?? ["help"]).Select(name => new PluginEntry(name, true, null, null));
        var loaded = new PluginLoader(BuiltInPlugins.Catalog).Load(entries, AppContext.BaseDirectory).ToList();
        loaded.AddRange((extraPlugins ?? []).Select(p => new LoadedPlugin(p.Plugin, p.Settings, null)));
        services.AddCoalitionBotCore().AddPlugins(loaded);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.MigrateDatabasesAsync();
        return new TestBot(provider, testDatabase, on is null, clock);
    }

    /// <summary>A person on a platform with a role, in that platform's test coalition (or the given tenant).</summary>
    public TestUser As(Platform platform, Role role = Role.Member, string user = "ana", string? locale = null, TenantId? tenant = null, IReadOnlyList<string>? platformRoleIds = null)
    {
        var caller = new Caller(
            tenant ?? DefaultTenant(platform),
            platform,
            new UserRef(user, user),
            new ChannelRef("general", "general"),
            role,
            locale,
            platformRoleIds);
        return new TestUser(Router, caller);
    }

    /// <summary>The coalition a platform's test users are in unless told otherwise.</summary>
    public static TenantId DefaultTenant(Platform platform) => platform switch
    {
        Platform.Discord => TenantId.For(Platform.Discord, "900000000000000001"),
        Platform.Slack => TenantId.For(Platform.Slack, "T0TESTTEAM"),
        _ => TenantId.ConsoleLocal,
    };

    /// <summary>Runs code in a DI scope working for a tenant, e.g. to seed or inspect rows.</summary>
    public async Task<T> InTenantAsync<T>(TenantId tenant, Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await action(scope.ServiceProvider);
    }

    /// <summary>Makes the database refuse an operation on a table until disposed (see <see cref="TestDatabase.RefuseAsync"/>).</summary>
    public Task<IAsyncDisposable> RefuseAsync(string table, string operation, string message = "database full") =>
        Database.RefuseAsync(table, operation, message);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>A test person: sends commands and presses buttons through the real router.</summary>
/// <remarks>Every answer must mean the same on Discord, Slack and the console (<see cref="TestReply.ShouldMeanTheSameOnEveryPlatform"/>).</remarks>
public sealed class TestUser(CommandRouter router, Caller caller)
{
    private TestReply? _last;

    public Caller Caller => caller;

    /// <summary>Sends a command as typed in Slack or the console (<c>/task assign @ana "Call Ruiz"</c>).</summary>
    public async Task<TestReply> SendAsync(string text)
    {
        return Answer(await router.RunAsync(CommandRequest.FromText(caller, text), CancellationToken.None));
    }

    /// <summary>Sends a command as Discord does: the path and options by name.</summary>
    public async Task<TestReply> SendOptionsAsync(string path, IReadOnlyDictionary<string, string> options)
    {
        return Answer(await router.RunAsync(CommandRequest.FromOptions(caller, path, options), CancellationToken.None));
    }

    /// <summary>Presses a button of the last reply, by label, as this person's platform rendered it (the action id and value its payload sends back).</summary>
    public Task<TestReply> PressAsync(string label)
    {
        var button = _last?.Meaning.Buttons.FirstOrDefault(b => string.Equals(b.Label, label, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The last reply has no button \"{label}\" on {caller.Platform}.");
        return PressAsync(new ReplyButton(button.ActionId, button.Label, button.Value));
    }

    /// <summary>Presses a button.</summary>
    public async Task<TestReply> PressAsync(ReplyButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return Answer(await router.PressAsync(new Core.Routing.ButtonPress(caller, button.ActionId, button.Value), CancellationToken.None));
    }

    private TestReply Answer(CommandResult result)
    {
        _last = new TestReply(result, caller.Platform);
        _last.ShouldMeanTheSameOnEveryPlatform();
        return _last;
    }
}

/// <summary>A reply as a test sees it on its platform: the result, the meaning the platform's real renderer gives it, and that meaning as console text.</summary>
public sealed record TestReply(CommandResult Result, Platform Platform = Platform.Console)
{
    public Reply Reply => Result.Reply;

    public ResultKind Kind => Result.Kind;

    public bool IsSuccess => Result.IsSuccess;

    /// <summary>
    /// The reply as plain text (title, body, fields, bullets, footer, buttons), printed by the console renderer: on the console
    /// straight from the reply; on Discord and Slack from the meaning read back out of that platform's rendered payload, so a
    /// text assertion on a Discord or Slack row checks what that platform shows.
    /// </summary>
    public string Text => Platform is Platform.Discord or Platform.Slack ? ConsoleRenderer.Render(Meaning.ToReply()) : ConsoleRenderer.Render(Result.Reply);

    /// <summary>What a person on this reply's platform is shown (see <see cref="PlatformRendering.MeaningOn"/>).</summary>
    public RenderedMeaning Meaning => PlatformRendering.MeaningOn(Platform, Result);

    /// <summary>Asserts that Discord, Slack and the console all show what the reply means (title, body, fields, footer, buttons with
    /// their action ids and values, images' alt texts, ephemeral); returns that meaning.</summary>
    public RenderedMeaning ShouldMeanTheSameOnEveryPlatform()
    {
        PlatformRendering.Differences(Result).Should().BeEmpty("every platform must show what the reply means: {0}", RenderedMeaning.Of(Reply));
        return RenderedMeaning.Of(Reply);
    }

    public override string ToString() => Text;
}
