using System.Globalization;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Localization;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests;

public class NaturalDateTimeParserTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");
    private readonly NaturalDateTimeParser _parser = new();

    // Tuesday 2026-12-01 22:00 in Chicago (CST, UTC-6).
    private static ParseContext At(CultureInfo culture, TimeOnly? defaultTime = null, DateTimeOffset? now = null) =>
        new(now ?? new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-6)), Chicago, culture) { DefaultTimeOfDay = defaultTime };

    private DateTimeOffset Read(string text, ParseContext context)
    {
        var value = _parser.Parse(text, context, out var error);
        error.Should().BeNull();
        value.Should().NotBeNull();
        return value!.Value;
    }

    [Theory]
    [InlineData("friday", 2026, 12, 4, 17, 0)]
    [InlineData("tomorrow 5pm", 2026, 12, 2, 17, 0)]
    [InlineData("in 3 days", 2026, 12, 4, 17, 0)]
    [InlineData("next tuesday 18:00", 2026, 12, 8, 18, 0)]
    [InlineData("dec 3", 2026, 12, 3, 17, 0)]
    [InlineData("Dec 3 9am", 2026, 12, 3, 9, 0)]
    [InlineData("by friday", 2026, 12, 4, 17, 0)]
    [InlineData("2026-12-03", 2026, 12, 3, 17, 0)]
    [InlineData("2026-12-03 18:00", 2026, 12, 3, 18, 0)]
    public void Parse_English_ReadsInTheCoalitionsZone(string text, int year, int month, int day, int hour, int minute)
    {
        var value = Read(text, At(English, new TimeOnly(17, 0)));

        value.Should().Be(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(-6)));
    }

    [Theory]
    [InlineData("viernes", 2026, 12, 4, 17, 0)]
    [InlineData("mañana a las 5", 2026, 12, 2, 17, 0)]
    [InlineData("mañana a las 9", 2026, 12, 2, 9, 0)]
    [InlineData("el próximo martes a las 18:00", 2026, 12, 8, 18, 0)]
    [InlineData("en 3 días", 2026, 12, 4, 17, 0)]
    [InlineData("3 de diciembre", 2026, 12, 3, 17, 0)]
    [InlineData("para el viernes", 2026, 12, 4, 17, 0)]
    public void Parse_Spanish_ReadsInTheCoalitionsZone(string text, int year, int month, int day, int hour, int minute)
    {
        var value = Read(text, At(Spanish, new TimeOnly(17, 0)));

        value.Should().Be(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(-6)));
    }

    [Theory]
    [InlineData("in 3 days", "es", 2026, 12, 4, 17)]
    [InlineData("viernes", "en", 2026, 12, 4, 17)]
    [InlineData("tomorrow 5pm", "es", 2026, 12, 2, 17)]
    public void Parse_TheOtherLanguage_IsUnderstoodToo(string text, string language, int year, int month, int day, int hour)
    {
        var value = Read(text, At(language == "es" ? Spanish : English, new TimeOnly(17, 0)));

        value.Should().Be(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(-6)));
    }

    [Fact]
    public void Parse_SameWordsInBothLanguagesInTurn_NeverMixTheirReadings()
    {
        // The recognizers cache extractions by text only; switching languages must not reuse the other one's.
        for (var round = 0; round < 3; round++)
        {
            Read("viernes", At(English, new TimeOnly(17, 0))).Day.Should().Be(4);
            Read("viernes", At(Spanish, new TimeOnly(17, 0))).Day.Should().Be(4);
            Read("in 3 days", At(Spanish, new TimeOnly(17, 0))).Day.Should().Be(4);
            Read("in 3 days", At(English, new TimeOnly(17, 0))).Day.Should().Be(4);
        }
    }

    [Fact]
    public void Parse_HourWithoutAmPm_ChoosesWakingHours()
    {
        // "a las 5" could be 05:00 or 17:00; people assigning outreach mean the afternoon.
        Read("mañana a las 5", At(Spanish)).Hour.Should().Be(17);
        Read("mañana a las 8", At(Spanish)).Hour.Should().Be(8);
    }

    [Fact]
    public void Parse_DateWithoutTime_WithoutDefault_IsMidnight()
    {
        Read("friday", At(English)).Should().Be(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.FromHours(-6)));
        Read("2026-12-03", At(English)).Should().Be(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(-6)));
    }

    [Theory]
    [InlineData("2026-12-03", "2026-12-03T17:00:00-06:00")]
    [InlineData("2026-12-03 18:00", "2026-12-03T18:00:00-06:00")]
    [InlineData("2026-12-03T18:00", "2026-12-03T18:00:00-06:00")]
    [InlineData("2026-12-03T18:00:00Z", "2026-12-03T18:00:00+00:00")]
    [InlineData("2026-12-03T18:00:00+01:00", "2026-12-03T18:00:00+01:00")]
    [InlineData("today", "2026-12-01T17:00:00-06:00")]
    [InlineData("hoy", "2026-12-01T17:00:00-06:00")]
    [InlineData("tomorrow", "2026-12-02T17:00:00-06:00")]
    [InlineData("mañana", "2026-12-02T17:00:00-06:00")]
    public void Parse_IsoInput_KeepsItsExactMeaning(string text, string expected)
    {
        var value = Read(text, At(English, new TimeOnly(17, 0)));

        value.Should().Be(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));
        value.Offset.Should().Be(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public async Task Parse_ManyThreadsInBothLanguages_GiveTheSequentialAnswers()
    {
        string[] phrases =
        [
            "friday", "tomorrow 5pm", "in 3 days", "next tuesday 18:00", "dec 3", "by friday", "next week", "next blorpday 5pm",
            "viernes", "mañana a las 5", "el próximo martes a las 18:00", "en 3 días", "3 de diciembre", "para el viernes", "viernes o cuando sea",
        ];
        var cases = phrases.SelectMany(p => new[] { (Text: p, Culture: English), (Text: p, Culture: Spanish) }).ToList();
        string Answer((string Text, CultureInfo Culture) c) =>
            $"{c.Text} [{c.Culture.Name}] → {_parser.Parse(c.Text, At(c.Culture, new TimeOnly(17, 0)), out var error)?.ToString("O", CultureInfo.InvariantCulture)} {error}";
        var sequential = cases.Select(Answer).ToList();

        // Every worker starts at the same signal and goes through the cases from a different place, so the two
        // languages are parsed at the same time, in every order.
        const int Workers = 4;
        using var start = new Barrier(Workers);
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            var rotated = cases.Skip(w * cases.Count / Workers).Concat(cases.Take(w * cases.Count / Workers)).ToList();
            return rotated.Select(c => (Expected: sequential[cases.IndexOf(c)], Actual: Answer(c))).ToList();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        var concurrent = (await Task.WhenAll(workers)).SelectMany(w => w).ToList();

        sequential.Should().Contain(a => a.StartsWith("viernes [en-US] → 2026-12-04T17:00:00.0000000-06:00", StringComparison.Ordinal))
            .And.Contain(a => a.StartsWith("in 3 days [es] → 2026-12-04T17:00:00.0000000-06:00", StringComparison.Ordinal));
        concurrent.Should().HaveCount(Workers * cases.Count);
        concurrent.Where(x => x.Actual != x.Expected).Should().BeEmpty();
    }

    [Theory]
    [InlineData("America/Chicago", "2026-03-07", "2026-03-09", -6, -5)]
    [InlineData("America/Chicago", "2026-10-31", "2026-11-02", -5, -6)]
    [InlineData("Europe/Madrid", "2026-03-28", "2026-03-30", 1, 2)]
    public void Parse_AcrossDstChange_UsesEachDaysOffset(string zoneId, string before, string after, int offsetBefore, int offsetAfter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var beforeDay = DateOnly.Parse(before, CultureInfo.InvariantCulture);
        var now = IsoDateTimeParser.ToZoned(beforeDay.ToDateTime(new TimeOnly(9, 0)), zone);
        var context = new ParseContext(now, zone, English) { DefaultTimeOfDay = new TimeOnly(17, 0) };

        var tomorrow = Read("tomorrow 5pm", context);
        var inTwoDays = Read("in 2 days", context);

        // The change happens in the small hours of the next day, so 5 pm tomorrow already has the new offset.
        tomorrow.Should().Be(new DateTimeOffset(beforeDay.AddDays(1).ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(offsetAfter)));
        inTwoDays.DateTime.Should().Be(DateOnly.Parse(after, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(17, 0)));
        inTwoDays.Offset.Should().Be(TimeSpan.FromHours(offsetAfter));
        now.Offset.Should().Be(TimeSpan.FromHours(offsetBefore));
    }

    [Fact]
    public void Parse_OnTheSkippedHourOfSpringForward_MovesPastTheGap()
    {
        // 2026-03-08 02:30 does not exist in Chicago: clocks jump from 02:00 to 03:00.
        var context = At(English, now: new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.FromHours(-6)));

        var value = Read("tomorrow 2:30am", context);

        value.Should().Be(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void Parse_PartlyUnderstood_SaysWhatWasUnderstood()
    {
        _parser.Parse("next blorpday 5pm", At(English), out var error).Should().BeNull();

        error.Should().Contain("I understood only “5pm” (Tue Dec 1, 17:00) in “next blorpday 5pm”");
    }

    [Fact]
    public void Parse_PartlyUnderstood_InSpanish_SaysItInSpanish()
    {
        _parser.Parse("viernes o cuando sea", At(Spanish), out var error).Should().BeNull();

        error.Should().StartWith("Solo entendí “viernes”");
    }

    // A language added as files (Haitian Creole) that the recognizer cannot read dates in, with the catalogs it was loaded into.
    private static ParseContext InLanguage(string language, LanguageCatalogs? catalogs = null)
    {
        catalogs ??= CoreLanguages.Catalogs;
        return new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-6)), Chicago,
            new CatalogStringLocalizer(catalogs, language, LanguageCatalogs.CultureFor(language)))
        {
            DefaultTimeOfDay = new TimeOnly(17, 0),
            Languages = catalogs,
        };
    }

    [Theory]
    [InlineData("friday 5pm", 2026, 12, 4, 17)]
    [InlineData("in 3 days", 2026, 12, 4, 17)]
    [InlineData("2026-12-03 18:00", 2026, 12, 3, 18)]
    public void Parse_LanguageTheRecognizerLacks_ReadsEnglishAndIso(string text, int year, int month, int day, int hour)
    {
        NaturalDateTimeParser.Reads("ht").Should().BeFalse();

        var value = Read(text, InLanguage("ht"));

        value.Should().Be(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(-6)));
    }

    [Fact]
    public void Parse_LanguageTheRecognizerLacks_ErrorSaysDatesAreReadInEnglishOrIsoNamingTheLanguageInItself()
    {
        var folder = Directory.CreateTempSubdirectory("coalitionbot-ht-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "ht"));
            File.WriteAllText(Path.Combine(folder.FullName, "ht", "core.json"), """{ "core.language.self": "Kreyòl ayisyen" }""");
            var catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], folder.FullName);

            _parser.Parse("vandredi", InLanguage("ht", catalogs), out var error).Should().BeNull();

            // The sentence itself is not translated into Kreyòl here, so it falls back to English for that string only.
            error.Should().Be("I couldn't read the date `vandredi`. For Kreyòl ayisyen I read dates in English or as 2026-03-14 18:00: try friday 5pm, in 3 days or 2026-12-03 18:00.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_LanguageTheRecognizerLacksAndTheSystemCannotName_NamesItsCode()
    {
        _parser.Parse("blorp", InLanguage("ht"), out var error).Should().BeNull();

        error.Should().Contain("For ht I read dates in English");
    }

    [Fact]
    public void Parse_LanguageTheRecognizerKnows_ReadsThatLanguage()
    {
        NaturalDateTimeParser.Reads("fr").Should().BeTrue();

        var value = Read("vendredi", InLanguage("fr"));

        value.Should().Be(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.FromHours(-6)));
    }

    [Fact]
    public void Parse_EnglishOrSpanish_ErrorGivesExamplesNotTheOtherLanguageNote()
    {
        _parser.Parse("blorp", At(Spanish), out var error).Should().BeNull();

        error.Should().StartWith("No entendí la fecha `blorp`").And.NotContain("inglés");
    }

    [Theory]
    [InlineData("blorp")]
    [InlineData("x7q")]
    public void Parse_Nonsense_IsAnErrorNotADefault(string text)
    {
        _parser.Parse(text, At(English, new TimeOnly(17, 0)), out var error).Should().BeNull();

        error.Should().Contain("couldn't read the date").And.Contain(text);
    }

    [Fact]
    public void Parse_APeriod_IsRefusedWithAHint()
    {
        _parser.Parse("next week", At(English), out var error).Should().BeNull();

        error.Should().Contain("not a moment");
    }
}
