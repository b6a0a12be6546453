using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CoalitionBot.Core;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>Commands for the Discord end-to-end tests: every option kind, a default subcommand, a slow command, autocomplete, buttons.</summary>
public sealed class DiscordTestPlugin : BotPlugin
{
    public override string Name => "dtest";

    public override string Description => "Discord test commands.";

    public override IEnumerable<Type> Modules => [typeof(DiscordTestCommands)];
}

public sealed class DiscordTestState
{
    private int _runs;

    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Runs => Volatile.Read(ref _runs);

    public void Ran() => Interlocked.Increment(ref _runs);
}

public sealed class Audiences : IAutocompleteProvider
{
    private static readonly string[] All = ["council", "media", "faith", "business", "police"];

    public Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(CommandContext context, string partial, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AutocompleteChoice>>(
            All.Where(a => a.StartsWith(partial, StringComparison.OrdinalIgnoreCase))
                .Select(a => new AutocompleteChoice(a.ToUpperInvariant(), a)).ToList());
}

public sealed class DiscordTestCommands(DiscordTestState state) : CommandModule
{
    [Command("echo", "Echo every option kind")]
    public CommandResult Echo(
        [Option("Who")] UserRef who,
        [Option("Where")] ChannelRef where,
        [Option("Count")] int count,
        [Option("Flag")] bool flag = false,
        [Option("Role")] RoleRef? role = null,
        [Option("Weight")] double? weight = null,
        [Option("Note")] string? note = null)
    {
        state.Ran();
        return new Reply
        {
            Text = Markup.Format($"who={who.Id} where={where.Id} count={count} flag={flag} role={role?.Id} weight={weight?.ToString(System.Globalization.CultureInfo.InvariantCulture)} note={note} role-of-caller={Context.Role} lang={Context.Culture.TwoLetterISOLanguageName}"),
            Buttons = [new ReplyButton("dtest.update", "Update", "7")],
        };
    }

    [Command("points", "Talking points for an audience")]
    public CommandResult Points([Option("The audience", Autocomplete = typeof(Audiences))] string audience = "council") =>
        new Reply { Text = Markup.Format($"points for {audience}") };

    [Command("points rebut", "Answer an argument")]
    public CommandResult Rebut([Option("The argument")] string argument) => new Reply { Text = Markup.Format($"rebut {argument}") };

    [Command("slow", "Takes its time")]
    public async Task<CommandResult> Slow([Option("Private?")] bool secret = false)
    {
        await state.SlowGate.Task;
        return new Reply { Text = "slow done @everyone", Ephemeral = secret };
    }

    [Command("picture", "A reply with an image")]
    public CommandResult Picture([Option("Private?")] bool secret = false) => TestPictures.Reply(secret);

    [Button("dtest.update")]
    public CommandResult Update(string value) => CommandResult.Update(new Reply { Text = Markup.Format($"updated {value} by {Context.User.Id}") });
}

/// <summary>The real host, built in-process on 127.0.0.1 with Discord in Http or Gateway mode against local fakes.</summary>
public sealed class DiscordTestHost : IAsyncDisposable
{
    public const string ApplicationId = "100000000000000001";
    public const string GuildId = "900000000000000001";
    private readonly Key _key;
    private readonly string _folder;

    private DiscordTestHost(WebApplication app, Key key, string folder, DiscordTestState state)
    {
        App = app;
        _key = key;
        _folder = folder;
        State = state;
    }

    public WebApplication App { get; }

    public DiscordTestState State { get; }

    public HttpClient Http { get; private set; } = null!;

    /// <param name="database">A SQLite file to share with other hosts or keep across a restart; default: a new one in the host's own folder.</param>
    /// <param name="coalition">Also loads the built-in coalition plugin (settings, leads).</param>
    /// <param name="shards">CoalitionBot:Discord:Shards (Gateway mode), or null for the default.</param>
    /// <param name="instance">CoalitionBot:Cluster:InstanceName, or null for the default.</param>
    public static async Task<DiscordTestHost> StartAsync(FakeDiscordRest rest, bool gateway = false, Uri? gatewayUrl = null, TimeProvider? clock = null, string? database = null, bool coalition = false, string? shards = null, string? instance = null)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var publicKey = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var folder = Directory.CreateTempSubdirectory("coalitionbot-discord-").FullName;
        var pluginsFile = Path.Combine(folder, "plugins.json");
        await File.WriteAllTextAsync(pluginsFile, """{ "plugins": [ { "name": "help" } ] }""");
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            "--CoalitionBot:PluginsFile", pluginsFile,
            "--CoalitionBot:Database:ConnectionString", $"Data Source={database ?? Path.Combine(folder, "bot.db")}",
            "--CoalitionBot:Discord:BotToken", "test-bot-token",
            "--CoalitionBot:Discord:ApplicationId", ApplicationId,
            "--CoalitionBot:Discord:ApiBaseUrl", rest.BaseUrl.ToString(),
            "--CoalitionBot:Discord:DeferAfter", "00:00:01",
            "--Logging:LogLevel:Default", "Warning",
        ];
        if (instance is not null)
        {
            args.AddRange(["--CoalitionBot:Cluster:InstanceName", instance]);
        }

        if (gateway)
        {
            args.AddRange(["--CoalitionBot:Discord:Mode", "Gateway"]);
            if (shards is not null)
            {
                args.AddRange(["--CoalitionBot:Discord:Shards", shards]);
            }

            if (gatewayUrl is not null)
            {
                args.AddRange(["--CoalitionBot:Discord:GatewayUrl", gatewayUrl.ToString()]);
            }
        }
        else
        {
            args.AddRange(["--CoalitionBot:Discord:PublicKey", publicKey]);
        }

        var state = new DiscordTestState();
        var app = await Program.BuildAsync([.. args], builder =>
        {
            builder.Services.AddSingleton(state);
            if (clock is not null)
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            }

            // The built-in help plus the test plugin, replacing the catalog read from plugins.json.
            List<LoadedPlugin> plugins =
            [
                new LoadedPlugin(BuiltInPlugins.Catalog["help"](), null, null),
                new LoadedPlugin(new DiscordTestPlugin(), null, null),
            ];
            if (coalition)
            {
                plugins.Add(new LoadedPlugin(BuiltInPlugins.Catalog["coalition"](), null, null));
            }

            builder.Services.AddPlugins(plugins);
        });
        await app.StartAsync();

        // Warm up the database and router, so the first test command is not deferred for JIT and EF start-up.
        await app.Services.GetRequiredService<CommandRouter>().RunAsync(
            CommandRequest.FromText(new Caller(TenantId.For(Platform.Discord, GuildId), Platform.Discord, new UserRef("1")), "help"), CancellationToken.None);
        var host = new DiscordTestHost(app, key, folder, state)
        {
            Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(10) },
        };
        return host;
    }

    /// <summary>Posts an interaction signed with the test key (or with the given signature/timestamp headers).</summary>
    /// <param name="body">The JSON body.</param>
    /// <param name="tamper">Changes the signature and timestamp headers.</param>
    /// <param name="signedAt">When it was signed; default now by the host's clock (Discord's timestamp window refuses anything a few minutes off).</param>
    /// <param name="chunked">Sends the body without a length.</param>
    public Task<HttpResponseMessage> PostAsync(string body, Func<string, string, (string? Signature, string? Timestamp)>? tamper = null, DateTimeOffset? signedAt = null, bool chunked = false)
    {
        var timestamp = (signedAt ?? App.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body))).ToLowerInvariant();
        var (sig, ts) = tamper is null ? (signature, timestamp) : tamper(signature, timestamp);
        var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions")
        {
            Content = chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)))
                : new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        if (sig is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", sig);
        }

        if (ts is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", ts);
        }

        return Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A slash-command interaction in the test guild.</summary>
    public static string Command(string id, string name, string options = "[]", string permissions = "0", string locale = "en-US", string? guildId = GuildId, int type = 2) =>
        Interaction(id, type, $$"""{"id":"300000000000000001","name":"{{name}}","type":1,"options":{{options}}}""", permissions, locale, guildId);

    public static string Interaction(string id, int type, string data, string permissions = "0", string locale = "en-US", string? guildId = GuildId)
    {
        var user = """{"id":"200000000000000001","username":"ana","global_name":"Ana"}""";
        var where = guildId is null
            ? "\"user\":" + user
            : $$"""
              "guild_id":"{{guildId}}","member":{"user":{{user}},"nick":"Ana R","roles":["600000000000000001"],"permissions":"{{permissions}}"}
              """;
        return $$"""{"id":"{{id}}","application_id":"{{ApplicationId}}","type":{{type}},"token":"tok-{{id}}","version":1,"channel_id":"500000000000000001","channel":{"id":"500000000000000001","name":"council"},"locale":"{{locale}}",{{where}},"data":{{data}}}""";
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _key.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
