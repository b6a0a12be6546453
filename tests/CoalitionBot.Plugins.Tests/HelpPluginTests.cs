using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;

namespace CoalitionBot.Plugins.Tests;

public class HelpPluginTests
{
    private sealed class OrganizingPlugin : BotPlugin
    {
        public override string Name => "organizing";

        public override string Description => "Test commands for every role";

        public override IEnumerable<Type> Modules => [typeof(OrganizingCommands)];
    }

    public sealed class OrganizingCommands : CommandModule
    {
        [Command("task mine", "See your tasks", DescriptionEs = "Ver sus tareas")]
        public CommandResult Mine() => new Reply { Text = Context.User.Name };

        [Command("task assign", "Assign a task", Role = Role.Lead)]
        public CommandResult Assign([Option("Who does it")] UserRef who, [Option("Due date")] DateTimeOffset? due = null) => new Reply { Text = who.Name };

        [Command("coalition delete", "Delete everything", Role = Role.Admin)]
        public CommandResult Delete() => new Reply { Text = Context.User.Name };
    }

    private static Task<TestBot> StartAsync() =>
        TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new OrganizingPlugin(), null)]);

    [Theory]
    [InlineData(Platform.Console)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Discord)]
    public async Task Help_Member_SeesOnlyMemberCommands(Platform platform)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(platform, Role.Member).SendAsync("/help");

        reply.Text.Should().Contain("/task mine").And.Contain("/help").And.NotContain("/task assign").And.NotContain("/coalition delete");
        reply.Text.Should().Contain("2 more command(s) are for leads and admins");
        reply.Reply.Ephemeral.Should().BeTrue();
    }

    [Fact]
    public async Task Help_Admin_SeesEverythingWithRoleNotes()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync("/help");

        reply.Text.Should().Contain("/task assign <who> [due:…] — Assign a task (leads)").And.Contain("/coalition delete — Delete everything (admins)");
        reply.Text.Should().Contain("organizing — Test commands for every role");
    }

    [Fact]
    public async Task Help_OneCommand_ShowsOptions()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack, Role.Lead).SendAsync("/help task assign");

        reply.Reply.Title.Should().Be("/task assign");
        reply.Text.Should().Contain("who — Who does it · required").And.Contain("due — Due date · optional");
    }

    [Fact]
    public async Task Help_Group_ListsItsCommands()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack, Role.Lead).SendAsync("/help /task");

        reply.Text.Should().Contain("/task mine").And.Contain("/task assign").And.NotContain("/coalition");
    }

    [Fact]
    public async Task Help_Unknown_SaysSo()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack).SendAsync("/help petition");

        reply.Kind.Should().Be(ResultKind.NotFound);
        reply.Text.Should().Contain("There is no command /petition");
    }

    [Fact]
    public async Task Help_Spanish_UsesSpanishDescriptions()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord, locale: "es-ES").SendAsync("/help");

        reply.Text.Should().Contain("Comandos").And.Contain("Ver sus tareas");
    }
}
