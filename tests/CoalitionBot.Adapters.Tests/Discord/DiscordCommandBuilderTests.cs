using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;

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
        [Command("tp", "Talking points")]
        public CommandResult Show([Option("Audience", Autocomplete = typeof(Suggest))] string? audience = null) => new Reply();

        [Command("tp rebut", "Answer an argument")]
        public CommandResult Rebut([Option("Note")] string? note, [Option("The argument")] string argument) => new Reply();

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
        var catalog = Catalog(typeof(Points));
        var languages = TestLanguages.WithSpanish(catalog, ("test.command.tp", "Puntos de discusión"), ("test.command.tp.rebut.option.argument", "El argumento"));

        var commands = DiscordCommandBuilder.Build(catalog, languages, _ => { });

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
    public void Build_SpanishDescriptionTooLong_SkippedForItsLocalesWithAWarning()
    {
        var method = typeof(Huge).GetMethod(nameof(Huge.One))!;
        var command = new CommandDescriptor
        {
            Words = ["es"],
            Description = "ok",
            Role = Role.Member,
            Options = [],
            PluginName = "lang",
            ModuleType = typeof(Huge),
            Method = method,
        };
        var catalog = new CommandCatalog([command], []);
        var warnings = new List<string>();

        var built = DiscordCommandBuilder.Build(catalog, TestLanguages.WithSpanish(catalog, ("lang.command.es", new string('x', 101))), warnings.Add);

        built[0]!["description"]!.GetValue<string>().Should().Be("ok");
        built[0]!.AsObject().ContainsKey("description_localizations").Should().BeFalse("Discord shows the English description where the translation does not fit");
        warnings.Should().ContainSingle().Which.Should().Be(
            "plugin \"lang\": command /es: the es description has 101 characters; Discord takes 1–100, so es-ES, es-419 show the English one. Shorten \"lang.command.es\" in the es catalog.");
    }

    [Fact]
    public void Build_AddedLanguages_LocalizedForTheLocalesDiscordHas()
    {
        var catalog = Catalog(typeof(Points));
        var languages = TestLanguages.Load(
            catalog,
            ("ht", """{ "test.command.tp": "Pwen pou diskite" }"""),
            ("es", """{ "test.command.tp": "Puntos de discusión" }"""),
            ("pt", """{ "test.command.tp": "Pontos de discussão", "core.adapter.command-group": "Comandos de /{command}" }"""),
            ("vi", """{ "test.command.tp.rebut.option.argument": "Lập luận" }"""),
            ("zh-Hant", """{ "test.command.tp": "談話要點" }"""),
            ("fr", $$"""{ "test.command.tp": "{{new string('p', 101)}}" }"""));
        var warnings = new List<string>();

        var tp = DiscordCommandBuilder.Build(catalog, languages, warnings.Add)[0]!.AsObject();

        tp["description_localizations"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<string>())).Should().BeEquivalentTo(new[]
        {
            ("es-ES", "Puntos de discusión"), ("es-419", "Puntos de discusión"), ("pt-BR", "Pontos de discussão"), ("zh-TW", "談話要點"),
        }, "ht has no Discord locale, fr's text is too long, and zh-Hant is Traditional Chinese");
        var options = tp["options"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>());
        options["admin"]!["description_localizations"]!["pt-BR"]!.GetValue<string>().Should().Be("Comandos de /tp admin");
        options["rebut"]!["options"]![0]!["description_localizations"]!["vi"]!.GetValue<string>().Should().Be("Lập luận");
        options["run"]!["description_localizations"]!["pt-BR"]!.GetValue<string>().Should().Be("Pontos de discussão");
        warnings.Should().ContainSingle().Which.Should().Contain("the fr description has 101 characters").And.Contain("fr shows the English one");
        PlatformSpecs.DiscordRequestErrors("/applications/{application_id}/commands", "put", new JsonArray(tp.DeepClone())).Should().BeEmpty();
    }

    [Theory]
    [InlineData("es-419", "es")]
    [InlineData("es-ES", "es")]
    [InlineData("pt-BR", "pt")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("vi", "vi")]
    public void LocaleLanguages_LoadedLanguage_MapsDiscordsLocale(string locale, string language)
    {
        var map = DiscordCommandBuilder.LocaleLanguages(["en", "es", "ht", "pt", "vi", "zh-Hant", "qps-ploc"]);

        map.Should().Contain((locale, language));
        map.Select(m => m.Language).Should().NotContain(["en", "ht", "qps-ploc"]);
        map.Select(m => m.Locale).Should().OnlyContain(l => DiscordCommandBuilder.DiscordLocales.Contains(l));
    }

    [Fact]
    public void Build_EveryBuiltInPlugin_PassesDiscordsSpecWithItsSpanishLocalizations()
    {
        var plugins = CoalitionBot.Plugins.BuiltInPlugins.Catalog.Select(p => p.Value()).ToList();
        var described = plugins.Select(p => CommandCatalog.Describe(p.Name, p.Modules)).ToList();
        var catalog = new CommandCatalog(described.SelectMany(d => d.Commands).ToList(), described.SelectMany(d => d.Buttons).ToList());
        var languages = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly, typeof(CoalitionBot.Plugins.BuiltInPlugins).Assembly], null, [], catalog);
        var warnings = new List<string>();

        var commands = DiscordCommandBuilder.Build(catalog, languages, warnings.Add);

        warnings.Should().BeEmpty();
        PlatformSpecs.DiscordRequestErrors("/applications/{application_id}/commands", "put", commands).Should().BeEmpty();
        commands.Should().OnlyContain(c => c!["description_localizations"]!["es-419"] != null, "every built-in command is described in Spanish");
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
