using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.TalkingPoints;

namespace CoalitionBot.Plugins.Tests.TalkingPoints;

public class ContentPackTests
{
    private static readonly ContentPack Pack = ContentPack.Load();

    [Fact]
    public void Load_ShippedPack_HasAtLeastFortyPointsInBothLanguages()
    {
        Pack.Points.Should().HaveCountGreaterThanOrEqualTo(40);
        Pack.Points.Should().OnlyContain(p => p.Texts.ContainsKey("en") && p.Texts.ContainsKey("es"));
    }

    [Fact]
    public void Load_ShippedPack_TextsFitEveryPlatform()
    {
        foreach (var point in Pack.Points)
        {
            foreach (var (language, text) in point.Texts)
            {
                var at = $"{point.Id} ({language})";
                text.Title.Should().NotBeNullOrWhiteSpace(at).And.Subject.Length.Should().BeLessThanOrEqualTo(90, at);
                text.Summary.Should().NotBeNullOrWhiteSpace(at);
                text.Summary.Length.Should().BeLessThanOrEqualTo(600, $"{at}: a Discord field holds 1024 and a point is 2–4 short sentences");
                (text.Details?.Length ?? 0).Should().BeLessThanOrEqualTo(1500, at);
                text.Source.Should().NotBeNullOrWhiteSpace(at);
            }

            point.Audiences.Should().NotBeEmpty(point.Id);
            point.Topics.Should().NotBeEmpty(point.Id);
        }
    }

    [Fact]
    public void Load_ShippedPack_SpanishIsNotACopyOfTheEnglish()
    {
        foreach (var point in Pack.Points)
        {
            point.Texts["es"].Summary.Should().NotBe(point.Texts["en"].Summary, point.Id);
            point.Texts["es"].Title.Should().NotBe(point.Texts["en"].Title, point.Id);
        }
    }

    [Theory]
    [InlineData("rebuttal-protects-criminals")]
    [InlineData("rebuttal-already-protected")]
    [InlineData("rebuttal-lose-federal-money")]
    [InlineData("rebuttal-its-illegal")]
    [InlineData("rebuttal-police-need-every-tool")]
    public void Load_ShippedPack_AnswersTheCommonObjections(string id)
    {
        var point = Pack.Points.Should().ContainSingle(p => p.Id == id).Subject;

        point.Kind.Should().Be(PointKind.Rebuttal);
        point.Texts.Values.Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t.Objection));
    }

    [Theory]
    [InlineData("equal-treatment")]
    [InlineData("constitution")]
    [InlineData("detainers")]
    [InlineData("287g")]
    [InlineData("public-safety")]
    [InlineData("local-budget")]
    [InlineData("federal-funding")]
    [InlineData("policy-demands")]
    [InlineData("language-access")]
    [InlineData("sensitive-locations")]
    [InlineData("legal-defense")]
    [InlineData("u-visa")]
    [InlineData("hate-crimes")]
    [InlineData("oversight")]
    [InlineData("profiling")]
    public void Load_ShippedPack_CoversTheRequiredTopics(string topic) =>
        Pack.Points.Should().Contain(p => p.Topics.Contains(topic));

    [Fact]
    public void Load_ShippedPack_EveryAudienceHasPoints()
    {
        foreach (var audience in Enum.GetValues<Audience>())
        {
            Pack.Points.Count(p => p.Audiences.Contains(audience)).Should().BeGreaterThanOrEqualTo(5, audience.ToString());
        }
    }

    [Fact]
    public void Load_StoriesPoint_SaysConsent()
    {
        var stories = Pack.Points.Single(p => p.Id == "stories-with-consent");

        stories.Texts["en"].Summary.Should().Contain("consent");
        stories.Texts["es"].Summary.Should().Contain("consentimiento");
    }

    private const string Good = """
        ---
        id: sample-point
        title: A sample
        kind: point
        topics: [detainers]
        audiences: [council]
        lang: LANG
        source: Coalition organizing toolkit
        reviewed: 2026-11-24
        ---
        Short text.
        <!-- more -->
        Longer text.
        """;

    private static ContentPack Parse(params (string Path, string Folder, string Text)[] files) => ContentPack.Parse(files);

    private static (string, string, string) File(string language, string text, string id = "sample-point") =>
        ($"Content/{language}/{id}.md", language, text.Replace("LANG", language, StringComparison.Ordinal));

    [Fact]
    public void Parse_GoodPair_Loads()
    {
        var pack = Parse(File("en", Good), File("es", Good));

        var point = pack.Points.Should().ContainSingle().Subject;
        point.Texts["en"].Details.Should().Be("Longer text.");
    }

    [Theory]
    [InlineData("kind: point", "kind: speech", "kind \"speech\" must be point or rebuttal")]
    [InlineData("audiences: [council]", "audiences: [mayor]", "audience \"mayor\" is not one of")]
    [InlineData("reviewed: 2026-11-24", "reviewed: last week", "reviewed must be a date")]
    [InlineData("topics: [detainers]", "topics: detainers", "topics must be a list")]
    [InlineData("title: A sample\n", "", "the header needs \"title\"")]
    [InlineData("kind: point", "kind: rebuttal", "a rebuttal needs an \"objection\" line")]
    [InlineData("id: sample-point", "id: Sample Point", "must be 1–48 lowercase letters")]
    [InlineData("Short text.", "", "the short text is empty")]
    [InlineData("source: Coalition organizing toolkit", "source: x\nauthor: me", "unknown header key \"author\"")]
    public void Parse_MalformedFile_NamesThePathAndTheProblem(string replace, string with, string expected)
    {
        var bad = Good.Replace(replace, with, StringComparison.Ordinal);

        var act = () => Parse(File("en", bad), File("es", Good));

        act.Should().Throw<PluginConfigurationException>().Which.Message.Should().Contain("Content/en/sample-point.md").And.Contain(expected);
    }

    [Fact]
    public void Parse_MissingSpanish_IsAnError()
    {
        var act = () => Parse(File("en", Good));

        act.Should().Throw<PluginConfigurationException>().WithMessage("*has no es version*");
    }

    [Fact]
    public void Parse_LanguagesDisagreeOnAudiences_IsAnError()
    {
        var act = () => Parse(File("en", Good), File("es", Good.Replace("[council]", "[media]", StringComparison.Ordinal)));

        act.Should().Throw<PluginConfigurationException>().WithMessage("*must be the same as in Content/en/sample-point.md*");
    }

    [Fact]
    public void Parse_TooLongSummary_IsAnError()
    {
        var act = () => Parse(File("en", Good.Replace("Short text.", new string('x', 601), StringComparison.Ordinal)), File("es", Good));

        act.Should().Throw<PluginConfigurationException>().WithMessage("*short text has 601 characters*");
    }

    [Fact]
    public void Parse_FileNameNotId_IsAnError()
    {
        var act = () => Parse(File("en", Good, id: "other-name"), File("es", Good));

        act.Should().Throw<PluginConfigurationException>().WithMessage("*must be named sample-point.md*");
    }

    [Fact]
    public void Load_ExtraFolderWithBadFile_StopsStartUpWithItsPath()
    {
        var folder = Directory.CreateTempSubdirectory("tp-content-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "en"));
        System.IO.File.WriteAllText(Path.Combine(folder.FullName, "en", "broken.md"), "no header here");

        var act = () => ContentPack.Load(folder.FullName);

        act.Should().Throw<PluginConfigurationException>().WithMessage($"*{Path.Combine(folder.FullName, "en", "broken.md")}*front-matter*");
    }

    [Fact]
    public void WithLanguageFolders_TranslationNewPointAndBrokenFiles_AddsTheGoodAndReportsEachBadOne()
    {
        var folder = Directory.CreateTempSubdirectory("tp-languages-");
        try
        {
            var pack = Parse(File("en", Good), File("es", Good));
            WriteLanguageFile(folder, "ht", "sample-point.md", Good.Replace("A sample", "Yon egzanp", StringComparison.Ordinal));
            WriteLanguageFile(folder, "ht", "nouvo-pwen.md", Good.Replace("sample-point", "nouvo-pwen", StringComparison.Ordinal).Replace("A sample", "Nouvo", StringComparison.Ordinal));
            WriteLanguageFile(folder, "vi", "sample-point.md", Good.Replace("[council]", "[media]", StringComparison.Ordinal));
            WriteLanguageFile(folder, "vi", "wrong-lang.md", Good.Replace("sample-point", "wrong-lang", StringComparison.Ordinal).Replace("LANG", "ht", StringComparison.Ordinal));
            WriteLanguageFile(folder, "vi", "huge.md", new string('x', ContentPack.MaxFileBytes + 1));
            WriteLanguageFile(folder, "vi", "notes.txt", "not a pack file");

            var loaded = pack.WithLanguageFolders(folder.FullName);

            loaded.Points.Select(p => p.Id).Should().Equal("nouvo-pwen", "sample-point");
            var sample = loaded.Points.Single(p => p.Id == "sample-point");
            sample.In("ht").Should().Be(("ht", sample.Texts["ht"]));
            sample.Texts["ht"].Title.Should().Be("Yon egzanp");
            sample.In("vi").Language.Should().Be("en", "a language without the point's text gets English");
            loaded.Points.Single(p => p.Id == "nouvo-pwen").In("en").Language.Should().Be("ht", "a point written in one language only is shown in it");
            loaded.Problems.Should().SatisfyRespectively(
                p => p.Should().Contain(Path.Combine("vi", "talking-points", "huge.md")).And.Contain("larger than 64 KB"),
                p => p.Should().Contain(Path.Combine("vi", "talking-points", "sample-point.md")).And.Contain("must be the same as the point \"sample-point\""),
                p => p.Should().Contain(Path.Combine("vi", "talking-points", "wrong-lang.md")).And.Contain("lang ht does not match its folder vi/"));
            loaded.Problems.Should().OnlyContain(p => p.EndsWith("; the file is skipped.", StringComparison.Ordinal));
            pack.WithLanguageFolders(Path.Combine(folder.FullName, "missing")).Should().BeSameAs(pack);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Points_PseudoLocale_EnglishAccentedAndBracketed()
    {
        var pack = Parse(File("en", Good.Replace("Short text.", "Short {text}.", StringComparison.Ordinal)), File("es", Good));

        var pseudo = pack.Points[0].In(LanguageCatalogs.Pseudo);

        pseudo.Language.Should().Be(LanguageCatalogs.Pseudo);
        pseudo.Text.Title.Should().Be("[Å šåɱþľé]");
        pseudo.Text.Summary.Should().Be("[Šĥöŕţ (ţéẋţ).]", "braces cannot be in a catalog text, so they show as parentheses");
    }

    private static void WriteLanguageFile(DirectoryInfo folder, string language, string name, string text)
    {
        var path = Path.Combine(folder.FullName, language, ContentPack.LanguageFolderName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text.Replace("LANG", language, StringComparison.Ordinal));
    }
}
