using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests;

public class CatalogTests
{
    public sealed class UpperCaseName : CommandModule
    {
        [Command("Task", "Bad name")]
        public CommandResult Run() => new Reply();
    }

    public sealed class LongDescription : CommandModule
    {
        [Command("long", "This description goes on and on and on and on and on and on and on and on and on and on and on and on.")]
        public CommandResult Run() => new Reply();
    }

    public sealed class MissingOptionAttribute : CommandModule
    {
        [Command("bare", "No option attribute")]
        public CommandResult Run(string text) => new Reply { Text = text };
    }

    public sealed class TwoRemainders : CommandModule
    {
        [Command("rem", "Two remainders")]
        public CommandResult Run([Option("text", Remainder = true)] string text, [Option("more", Remainder = true)] string more) => new Reply();
    }

    public sealed class UnsupportedType : CommandModule
    {
        [Command("uri", "Takes a Uri")]
        public CommandResult Run([Option("A link")] Uri link) => new Reply();
    }

    public sealed class WrongReturn : CommandModule
    {
        [Command("void", "Returns a string")]
        public string Run() => "x";
    }

    public sealed class DuplicateHelp : CommandModule
    {
        [Command("help", "Another help")]
        public CommandResult Run() => new Reply();
    }

    private sealed class ModulesPlugin(string name, params Type[] modules) : BotPlugin
    {
        public override string Name => name;

        public override string Description => "test";

        public override IEnumerable<Type> Modules => modules;
    }

    [Theory]
    [InlineData(typeof(UpperCaseName), "command /Task: each word must be 1–32 lowercase")]
    [InlineData(typeof(LongDescription), "command /long: the description must be 1–100 characters")]
    [InlineData(typeof(MissingOptionAttribute), "parameter 'text' needs an [Option] attribute")]
    [InlineData(typeof(TwoRemainders), "only one option can take the remaining words")]
    [InlineData(typeof(UnsupportedType), "parameter type Uri is not an option type")]
    [InlineData(typeof(WrongReturn), "must return CommandResult")]
    public void Describe_BadModule_NamesPluginAndCommand(Type module, string expected)
    {
        var act = () => CommandCatalog.Describe("bad", [module]);

        act.Should().Throw<CatalogException>().Which.Message.Should().StartWith("plugin \"bad\": ").And.Contain(expected);
    }

    [Fact]
    public async Task Start_TwoPluginsDeclareOneCommand_StopsWithBothNames()
    {
        var act = () => TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new ModulesPlugin("copycat", typeof(DuplicateHelp)), null)]);

        (await act.Should().ThrowAsync<CatalogException>()).Which.Message.Should().Contain("/help is declared twice (plugins \"help\" and \"copycat\")");
    }

    [Fact]
    public void Describe_OptionKinds_FollowParameterTypes()
    {
        var (commands, buttons) = CommandCatalog.Describe("kitchen", [typeof(KitchenSinkCommands)]);

        var assign = commands.Single(c => c.Path == "task assign");
        assign.Options.Select(o => (o.Name, o.Kind, o.Required)).Should().Equal(
            ("assignee", OptionKind.User, true), ("title", OptionKind.String, true), ("due", OptionKind.DateTime, false), ("count", OptionKind.Integer, false));
        assign.Usage.Should().Be("/task assign <assignee> <title> [due:…] [count:…]");
        commands.Single(c => c.Path == "stance").Options[0].Choices.Select(c => c.Name).Should().Equal("active-ally", "neutral", "active-opponent");
        buttons.Select(b => b.ActionId).Should().BeEquivalentTo("kitchen.yes", "kitchen.lead");
    }
}
