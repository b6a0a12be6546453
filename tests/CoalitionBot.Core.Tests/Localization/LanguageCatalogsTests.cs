using System.Globalization;
using System.Text;
using System.Text.Json;
using CoalitionBot.Core.Localization;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Core.Tests.Localization;

public sealed class LanguageCatalogsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cb-languages-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Load_NoFolder_EnglishAndThePseudoLocale()
    {
        var catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], directory: Path.Combine(_folder, "missing"));
        catalogs.Problems.Should().BeEmpty();
        catalogs.Languages.Should().StartWith("en").And.EndWith(LanguageCatalogs.Pseudo);
    }

    [Fact]
    public void Load_Folder_AddsTheLanguageWithPerStringFallback()
    {
        Write("ht/ui.json", """{ "t.hello": "Bonjou {name}", "t.bye": "" }""");
        var catalogs = Load([("t.hello", "Hello {name}"), ("t.bye", "Bye")], _folder);

        catalogs.Problems.Should().BeEmpty();
        catalogs.Match("ht").Should().Be("ht");
        catalogs.Match("ht-HT").Should().Be("ht");
        var haitian = new CatalogStringLocalizer(catalogs, "ht", CultureInfo.InvariantCulture);
        haitian.Format("t.hello", new { name = "Ana" }).Should().Be("Bonjou Ana");
        haitian["t.bye"].Value.Should().Be("Bye", "an empty text is not translated yet, so English stands in");
        catalogs.Completeness("ht", "t").Should().Be((1, 2));
    }

    [Fact]
    public void Load_BadEntries_OneLineEachAndTheRestLoads()
    {
        Write("ht/ui.json", """
            {
              "t.hello": "Bonjou {nom}",
              "t.helo": "Bonjou",
              "t.count": "{n, plural, one {# moun} other {# moun}}",
              "t.open": "Ouvè {name",
              "t.bye": "Orevwa",
              "t.number": 3
            }
            """);
        Write("ht/broken.json", "{ \"t.bye\": ");
        Write("vi/list.json", "[1, 2]");
        Write("en/ui.json", "{}");
        Write("not a code/ui.json", "{}");

        var catalogs = Load([("t.hello", "Hello {name}"), ("t.bye", "Bye"), ("t.count", "{n, plural, one {# person} other {# people}}"), ("t.open", "Open {name}"), ("t.number", "Three")], _folder);

        catalogs.Problems.Should().SatisfyRespectively(
            p => p.Should().Contain("en").And.Contain("built into the bot"),
            p => p.Should().Contain(Path.Combine("ht", "broken.json")).And.Contain("not valid JSON"),
            p => p.Should().Contain("\"t.number\" must be a text"),
            p => p.Should().Contain("\"t.hello\" uses {nom} but English uses {name}"),
            p => p.Should().Contain("\"t.helo\" is not a key the bot knows"),
            p => p.Should().Contain("\"t.count\" has the plural choice \"one\", which ht does not use"),
            p => p.Should().Contain("\"t.open\" is malformed").And.Contain("not closed"),
            p => p.Should().Contain("\"not a code\" is not a language code"),
            p => p.Should().Contain(Path.Combine("vi", "list.json")).And.Contain("must be a JSON object"));
        catalogs.Find("ht", "t.bye")!.Value.Entry.Template.Text.Should().Be("Orevwa");
        catalogs.Find("ht", "t.hello")!.Value.Language.Should().Be("en");
    }

    [Fact]
    public void Match_Locales_MapToLoadedLanguagesOnly()
    {
        var catalogs = Load([("t.x", "x")], null, ("es", """{ "t.x": "equis" }"""));
        catalogs.Match("es-419").Should().Be("es");
        catalogs.Match("en-GB").Should().Be("en");
        catalogs.Match("QPS-PLOC").Should().Be(LanguageCatalogs.Pseudo);
        catalogs.Match("fr").Should().BeNull();
        catalogs.Match(" ").Should().BeNull();
    }

    [Fact]
    public void Localizer_UnknownKey_ComesBackAsItselfMarkedNotFound()
    {
        var strings = new CatalogStringLocalizer(Load([("t.x", "x")], null), "en", CultureInfo.InvariantCulture);
        strings["t.nope"].ResourceNotFound.Should().BeTrue();
        strings["t.nope"].Value.Should().Be("t.nope");
        strings.GetAllStrings(includeParentCultures: true).Select(s => s.Name).Should().Equal("t.x");
    }

    [Fact]
    public void Load_EnglishKeyOutsideItsCatalog_IsReported()
    {
        var catalogs = Load([("t.x", "x"), ("other.y", "y")], null);
        catalogs.Problems.Should().ContainSingle().Which.Should().Contain("\"other.y\" belongs in the catalog \"other\"");
    }

    [Fact]
    public void Load_BuiltInCommandTextsOfAPluginNotLoaded_UnusedNotReported()
    {
        var spanish = """{ "t.x": "equis", "t.command.t.show": "Mostrar", "t.plugin": "Te", "t.typo": "error" }""";
        var builtIn = new List<BuiltInCatalog>
        {
            new("t", "en", () => Stream("""{ "t.x": "x" }""")),
            new("t", "es", () => Stream(spanish)),
        };

        var notLoaded = LanguageCatalogs.Load(builtIn, null);
        var loaded = LanguageCatalogs.Load(builtIn, null, [new GeneratedEntry("t.plugin", "Tee", null, "note")]);

        notLoaded.Problems.Should().ContainSingle().Which.Should().Contain("\"t.typo\" is not a key the bot knows");
        loaded.Problems.Should().HaveCount(2).And.Contain(p => p.Contains("\"t.command.t.show\" is not a key the bot knows", StringComparison.Ordinal));
        loaded.Find("es", "t.plugin")!.Value.Entry.Template.Text.Should().Be("Te");
    }

    /// <summary>Catalogs with one built-in English catalog <c>t</c> (or several, by key prefix), built-in translations and a folder.</summary>
    [Fact]
    public void Load_DescriptionsOfAPluginNotLoaded_SkippedWithoutAProblem()
    {
        var builtIn = new List<BuiltInCatalog>
        {
            new("t", "en", () => Stream("""{ "t.hello": "Hello" }""")),
            new("t", "es", () => Stream("""{ "t.hello": "Hola", "t.plugin": "Cosas", "t.command.thing.add": "Agregar", "t.command.thing.add.option.name": "El nombre" }""")),
            new("u", "en", () => Stream("""{ "u.hello": "Hi" }""")),
            new("u", "es", () => Stream("""{ "u.command.other.ad": "Agregar", "u.plugin": "Otras cosas" }""")),
        };

        // Plugin "u" is loaded (its descriptions are generated); plugin "t" is turned off.
        var catalogs = LanguageCatalogs.Load(builtIn, null, [new GeneratedEntry("u.plugin", "Other things", null, "note"), new GeneratedEntry("u.command.other.add", "Add", null, "note")]);

        catalogs.Problems.Should().ContainSingle().Which.Should().Contain("\"u.command.other.ad\" is not a key the bot knows", "a loaded plugin's misspelt key is still a mistake");
        catalogs.IsTranslated("es", "t.hello").Should().BeTrue();
        catalogs.IsTranslated("es", "u.plugin").Should().BeTrue();
        catalogs.IsTranslated("es", "t.plugin").Should().BeFalse("nothing shows the description of a plugin that is off");
    }

    internal static LanguageCatalogs Load((string Key, string Text)[] english, string? folder = null, params (string Language, string Json)[] translations)
    {
        var builtIn = new List<BuiltInCatalog>
        {
            new("t", "en", () => Stream(JsonSerializer.Serialize(english.ToDictionary(e => e.Key, e => new { text = e.Text, note = "where it shows" })))),
        };
        builtIn.AddRange(translations.Select(t => new BuiltInCatalog("t", t.Language, () => Stream(t.Json))));
        return LanguageCatalogs.Load(builtIn, folder);
    }

    internal static LanguageCatalogs Load(params (string Key, string Text)[] english) => Load(english, null);

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
