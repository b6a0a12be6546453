using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Tests.Discord;

public class DiscordCommandBuilderTests
{
    public enum Stance
    {
        [Choice("active-ally")]
        ActiveAlly,
        Neutral,
    }

    public sealed class Suggest : IAutocompleteProvider
    {
        public Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(CommandContext context, string partial, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AutocompleteChoice>>([]);
    }

    public sealed class Points : CommandModule
    {
        [Command("tp", "Talking points", DescriptionEs = "Puntos de discusión")]
        public CommandResult Show([Option("Audience", Autocomplete = typeof(Suggest))] string? audience = null) => new Reply();

        [Command("tp rebut", "Answer an argument")]
        public CommandResult Rebut([Option("Note")] string? note, [Option("The argument", DescriptionEs = "El argumento")] string argument) => new Reply();

        [Command("tp admin reset", "Reset points", Role = Role.Admin)]
        public CommandResult Reset() => new Reply();
    }

    public sealed class Everything : CommandModule
    {
        [Command("map", "Set a stance", Role = Role.Admin)]
        public CommandResult Map(
            [Option("Who")] UserRef who,
            [Option("Stance")] Stance stance,
            [Option("Where")] ChannelRef? where = null,
            [Option("Role")] RoleRef? role = null,
            [Option("Count", MinValue = 1, MaxValue = 10)] int count = 1,
            [Option("Weight")] double weight = 0,
            [Option("Urgent")] bool urgent = false,
            [Option("When")] DateTimeOffset? when = null,
            [Option("Remind")] TimeSpan? remind = null,
            [Option("Note", MaxLength = 200, MinLength = 2)] string? note = null,
            [Option("Team")] IReadOnlyList<UserRef>? team = null) => new Reply();
    }

    public sealed class Huge : CommandModule
    {
        [Command("big one", "A command")]
        public CommandResult One([Option("Level", Choices = ["a"])] string level) => new Reply();
    }

    private static CommandCatalog Catalog(params Type[] modules)
    {
        var (commands, buttons) = CommandCatalog.Describe("test", modules);
        return new CommandCatalog(commands, buttons);
    }

    [Fact]
    public void Build_CommandWithSubcommands_RegistersItselfAsTheDefaultSubcommand()
    {
        var commands = DiscordCommandBuilder.Build(Catalog(typeof(Points)));

        commands.Should().ContainSingle();
        commands[0]!.ToJsonString().Should().Be(
            """
            {"name":"tp","description":"Talking points","description_localizations":{"es-ES":"Puntos de discusi\u00F3n","es-419":"Puntos de discusi\u00F3n"},"options":[{"name":"admin","type":2,"description":"/tp admin commands","description_localizations":{"es-ES":"Comandos de /tp admin","es-419":"Comandos de /tp admin"},"options":[{"name":"reset","type":1,"description":"Reset points"}]},{"name":"rebut","type":1,"description":"Answer an argument","options":[{"type":3,"name":"argument","description":"The argument","description_localizations":{"es-ES":"El argumento","es-419":"El argumento"},"required":true},{"type":3,"name":"note","description":"Note","required":false}]},{"name":"run","type":1,"description":"Talking points","description_localizations":{"es-ES":"Puntos de discusi\u00F3n","es-419":"Puntos de discusi\u00F3n"},"options":[{"type":3,"name":"audience","description":"Audience","required":false,"autocomplete":true}]}],"type":1,"contexts":[0],"integration_types":[0]}
            """);
    }

    [Fact]
    public void Build_EveryOptionKind_MapsToDiscordTypes()
    {
        var command = DiscordCommandBuilder.Build(Catalog(typeof(Everything)))[0]!.AsObject();

        var options = command["options"]!.AsArray().Select(o => o!.AsObject()).ToList();
        options.Select(o => (o["name"]!.GetValue<string>(), o["type"]!.GetValue<int>())).Should().Equal(
            ("who", 6), ("stance", 3), ("where", 7), ("role", 8), ("count", 4), ("weight", 10), ("urgent", 5), ("when", 3), ("remind", 3), ("note", 3), ("team", 3));
        options[1]["choices"]!.ToJsonString().Should().Be("""[{"name":"active-ally","value":"active-ally"},{"name":"neutral","value":"neutral"}]""");
        options[4]["min_value"]!.GetValue<long>().Should().Be(1);
        options[4]["max_value"]!.GetValue<long>().Should().Be(10);
        options[9]["max_length"]!.GetValue<int>().Should().Be(200);
        options[9]["min_length"]!.GetValue<int>().Should().Be(2);
        command["default_member_permissions"]!.GetValue<string>().Should().Be("32");
    }

    [Fact]
    public void Build_UsersOption_IsAStringOptionThatTakesMentions()
    {
        // Discord has no multi-user option type; mentions typed into a string option arrive as "<@id> <@id>", which Core splits.
        var team = DiscordCommandBuilder.Build(Catalog(typeof(Everything)))[0]!["options"]!.AsArray()
            .Single(o => o!["name"]!.GetValue<string>() == "team")!;

        team["type"]!.GetValue<int>().Should().Be(3);
        team["required"]!.GetValue<bool>().Should().BeFalse();
        team.AsObject().ContainsKey("choices").Should().BeFalse();
    }

    [Fact]
    public void Build_RequiredOptions_ComeFirst()
    {
        var rebut = DiscordCommandBuilder.Build(Catalog(typeof(Points)))[0]!["options"]!.AsArray()
            .Single(o => o!["name"]!.GetValue<string>() == "rebut")!;

        rebut["options"]!.AsArray().Select(o => o!["required"]!.GetValue<bool>()).Should().Equal(true, false);
    }

    [Fact]
    public void Build_EveryBuiltInPlugin_FitsDiscordsLimits()
    {
        var plugins = CoalitionBot.Plugins.BuiltInPlugins.Catalog.Select(p => p.Value()).ToList();
        var described = plugins.Select(p => CommandCatalog.Describe(p.Name, p.Modules)).ToList();
        var catalog = new CommandCatalog(described.SelectMany(d => d.Commands).ToList(), described.SelectMany(d => d.Buttons).ToList());

        var commands = DiscordCommandBuilder.Build(catalog);

        var meeting = commands.Single(c => c!["name"]!.GetValue<string>() == "meeting")!;
        meeting["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).Should().Contain(["subscribe", "subscriptions", "unsubscribe"]);
    }

    [Fact]
    public void Build_TooManyCharacters_FailsNamingTheCommand()
    {
        var commands = Enumerable.Range(0, 25).Select(i => new CommandDescriptor
        {
            Words = ["big", $"sub{i}"],
            Description = new string('d', 100),
            DescriptionEs = new string('e', 100),
            Role = Role.Member,
            Options = Enumerable.Range(0, 25).Select(j => new OptionDescriptor
            {
                Name = $"option{j}",
                Description = new string('o', 100),
                Kind = OptionKind.String,
                Required = false,
                Parameter = typeof(Huge).GetMethod(nameof(Huge.One))!.GetParameters()[0],
            }).ToList(),
            PluginName = "huge",
            ModuleType = typeof(Huge),
            Method = typeof(Huge).GetMethod(nameof(Huge.One))!,
        });

        var build = () => DiscordCommandBuilder.Build(new CommandCatalog(commands, []));

        build.Should().Throw<CatalogException>().WithMessage("plugin \"huge\": command /big sub*: Discord takes at most 8000 characters*/big has*");
    }

    [Fact]
    public void Build_MoreThan25Subcommands_FailsNamingTheCommand()
    {
        var method = typeof(Huge).GetMethod(nameof(Huge.One))!;
        var commands = Enumerable.Range(0, 26).Select(i => new CommandDescriptor
        {
            Words = ["many", $"s{i:D2}"],
            Description = "d",
            Role = Role.Member,
            Options = [],
            PluginName = "many",
            ModuleType = typeof(Huge),
            Method = method,
        });

        var build = () => DiscordCommandBuilder.Build(new CommandCatalog(commands, []));

        build.Should().Throw<CatalogException>().WithMessage("plugin \"many\": command /many s00: Discord takes at most 25 subcommands under /many (has 26).");
    }

    [Fact]
    public void Build_SpanishDescriptionTooLong_FailsNamingTheCommand()
    {
        var method = typeof(Huge).GetMethod(nameof(Huge.One))!;
        var command = new CommandDescriptor
        {
            Words = ["es"],
            Description = "ok",
            DescriptionEs = new string('x', 101),
            Role = Role.Member,
            Options = [],
            PluginName = "lang",
            ModuleType = typeof(Huge),
            Method = method,
        };

        var build = () => DiscordCommandBuilder.Build(new CommandCatalog([command], []));

        build.Should().Throw<CatalogException>().WithMessage("plugin \"lang\": command /es: Discord needs a Spanish description of 1–100 characters (has 101).");
    }

    [Fact]
    public void Build_ChoiceOptions_AreStringsWithChoices()
    {
        var option = DiscordCommandBuilder.Build(Catalog(typeof(Huge)))[0]!["options"]![0]!["options"]![0]!.AsObject();

        option["type"]!.GetValue<int>().Should().Be(3);
        option["choices"]!.ToJsonString().Should().Be("""[{"name":"a","value":"a"}]""");
        option.ContainsKey("autocomplete").Should().BeFalse();
    }

    [Fact]
    public void Build_MemberCommand_HasNoPermissionDefault()
    {
        JsonObject help = DiscordCommandBuilder.Build(Catalog(typeof(Huge)))[0]!.AsObject();

        help.ContainsKey("default_member_permissions").Should().BeFalse();
        help["description"]!.GetValue<string>().Should().Be("/big commands");
    }
}
