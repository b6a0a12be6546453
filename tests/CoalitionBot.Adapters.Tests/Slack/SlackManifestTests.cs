using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Cli;
using CoalitionBot.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackManifestTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(TestBot bot, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new SlackManifestCliCommand().RunAsync(args, bot.Services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Manifest_Spanish_DescribesEveryCommandWordInSpanish()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition"]);

        var (code, yaml, _) = await RunAsync(bot, "manifest", "https://bot.example.org/", "es");

        code.Should().Be(CliExitCode.Ok);
        yaml.Should().Contain("""
                - command: /help
                  url: https://bot.example.org/slack/commands
                  description: "Ver los comandos que puede usar, o explicar uno"
                  usage_hint: "[command…]"
                  should_escape: true
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        yaml.Should().Contain("- command: /coalition").And.Contain("description: \"Comandos de /coalition\"");
        yaml.Should().Contain("request_url: https://bot.example.org/slack/interactions").And.Contain("description: \"Argumentos, mapa de poder");
    }

    [Fact]
    public async Task Manifest_English_UsesTheCommandsOwnDescriptions()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help"]);

        var (code, yaml, _) = await RunAsync(bot, "manifest", "https://bot.example.org");

        code.Should().Be(CliExitCode.Ok);
        yaml.Should().Contain("description: \"List the commands you can use, or explain one\"").And.NotContain("Ver los comandos");
    }

    [Theory]
    [InlineData(new[] { "manifest" }, "Give the bot's public address")]
    [InlineData(new[] { "manifest", "bot.example.org" }, "Give the bot's public address")]
    [InlineData(new[] { "manifest", "ftp://bot.example.org" }, "is not an address like https://bot.example.org")]
    [InlineData(new[] { "manifest", "https://bot.example.org", "xx" }, "\"xx\" is not a loaded language; the bot has: en, es, qps-ploc.")]
    [InlineData(new[] { "list" }, "usage: slack manifest")]
    public async Task Manifest_BadArguments_OneClearLineAndNothingPrinted(string[] args, string expected)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help"]);

        var (code, yaml, error) = await RunAsync(bot, args);

        code.Should().Be(CliExitCode.Failed);
        yaml.Should().BeEmpty();
        error.Should().Contain(expected);
    }
}
