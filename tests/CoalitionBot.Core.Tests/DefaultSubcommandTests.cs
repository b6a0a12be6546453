using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests;

/// <summary>A command beside its subcommands (<c>/pts</c> and <c>/pts rebut</c>) is also reachable as <c>/pts run</c>, the name Discord registers it under.</summary>
public class DefaultSubcommandTests
{
    public sealed class PointsCommands : CommandModule
    {
        [Command("pts", "Talking points")]
        public CommandResult Show([Option("Audience")] string audience = "council") => new Reply { Text = $"points:{audience}" };

        [Command("pts rebut", "Answer an argument")]
        public CommandResult Rebut([Option("Argument", Remainder = true)] string argument) => new Reply { Text = $"rebut:{argument}" };

        [Command("solo", "No subcommands")]
        public CommandResult Solo([Option("Word")] string? word = null) => new Reply { Text = $"solo:{word}" };
    }

    public sealed class Clash : CommandModule
    {
        [Command("pts run", "Collides with the default subcommand")]
        public CommandResult Run() => new Reply();
    }

    private sealed class TestPlugin(params Type[] modules) : BotPlugin
    {
        public override string Name => "pts";

        public override string Description => "test";

        public override IEnumerable<Type> Modules => modules;
    }

    private static CommandCatalog Catalog(params Type[] modules)
    {
        var (commands, buttons) = CommandCatalog.Describe("pts", modules);
        return new CommandCatalog(commands, buttons);
    }

    [Fact]
    public void NestedWords_CommandWithSubcommands_AddsTheDefaultName()
    {
        var catalog = Catalog(typeof(PointsCommands));

        catalog.NestedWords(catalog.Find("pts")!).Should().Equal("pts", CommandCatalog.DefaultSubcommand);
        catalog.NestedWords(catalog.Find("pts rebut")!).Should().Equal("pts", "rebut");
        catalog.NestedWords(catalog.Find("solo")!).Should().Equal("solo");
    }

    [Fact]
    public void Find_DefaultSubcommandPath_FindsTheParent()
    {
        var catalog = Catalog(typeof(PointsCommands));

        catalog.Find("pts run")!.Path.Should().Be("pts");
        catalog.Find("solo run").Should().BeNull("/solo has no subcommands, so it has no default subcommand");
    }

    [Fact]
    public void Constructor_CommandNamedLikeTheDefault_FailsNamingIt()
    {
        var build = () => Catalog(typeof(PointsCommands), typeof(Clash));

        build.Should().Throw<CatalogException>().WithMessage("*command /pts run is taken*default subcommand of /pts*");
    }

    [Theory]
    [InlineData("/pts faith", "points:faith")]
    [InlineData("/pts run faith", "points:faith")]
    [InlineData("/pts", "points:council")]
    [InlineData("/pts run", "points:council")]
    [InlineData("/pts rebut it costs money", "rebut:it costs money")]
    [InlineData("/solo run", "solo:run")]
    public async Task Send_TextWithOrWithoutTheDefaultName_RunsTheSameCommand(string text, string expected)
    {
        await using var bot = await TestBot.StartAsync(plugins: [], extraPlugins: [(new TestPlugin(typeof(PointsCommands)), null)]);

        var reply = await bot.As(Platform.Slack).SendAsync(text);

        reply.Text.Should().Be(expected);
    }

    [Fact]
    public async Task SendOptions_DiscordPathWithTheDefaultName_RunsTheParent()
    {
        await using var bot = await TestBot.StartAsync(plugins: [], extraPlugins: [(new TestPlugin(typeof(PointsCommands)), null)]);

        var reply = await bot.As(Platform.Discord).SendOptionsAsync("pts run", new Dictionary<string, string> { ["audience"] = "media" });

        reply.Text.Should().Be("points:media");
    }
}
