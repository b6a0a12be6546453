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
        [Command("task mine", "See your tasks")]
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
        reply.Text.Should().Contain("2 more commands are for leads and admins");
        reply.Meaning.Ephemeral.Should().BeTrue();
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
        var folder = Directory.CreateTempSubdirectory("help-languages-").FullName;
        await using var bot = await TestBot.StartAsync(
            plugins: ["help"],
            extraPlugins: [(new OrganizingPlugin(), null)],
            configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = TestLanguages.Write(folder, "es", ("organizing.command.task.mine", "Ver sus tareas")) });

        var reply = await bot.As(Platform.Discord, locale: "es-ES").SendAsync("/help");
        Directory.Delete(folder, recursive: true);

        reply.Text.Should().Contain("Comandos").And.Contain("Ver sus tareas");
    }

    [Theory]
    [InlineData(null, "/tp commands")]
    [InlineData("es", "Comandos de /tp")]
    public async Task Help_CommandWithSubcommands_ListsTheGroup(string? locale, string title)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "tp"]);

        var member = await bot.As(Platform.Slack, Role.Member, locale: locale).SendAsync("/help tp");
        var lead = await bot.As(Platform.Slack, Role.Lead, locale: locale).SendAsync("/help tp");
        var one = await bot.As(Platform.Slack, Role.Member, locale: locale).SendAsync("/help tp rebut");

        member.Reply.Title.Should().Be(title);
        member.Text.Should().Contain("/tp [topic…]").And.Contain("/tp rebut").And.Contain("/tp show").And.Contain("/tp topics").And.Contain("/tp lang").And.NotContain("/tp add");
        lead.Text.Should().Contain("/tp add").And.Contain("/tp edit").And.Contain("/tp remove").And.Contain("/tp hide").And.Contain("/tp unhide");
        one.Reply.Title.Should().Be("/tp rebut");
    }

    [Fact]
    public async Task Help_Spanish_ShowsPluginHeadingsInSpanish()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "tp"]);

        var reply = await bot.As(Platform.Console, Role.Member, locale: "es").SendAsync("/help");

        reply.Reply.Fields.Select(f => f.Name).Should().Equal(
            "help — Muestra los comandos que puede usar.",
            "tp — Puntos clave para el concejo, los medios, comunidades de fe, negocios, policía y vecinos, en inglés y español");
    }

    [Theory]
    [InlineData(null, "1 more command is for admins.")]
    [InlineData("es", "Otro comando es para administradores.")]
    public async Task Help_LeadWhenOnlyAdminCommandsAreHidden_SaysTheyAreForAdmins(string? locale, string footer)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack, Role.Lead, locale: locale).SendAsync("/help");

        reply.Reply.Footer.Should().EndWith(footer);
    }

    [Theory]
    [InlineData(null, "**First, run `/coalition setup`**")]
    [InlineData("es", "**Primero, use `/coalition setup`**")]
    public async Task Help_AdminOfANewCoalition_StartsWithSetup_UntilTheTimeZoneIsSet(string? locale, string first)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition"]);
        var admin = bot.As(Platform.Slack, Role.Admin, locale: locale);

        var before = await admin.SendAsync("/help");
        var member = await bot.As(Platform.Slack, Role.Member, locale: locale).SendAsync("/help");
        await admin.SendAsync("/coalition timezone America/Chicago");
        var after = await admin.SendAsync("/help");

        before.Reply.Text.Should().StartWith(first);
        member.Reply.Text.Should().BeNull();
        after.Reply.Text.Should().BeNull();
    }
}
