using CoalitionBot.Core.Localization;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Core.Tests.Localization;

public sealed class ReaderTests
{
    private static readonly LanguageCatalogs Catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], directory: null);
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    // Thursday, Dec 3, 2026, 09:00 in Chicago.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static Reader In(string language, TimeZoneInfo? zone = null) => Catalogs.ReaderFor(language, zone ?? Chicago, Now);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), Chicago.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    [Theory]
    [InlineData("en", "in 97 days")]
    [InlineData("es", "en 97 días")]
    public void Relative_DateWithoutTime_CountsCalendarDays(string language, string expected)
    {
        In(language).Relative(Local(2027, 3, 10)).Value.Should().Be(expected);
        In(language).Relative(Local(2027, 3, 10, 18)).Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("en", 0, 30, "in 30 minutes")]
    [InlineData("en", 0, -1, "now")]
    [InlineData("en", -5, 0, "5 hours ago")]
    [InlineData("es", 3, 0, "en 3 horas")]
    [InlineData("es", -1, 0, "hace 1 hora")]
    public void Relative_UnderADay_HoursOrMinutes(string language, int hours, int minutes, string expected) =>
        In(language).Relative(Now + TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + (hours == 0 && minutes < 0 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero)).Value.Should().Be(expected);

    [Theory]
    [InlineData("en", "today", "tomorrow", "yesterday")]
    [InlineData("es", "hoy", "mañana", "ayer")]
    public void Relative_NeighbouringDays_Named(string language, string today, string tomorrow, string yesterday)
    {
        In(language).Relative(Local(2026, 12, 3)).Value.Should().Be(today);
        In(language).Relative(Local(2026, 12, 4, 18)).Value.Should().Be(tomorrow);
        In(language).Relative(Local(2026, 12, 2)).Value.Should().Be(yesterday);
    }

    [Fact]
    public void Relative_TomorrowMorningUnderADay_Hours() =>
        In("en").Relative(Local(2026, 12, 4, 8)).Value.Should().Be("in 23 hours");

    [Fact]
    public void Relative_WeeksAllowed_RoundsDown() =>
        In("en").Relative(Local(2026, 12, 15), largest: TimeUnits.Week).Value.Should().Be("in 1 week");

    [Theory]
    [InlineData(26 * 60 + 5, 2, "1 day, 2 hours")]
    [InlineData(24 * 60 + 5, 2, "1 day")]
    [InlineData(90, 1, "1 hour")]
    [InlineData(90, 2, "1 hour, 30 minutes")]
    [InlineData(0, 1, "0 minutes")]
    public void Duration_Precision_LargestUnitsFirst(int minutes, int precision, string expected) =>
        In("en").Duration(TimeSpan.FromMinutes(minutes), precision: precision).Value.Should().Be(expected);

    [Fact]
    public void Duration_Negative_IsItsLength() =>
        In("es").Duration(TimeSpan.FromDays(-2)).Value.Should().Be("2 días");

    [Theory]
    [InlineData("en", DateStyle.Day, "Wed, Mar 10, 2027")]
    [InlineData("es", DateStyle.Day, "mié 10 de mar de 2027")]
    [InlineData("en", DateStyle.DayTime, "Wed, Mar 10, 2027, 6:30 PM")]
    [InlineData("es", DateStyle.DayTime, "mié 10 de mar de 2027, 18:30")]
    [InlineData("en", DateStyle.Short, "Wed Mar 10, 18:30")]
    [InlineData("es", DateStyle.Short, "mié 10 mar, 18:30")]
    [InlineData("en", DateStyle.Weekday, "Wednesday, March 10")]
    [InlineData("es", DateStyle.Weekday, "miércoles 10 de marzo")]
    [InlineData("en", DateStyle.WeekdayTime, "Wednesday, March 10, 6:30 PM")]
    [InlineData("en", DateStyle.Time, "6:30 PM")]
    [InlineData("es", DateStyle.Time, "18:30")]
    public void Date_Style_LanguagePattern(string language, DateStyle style, string expected) =>
        In(language).Date(Local(2027, 3, 10, 18, 30), style).Value.Replace('\u202f', ' ').Should().Be(expected);

    [Fact]
    public void Date_DayTimeAtMidnight_DayOnly() =>
        In("en").Date(Local(2027, 3, 10), DateStyle.DayTime).Value.Should().Be("Wed, Mar 10, 2027");

    [Fact]
    public void Date_InTheReadersZone_NotUtc() =>
        In("en", TimeZoneInfo.Utc).Date(Local(2027, 3, 10, 20), DateStyle.Time).Value.Replace('\u202f', ' ').Should().Be("2:00 AM");

    [Fact]
    public void Date_PseudoLocale_AccentedAndBracketed()
    {
        var text = In(LanguageCatalogs.Pseudo).Date(Local(2027, 3, 10), DateStyle.Day).Value;
        text.Should().StartWith("[").And.EndWith("]").And.Contain("10").And.Contain("2027");
        text.Should().NotContain("Mar");
    }

    [Fact]
    public void Reader_AddedLanguage_OwnUnitsAndEnglishPatterns()
    {
        var folder = Directory.CreateTempSubdirectory("reader-ht");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "ht"));
            File.WriteAllText(Path.Combine(folder.FullName, "ht", "time.json"), """
                { "time.in": "nan {amount}", "time.unit.day": "{count, plural, other {# jou}}", "time.date.day": "dddd d MMMM yyyy 'la'" }
                """);
            var catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], folder.FullName);
            catalogs.Problems.Should().BeEmpty();
            var reader = catalogs.ReaderFor("ht", Chicago, Now);
            reader.Relative(Local(2026, 12, 13)).Value.Should().Be("nan 10 jou");
            reader.Relative(Local(2026, 12, 3, 12)).Value.Should().Be("nan 3 hours", "a unit the language lacks falls back to English, string by string");
            reader.Date(Local(2027, 3, 10), DateStyle.Day).Value.Should().MatchRegex(@"^\p{L}+ 10 \p{L}+ 2027 la$", "the translated pattern is used");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Date_BrokenTranslatedPattern_EnglishPattern()
    {
        var folder = Directory.CreateTempSubdirectory("reader-bad");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "fr"));
            File.WriteAllText(Path.Combine(folder.FullName, "fr", "time.json"), """{ "time.date.time": "HH:mm %" }""");
            var catalogs = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], folder.FullName);
            catalogs.ReaderFor("fr", TimeZoneInfo.Utc, Now).Date(Now, DateStyle.Time).Value.Replace('\u202f', ' ').Should().Be("3:00 PM");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReaderFor_UnknownLanguage_English() =>
        Catalogs.ReaderFor("xx", Chicago, Now).Relative(Now + TimeSpan.FromHours(2)).Value.Should().Be("in 2 hours");
}
