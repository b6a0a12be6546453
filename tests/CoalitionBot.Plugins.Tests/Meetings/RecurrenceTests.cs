using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Plugins.Meetings;

namespace CoalitionBot.Plugins.Tests.Meetings;

public class RecurrenceTests
{
    private static readonly LanguageCatalogs Languages = LanguageCatalogs.Load([typeof(Recurrence).Assembly], directory: null);
    private static readonly CatalogStringLocalizer English = Languages.For(CultureInfo.GetCultureInfo("en-US"));
    private static readonly CatalogStringLocalizer Spanish = Languages.For(CultureInfo.GetCultureInfo("es"));

    [Theory]
    [InlineData("every 1st and 3rd tuesday", "FREQ=MONTHLY;BYDAY=1TU,3TU")]
    [InlineData("weekly on monday", "FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("every monday", "FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("monthly on the last thursday", "FREQ=MONTHLY;BYDAY=-1TH")]
    [InlineData("every 2 weeks on wednesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")]
    [InlineData("biweekly on friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR")]
    [InlineData("daily", "FREQ=DAILY")]
    [InlineData("monthly", "FREQ=MONTHLY")]
    [InlineData("cada primer y tercer martes", "FREQ=MONTHLY;BYDAY=1TU,3TU")]
    [InlineData("cada lunes", "FREQ=WEEKLY;BYDAY=MO")]
    [InlineData("el último jueves de cada mes", "FREQ=MONTHLY;BYDAY=-1TH")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=2TU")]
    [InlineData("freq=weekly;byday=tu,th", "FREQ=WEEKLY;BYDAY=TU,TH")]
    public void Parse_HowPeopleSayIt_GivesTheRule(string text, string rule)
    {
        Recurrence.Parse(text, out var error).Should().Be(rule, error?.In(English));
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("every 1st and 3rd")]
    [InlineData("FREQ=SOMETIMES")]
    public void Parse_Unclear_ExplainsWithExamples(string text)
    {
        Recurrence.Parse(text, out var error).Should().BeNull();
        error!.In(English).Should().NotBeNullOrEmpty().And.NotBe(error.Key);
        error.In(Spanish).Should().NotBeNullOrEmpty().And.NotBe(error.In(English));
    }

    [Fact]
    public void ParseLeadTimes_List_SortsLongestFirst()
    {
        Recurrence.ParseLeadTimes("2h, 7d,1d", out _).Should().Equal(TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(2));
        Recurrence.ParseLeadTimes("none", out _).Should().BeEmpty();
        Recurrence.ParseLeadTimes("soon", out var error).Should().BeNull();
        error!.In(English).Should().Contain("\"soon\" is not a reminder time");
        error.In(Spanish).Should().Contain("\"soon\" no es un tiempo de recordatorio");
    }

    [Theory]
    [InlineData("America/Chicago", "2026-03-03", "2026-03-04T00:00:00Z", "2026-03-17T23:00:00Z")]
    [InlineData("America/Los_Angeles", "2026-10-20", "2026-10-21T01:00:00Z", "2026-11-04T02:00:00Z")]
    public void Occurrences_WeeklyAcrossDst_StayAtSixPmLocal(string zone, string firstDate, string beforeDst, string afterDst)
    {
        var meeting = new Meeting
        {
            Title = "Council",
            StartLocal = DateTime.Parse(firstDate + "T18:00:00", System.Globalization.CultureInfo.InvariantCulture),
            TimeZone = zone,
            Rule = "FREQ=WEEKLY;BYDAY=TU",
        };
        var from = DateTimeOffset.Parse(firstDate + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var occurrences = Recurrence.Occurrences(meeting, from, from.AddDays(21)).ToList();

        occurrences.Should().HaveCount(3);
        occurrences.Should().Contain(DateTimeOffset.Parse(beforeDst, System.Globalization.CultureInfo.InvariantCulture));
        occurrences.Should().Contain(DateTimeOffset.Parse(afterDst, System.Globalization.CultureInfo.InvariantCulture));
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        occurrences.Should().OnlyContain(o => TimeZoneInfo.ConvertTime(o, tz).Hour == 18);
    }

    [Fact]
    public void Occurrences_FirstAndThirdTuesday_SkipsOtherDaysAndSkippedDates()
    {
        var meeting = new Meeting { Title = "Council", StartLocal = new DateTime(2026, 3, 3, 18, 0, 0), TimeZone = "America/Chicago", Rule = "FREQ=MONTHLY;BYDAY=1TU,3TU" };
        var skipped = new HashSet<DateTimeOffset> { new(2026, 3, 17, 23, 0, 0, TimeSpan.Zero) };

        var occurrences = Recurrence.Occurrences(meeting, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), skipped).ToList();

        occurrences.Select(o => o.UtcDateTime.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Should().Equal("03-04", "04-07", "04-21");
    }

    [Fact]
    public void Occurrences_StartNotOnTheRulesDay_IsNotInvented()
    {
        var meeting = new Meeting { Title = "Council", StartLocal = new DateTime(2026, 3, 4, 18, 0, 0), TimeZone = "UTC", Rule = "FREQ=WEEKLY;BYDAY=TU" };

        var occurrences = Recurrence.Occurrences(meeting, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero)).ToList();

        occurrences.Should().OnlyContain(o => o.DayOfWeek == DayOfWeek.Tuesday);
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=1TU,3TU", "every first and third Tuesday of the month", "el primer y tercer martes de cada mes")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1TH", "every last Thursday of the month", "el último jueves de cada mes")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE", "every Monday and Wednesday", "todos los lunes y miércoles")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=SU", "every 2 weeks on Wednesday", "cada 2 semanas, el miércoles")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA,SU,FR", "every Saturday, Sunday and Friday", "todos los sábados, domingos y viernes")]
    [InlineData("FREQ=DAILY;COUNT=5", "every day, 5 times", "todos los días, 5 veces")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270630T235959Z", "every month on day 15, until 2027-06-30", "cada mes, el día 15, hasta el 2027-06-30")]
    [InlineData("FREQ=YEARLY", "every year", "cada año")]
    public void Describe_CommonRules_InWords(string rule, string english, string spanish)
    {
        Recurrence.Describe(rule, English).Should().Be(english);
        Recurrence.Describe(rule, Spanish).Should().Be(spanish);
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")]
    [InlineData("FREQ=MONTHLY;BYDAY=1TU,3WE")]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=WEEKLY;INTERVAL=0")]
    [InlineData("BYDAY=MO")]
    public void Describe_RulesItCannotSayExactly_AreShownAsTheyAre(string rule) =>
        Recurrence.Describe(rule, English).Should().Be(Core.Replies.Markup.Escape("RRULE:" + rule));
}
