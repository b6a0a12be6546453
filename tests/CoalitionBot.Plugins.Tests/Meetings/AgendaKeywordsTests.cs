using System.Text.Json;
using CoalitionBot.Plugins.Meetings;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>Keyword matching (case, accents, whole words, phrases) and reading Legistar's captured answers.</summary>
public class AgendaKeywordsTests
{
    [Theory]
    [InlineData("Resolution on ICE detainers", "ICE", "ICE")]
    [InlineData("resolution on ice DETAINERS", "ICE", "ice")]
    [InlineData("Ending the 287(g) agreement", "287(g)", "287(g)")]
    [InlineData("Report by Immigration and Customs Enforcement", "immigration", "Immigration")]
    [InlineData("Protección de INMIGRANTES", "inmigrantes", "INMIGRANTES")]
    [InlineData("Informe sobre inmigracion", "inmigración", "inmigracion")]
    [InlineData("Declaring a Welcoming   City", "welcoming city", "Welcoming   City")]
    public void Find_DefaultList_MatchesIgnoringCaseAndAccents(string text, string keyword, string matched)
    {
        var hit = AgendaKeywords.Of(null).Find(text);

        hit.Should().NotBeNull();
        hit!.Keyword.Should().Be(keyword);
        text.Substring(hit.Start, hit.Length).Should().Be(matched);
    }

    [Theory]
    [InlineData("Police overtime report")]
    [InlineData("Licensing of nice restaurants")]
    [InlineData("Immigrantville street renaming")]
    [InlineData("")]
    public void Find_WordInsideAnotherWord_DoesNotMatch(string text) =>
        AgendaKeywords.Of(null).Find(text).Should().BeNull();

    [Fact]
    public void Parse_OwnList_MatchesOnlyThoseWords()
    {
        var keywords = AgendaKeywords.Parse("jail contract | Sheriff", out var error)!;

        error.Should().BeNull();
        keywords.Words.Should().Equal("jail contract", "Sheriff");
        keywords.Find("Amendment to the county JAIL CONTRACT")!.Keyword.Should().Be("jail contract");
        keywords.Find("Resolution on ICE detainers").Should().BeNull();
    }

    [Theory]
    [InlineData("|")]
    [InlineData(" , ,")]
    [InlineData("()")]
    public void Parse_NoWords_IsRefused(string text)
    {
        AgendaKeywords.Parse(text, out var error).Should().BeNull();
        error!.Key.Should().Be("meetings.watch.bad-keywords");
    }

    [Fact]
    public void Highlight_EscapesTheTitleAndBoldsTheHit()
    {
        var title = "Ending *all* 287(g) agreements";
        var hit = AgendaKeywords.Of(null).Find(title)!;

        AgendaKeywords.Highlight(title, hit).Should().Be("Ending \\*all\\* **287\\(g\\)** agreements");
    }

    [Theory]
    [InlineData("2026-12-08T00:00:00", "9:30 AM", "2026-12-08T09:30:00", false)]
    [InlineData("2026-12-08T00:00:00", "1:30 PM", "2026-12-08T13:30:00", false)]
    [InlineData("2026-12-08T00:00:00", "10:00 am", "2026-12-08T10:00:00", false)]
    [InlineData("2026-12-08T00:00:00", null, "2026-12-08T00:00:00", true)]
    [InlineData("2026-12-08T00:00:00", "TBD", "2026-12-08T00:00:00", true)]
    public void LocalStart_LegistarDateAndTime_IsTheLocalWallClock(string date, string? time, string expected, bool allDay)
    {
        var start = LegistarClient.LocalStart(date, time);

        start!.Value.Local.Should().Be(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        start.Value.AllDay.Should().Be(allDay);
    }

    [Fact]
    public void CapturedAnswers_ReadAsLegistarRows()
    {
        static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meetings", "Legistar", name));

        var events = JsonSerializer.Deserialize<List<LegistarEvent>>(Read("nyc-events.json"))!;
        var olympia = JsonSerializer.Deserialize<List<LegistarEvent>>(Read("olympia-events.json"))!;
        var bodies = JsonSerializer.Deserialize<List<LegistarBody>>(Read("nyc-bodies.json"))!;
        var items = JsonSerializer.Deserialize<List<LegistarEventItem>>(Read("sanjose-eventitems-1080.json"))!;
        var olympiaItems = JsonSerializer.Deserialize<List<LegistarEventItem>>(Read("olympia-eventitems-7259.json"))!;

        events.Should().HaveCount(119).And.OnlyContain(e => AgendaWatcher.ToFeedEvent(e, "America/New_York") != null);
        events.Count(AgendaWatcher.Cancelled).Should().Be(25, "NYC marks called-off meetings Deferred");
        var first = AgendaWatcher.ToFeedEvent(events[0], "America/New_York")!;
        first.StartLocal.Should().Be(new DateTime(2026, 2, 24, 13, 30, 0));
        first.Agenda.Should().StartWith("https://nyc.legistar1.com/");
        olympia.Should().OnlyContain(e => AgendaWatcher.Published(e));
        bodies.Should().HaveCount(84).And.Contain(b => b.BodyName == "Committee on Immigration" && b.BodyActiveFlag == 1);
        items.Should().HaveCount(41).And.Contain(i => i.EventItemMatterAttachments!.Count > 0);
        olympiaItems.Should().HaveCount(4);
    }
}
