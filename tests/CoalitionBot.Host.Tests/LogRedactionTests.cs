using System.Collections.Concurrent;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Host.Tests;

public class LogRedactionTests
{
    private static readonly string[] Secrets =
    [
        "xoxb-SLACKBOT-TOKEN-5e1f", "xapp-SLACKAPP-TOKEN-77aa", "slack-signing-secret-0c9d", "discord-bot-token-MzQ1.Nz",
        "d15c0dbeef0000000000000000000000000000000000000000000000000000aa",
    ];

    private static readonly string[] Commands =
    [
        "/coalition timezone Zanzibar-Penguin-4471",
        "/coalition timezone America/Chicago",
        "/coalition leads add @Quokka-Whisper-9182",
        "/coalition channel reminders #Cobalt-Heron-3317",
        "/help Marmalade-Orbit-5531",
        "/velvetthunder Velvet-Thunder-2290",
        "/coalition delete confirm:Saffron-Kettle-6604",
        "/privacy me",
    ];

    private static readonly string[] DistinctiveText =
        ["Zanzibar-Penguin-4471", "Quokka-Whisper-9182", "Cobalt-Heron-3317", "Marmalade-Orbit-5531", "Velvet-Thunder-2290", "Saffron-Kettle-6604"];

    [Fact]
    public async Task Commands_ThroughTheRealHost_NeverLogTextOrSecretsAtInformationOrAbove()
    {
        // Every built-in plugin, so plugins added later are part of the check.
        var plugins = string.Join(", ", Plugins.BuiltInPlugins.Catalog.Keys.Select(name => $$"""{ "name": "{{name}}" }"""));
        var folder = HostProcess.NewWorkingDirectory($$"""{ "plugins": [ {{plugins}} ] }""");
        var capture = new CapturingLoggerProvider();
        string[] args =
        [
            $"--CoalitionBot:Database:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
            "--CoalitionBot:Console:Enabled=false",
            $"--CoalitionBot:Slack:BotToken={Secrets[0]}",
            $"--CoalitionBot:Slack:AppToken={Secrets[1]}",
            $"--CoalitionBot:Slack:SigningSecret={Secrets[2]}",
            $"--CoalitionBot:Discord:BotToken={Secrets[3]}",
            $"--CoalitionBot:Discord:PublicKey={Secrets[4]}",
            "--CoalitionBot:Discord:ApplicationId=100000000000000001",
            // The most talkative level an operator could pick, database included.
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Microsoft=Information",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Information",
        ];

        await using (var app = await Program.BuildAsync(args, builder => builder.Logging.AddProvider(capture)))
        {
            var router = app.Services.GetRequiredService<CommandRouter>();
            var caller = new Caller(TenantId.For(Platform.Slack, "TREDACT"), Platform.Slack, new UserRef("U0ADMIN", "Admin Person"), PlatformRole: Role.Admin);
            foreach (var command in Commands)
            {
                await router.RunAsync(CommandRequest.FromText(caller, command), CancellationToken.None);
            }

            await router.PressAsync(new ButtonPress(caller, "coalition.timezone", "Pacific/Saffron-Kettle-6604"), CancellationToken.None);
        }

        var logged = capture.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        logged.Should().Contain(e => e.Text.Contains("/coalition timezone finished", StringComparison.Ordinal), "the capture must see the router's Information logs");
        logged.Should().Contain(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal), "the capture must see database logs too");
        foreach (var secret in Secrets.Concat(DistinctiveText))
        {
            logged.Where(e => e.Text.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => $"{e.Level} {e.Category}: {e.Text}")
                .Should().BeEmpty($"\"{secret}\" must never reach the logs");
        }
    }

    [Fact]
    public async Task FeedRequest_AtTraceLevel_NeverLogsTheFeedToken()
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "meetings" } ] }""");
        var capture = new CapturingLoggerProvider();
        const string Token = "Secret-Feed-Token-7731";
        await using var app = await Program.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--CoalitionBot:Database:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
            "--CoalitionBot:Console:Enabled=false",
            "--Logging:LogLevel:Default=Trace",
            "--Logging:LogLevel:Microsoft=Trace",
            "--Logging:LogLevel:Microsoft.AspNetCore=Trace",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Trace",
        ], builder => builder.Logging.AddProvider(capture));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using (var http = new HttpClient { BaseAddress = new Uri(address) })
        {
            using var feed = await http.GetAsync($"/feeds/meetings/{Token}.ics");
            using var withQuery = await http.GetAsync($"/feeds/meetings/{Token}.ics?x=1");
        }

        await app.StopAsync();

        capture.Entries.Should().Contain(e => e.Text.Contains("/feeds/meetings/", StringComparison.Ordinal), "the capture must see the request being logged");
        capture.Entries.Where(e => e.Text.Contains(Token, StringComparison.Ordinal)).Select(e => $"{e.Level} {e.Category}: {e.Text}")
            .Should().BeEmpty("a feed's address is its password");
    }

    [Theory]
    [InlineData("GET /feeds/meetings/AbC_12-x.ics HTTP/1.1", "GET /feeds/meetings/*** HTTP/1.1")]
    [InlineData("POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24.tok/callback", "POST https://discord.com/api/v10/interactions/123/***/callback")]
    [InlineData("PATCH https://discord.com/api/v10/webhooks/100/aW50.ZX-Jh/messages/@original", "PATCH https://discord.com/api/v10/webhooks/100/***/messages/@original")]
    [InlineData("https://hooks.slack.com/commands/T1DC2JH3J/3977/96rGlfmibIGlgcZRskXaIFfN", "https://hooks.slack.com/commands/T1DC2JH3J/***")]
    [InlineData("token xoxb-123-456-abc and xapp-1-A0-99", "token xoxb-*** and xapp-***")]
    [InlineData("/coalition timezone America/Chicago", "/coalition timezone America/Chicago")]
    public void Redact_SecretsInUrlsAndText_AreMasked(string text, string expected) =>
        Core.Logging.SecretRedaction.Redact(text).Should().Be(expected);

    private sealed record LogEntry(LogLevel Level, string Category, string Text);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // Everything a sink could write: the message, the structured values, the scopes and the exception.
                var parts = new List<string> { formatter(state, exception), exception?.ToString() ?? string.Empty };
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
                }

                owner._scopes.ForEachScope((scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object>> pairs
                    ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                    : scope?.ToString() ?? string.Empty), parts);
                owner.Entries.Enqueue(new LogEntry(logLevel, category, string.Join(" | ", parts)));
            }
        }
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command")]
    [InlineData("Microsoft.EntityFrameworkCore.Update")]
    public async Task EfCoreFailures_AreLeftToWhoeverCatchesThem_WhileTheBotsOwnErrorsAreLogged(string category)
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" } ] }""");
        var capture = new CapturingLoggerProvider();
        await using var app = await Program.BuildAsync(
        [
            $"--CoalitionBot:Database:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
            "--CoalitionBot:Console:Enabled=false",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Trace",
        ], builder => builder.Logging.AddProvider(capture));
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        loggers.CreateLogger(category).IsEnabled(LogLevel.Error).Should().BeFalse(
            "a lost race on a unique key is caught and answered; the caller reports real failures once, with its reference");
        loggers.CreateLogger(typeof(CommandRouter).FullName!).IsEnabled(LogLevel.Error).Should().BeTrue();
    }
}
