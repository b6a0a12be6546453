using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Host.Tests.Discord;

public class DiscordStartupTests
{
    public sealed class BadDescriptionCommands : CommandModule
    {
        [Command("bad", "ok")]
        public CommandResult Bad() => new Reply();
    }

    private sealed class BadPlugin : Core.Plugins.BotPlugin
    {
        public override string Name => "badplugin";

        public override string Description => "test";

        public override IEnumerable<Type> Modules => [typeof(BadDescriptionCommands)];
    }

    private static string[] Args(string folder, params string[] discord) =>
    [
        "--CoalitionBot:PluginsFile", Path.Combine(folder, "plugins.json"),
        "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bot.db")}",
        "--CoalitionBot:Discord:ApiBaseUrl", "http://127.0.0.1:9/api/v10/",
        "--CoalitionBot:Discord:RegisterCommands", "false",
        "--urls", "http://127.0.0.1:0",
        "--Logging:LogLevel:Default", "None",
        .. discord,
    ];

    [Theory]
    [InlineData("not-hex", "100000000000000001", "CoalitionBot:Discord:PublicKey")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "app", "CoalitionBot:Discord:ApplicationId")]
    public async Task Start_BadDiscordSetting_StopsNamingTheKey(string publicKey, string applicationId, string key)
    {
        var folder = HostProcess.NewWorkingDirectory();
        var start = async () =>
        {
            await using var app = await Program.BuildAsync(Args(folder,
                "--CoalitionBot:Discord:PublicKey", publicKey, "--CoalitionBot:Discord:BotToken", "t", "--CoalitionBot:Discord:ApplicationId", applicationId));
            await app.StartAsync();
        };

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(key);
    }

    [Fact]
    public async Task Start_TranslationBreakingDiscordLimits_StartsAndWarnsNamingPluginCommandAndKey()
    {
        var folder = HostProcess.NewWorkingDirectory();
        var logs = new LogCapture();
        await using var app = await Program.BuildAsync(
            Args(folder, "--CoalitionBot:Discord:BotToken", "t", "--CoalitionBot:Discord:ApplicationId", "100000000000000001", "--CoalitionBot:Discord:Mode", "Gateway",
                "--Logging:LogLevel:CoalitionBot.Adapters.Discord", "Warning",
                "--CoalitionBot:LanguagesDirectory", TestLanguages.Write(Path.Combine(folder, "languages"), "es",
                    ("badplugin.command.bad", "Una descripción en español que es demasiado larga para Discord porque pasa de los cien caracteres permitidos"))),
            builder =>
            {
                Core.CoreServices.AddPlugins(builder.Services, [new Core.Plugins.LoadedPlugin(new BadPlugin(), null, null)]);
                builder.Logging.AddProvider(logs);
            });

        // A translation over Discord's limit costs that locale its translation, never the registration.
        await app.StartAsync();
        await app.StopAsync();

        logs.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Line.Contains(
            "plugin \"badplugin\": command /bad: the es description has 108 characters; Discord takes 1–100, so es-ES, es-419 show the English one. Shorten \"badplugin.command.bad\" in the es catalog.",
            StringComparison.Ordinal));
    }
}
