using System.Net;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>The import and merge logic, on Legistar-shaped feed files (Meetings/Feeds), with the clock at Monday 2026-03-02 15:00 UTC.</summary>
public abstract class FeedImportTests(DatabaseProvider database) : IAsyncLifetime
{
    private const string Chicago = "America/Chicago";
    private const string CouncilUid = "7F0C2B1E-0002-4C55-9E0A-CITYCOUNCIL@springfield.legistar.com";
    private const string FinanceUid = "7F0C2B1E-0005-4C55-9E0A-FINANCE@springfield.legistar.com";
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(
        plugins: ["meetings"],
        configuration: new Dictionary<string, string?> { ["CoalitionBot:DefaultTimeZone"] = Chicago }, database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static ParsedFeed Fixture(string name)
    {
        var feed = FeedParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meetings", "Feeds", name)), Chicago, out var error);
        error.Should().BeNull();
        return feed!;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private Task<FeedSyncResult> ApplyAsync(string fixture, string? filter = null) =>
        _bot.InTenantAsync(Slack, async sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            var subscription = await db.Subscriptions.FirstOrDefaultAsync();
            if (subscription is null)
            {
                subscription = new MeetingSubscription { Number = 1, Url = "https://springfield.legistar.com/Feed.ashx?token=secret", Name = "Springfield City Council", ChannelId = "C0COUNCIL", ChannelName = "council", Filter = filter, CreatedBy = "U0LEAD" };
                db.Subscriptions.Add(subscription);
                await db.SaveChangesAsync();
            }

            return await sp.GetRequiredService<FeedSync>().ApplyAsync(subscription, Fixture(fixture), CancellationToken.None);
        });

    private Task<List<Meeting>> MeetingsAsync() =>
        _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.AsNoTracking().OrderBy(m => m.Number).ToListAsync());

    private Task<List<OutboxMessage>> PendingAsync() =>
        _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending).ToListAsync());

    private async Task<List<DateTimeOffset>> OccurrencesAsync(Meeting meeting)
    {
        var skipped = await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingPlanner>().SkippedAsync(meeting, CancellationToken.None));
        return Recurrence.Occurrences(meeting, Utc(3, 2, 15), Utc(6, 1, 0), skipped).ToList();
    }

    [DbFact]
    public void Parse_LegistarFeed_KeepsNewestSequenceZonesAgendaLinksAndAllDayEvents()
    {
        var feed = Fixture("legistar-v1.ics");

        feed.Name.Should().Be("Springfield City Council");
        var council = feed.Events.Should().ContainSingle(e => e.Key == CouncilUid).Subject;
        council.StartLocal.Should().Be(new DateTime(2026, 3, 10, 18, 0, 0), "SEQUENCE 1 replaces SEQUENCE 0 of the same UID");
        council.TimeZone.Should().Be(Chicago);
        council.Location.Should().Be("City Hall, Council Chambers");
        council.Agenda.Should().Be("https://springfield.legistar.com/MeetingDetail.aspx?ID=1002&GUID=DEF");

        var safety = feed.Events.Single(e => e.Title == "Public Safety Committee");
        safety.StartLocal.Should().Be(new DateTime(2026, 3, 12, 10, 0, 0), "15:00 UTC is 10:00 in Chicago after the DST change");
        safety.Agenda.Should().Be("https://springfield.legistar.com/View.ashx?M=A&ID=1003&GUID=ABC", "the first link of a folded DESCRIPTION");

        var finance = feed.Events.Single(e => e.Key == FinanceUid);
        finance.Rule.Should().Contain("FREQ=WEEKLY").And.Contain("COUNT=6");
        finance.Exceptions.Should().Equal(Utc(3, 18, 22, 30));
        var moved = feed.Events.Single(e => e.Uid == FinanceUid && e.RecurrenceId is not null);
        moved.RecurrenceId.Should().Be(Utc(3, 25, 22, 30));
        moved.Key.Should().Be(FinanceUid + "|20260325T223000Z");

        var holiday = feed.Events.Single(e => e.AllDay);
        holiday.StartLocal.Should().Be(new DateTime(2026, 3, 31));
    }

    [DbTheory]
    [InlineData("Central Standard Time", Chicago)]
    [InlineData("America/Los_Angeles", "America/Los_Angeles")]
    [InlineData("Custom Zone X", "America/Denver")]
    public void Parse_Tzid_WindowsNamesConvertedUnknownReadInCoalitionZone(string tzid, string expected)
    {
        var text = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x-1\r\nDTSTART;TZID={tzid}:20260410T090000\r\nSUMMARY:Board\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var evt = FeedParser.Parse(text, "America/Denver", out _)!.Events.Single();

        evt.TimeZone.Should().Be(expected);
        evt.StartLocal.Should().Be(new DateTime(2026, 4, 10, 9, 0, 0));
    }

    [DbTheory]
    [InlineData("<html><body>Not found</body></html>", "meetings.feed.not-icalendar")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026XX10T090000\r\n", "meetings.feed.unreadable")]
    public void Parse_NotACalendar_ReturnsAReason(string text, string reason)
    {
        FeedParser.Parse(text, Chicago, out var error).Should().BeNull();
        error!.Key.Should().Be(reason);
    }

    [DbTheory]
    [InlineData("City Council|Public Safety", "Public Safety Committee", true)]
    [InlineData("City Council|Public Safety", "CITY COUNCIL - Regular Meeting", true)]
    [InlineData("City Council|Public Safety", "Council of Cities", false)]
    [InlineData("city council", "Concejo: City Council", true)]
    [InlineData("Comité", "Comite de Finanzas", true)]
    [InlineData("Zoning", "City Council", false)]
    public void Filter_WordsOfAChoiceMustAllBeInTheTitle(string filter, string title, bool expected) =>
        FeedParser.Matches(FeedParser.ParseFilter(filter, out _)!, title).Should().Be(expected);

    [DbTheory]
    [InlineData("City Council||Parks")]
    [InlineData("|")]
    public void Filter_EmptyChoice_IsRefused(string filter)
    {
        FeedParser.ParseFilter(filter, out var error).Should().BeNull();
        error!.Key.Should().Be("meetings.subscribe.bad-filter");
    }

    [DbFact]
    public async Task Apply_FirstImportTwice_AddsUpcomingMeetingsOnceWithReminders()
    {
        var first = await ApplyAsync("legistar-v1.ics");
        var pendingAfterFirst = (await PendingAsync()).Count;
        var second = await ApplyAsync("legistar-v1.ics");

        first.Should().Be(new FeedSyncResult(Found: 7, Matched: 7, Added: 7, Updated: 0, Cancelled: 0), "the February meeting is past");
        second.Should().Be(new FeedSyncResult(7, 7, 0, 0, 0));
        var meetings = await MeetingsAsync();
        meetings.Should().HaveCount(7).And.OnlyContain(m => m.SubscriptionId != null && m.ChannelId == "C0COUNCIL");
        meetings.Select(m => m.Number).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        var pending = await PendingAsync();
        pending.Should().HaveCount(pendingAfterFirst);
        pending.Select(p => p.DedupKey).Should().OnlyHaveUniqueItems();
        var council = meetings.Single(m => m.ExternalKey == CouncilUid);
        pending.Where(p => p.DedupKey.StartsWith(MeetingPlanner.KeyPrefix(council), StringComparison.Ordinal)).Select(p => p.DueAt)
            .Should().BeEquivalentTo([Utc(3, 3, 23), Utc(3, 9, 23), Utc(3, 10, 21)]);
    }

    [DbFact]
    public async Task Apply_TimeChanged_MovesTheMeetingAndReplansItsReminders()
    {
        await ApplyAsync("legistar-v1.ics");
        var before = (await MeetingsAsync()).Single(m => m.ExternalKey == CouncilUid);

        var result = await ApplyAsync("legistar-v2.ics");

        result.Updated.Should().Be(1);
        var after = (await MeetingsAsync()).Single(m => m.ExternalKey == CouncilUid);
        after.Id.Should().Be(before.Id);
        after.Number.Should().Be(before.Number);
        after.StartLocal.Should().Be(new DateTime(2026, 3, 10, 19, 0, 0));
        var reminders = (await PendingAsync()).Where(p => p.DedupKey.StartsWith(MeetingPlanner.KeyPrefix(after), StringComparison.Ordinal)).ToList();
        reminders.Select(p => p.DueAt).Should().BeEquivalentTo([Utc(3, 4, 0), Utc(3, 10, 0), Utc(3, 10, 22)]);
        reminders.Should().OnlyContain(p => p.NotAfter == Utc(3, 11, 0));
    }

    [DbFact]
    public async Task Apply_CancelledByStatusOrGoneFromFeed_CancelsAndWithdrawsReminders()
    {
        await ApplyAsync("legistar-v1.ics");

        var result = await ApplyAsync("legistar-v2.ics");

        result.Cancelled.Should().Be(2);
        var meetings = await MeetingsAsync();
        meetings.Single(m => m.Title == "Zoning Board of Appeals").Cancelled.Should().BeTrue("STATUS:CANCELLED");
        meetings.Single(m => m.Title == "Parks and Recreation Committee").Cancelled.Should().BeTrue("it vanished from the feed");
        meetings.Count(m => !m.Cancelled).Should().Be(5);
        var pending = await PendingAsync();
        foreach (var gone in meetings.Where(m => m.Cancelled))
        {
            pending.Should().NotContain(p => p.DedupKey.StartsWith(MeetingPlanner.KeyPrefix(gone), StringComparison.Ordinal));
        }

        (await ApplyAsync("legistar-v1.ics")).Should().Match<FeedSyncResult>(r => r.Updated == 3, "back in the feed: the two return and the council moves back");
        (await MeetingsAsync()).Should().HaveCount(7).And.OnlyContain(m => !m.Cancelled);
    }

    [DbFact]
    public async Task Apply_RecurringWithExdateAndMovedDate_SkipsThoseDatesAndKeepsTheMoveAsItsOwnMeeting()
    {
        await ApplyAsync("legistar-v1.ics");

        var meetings = await MeetingsAsync();
        var series = meetings.Single(m => m.ExternalKey == FinanceUid);
        (await OccurrencesAsync(series)).Should().Equal(
            Utc(3, 4, 23, 30), // 17:30 CST
            Utc(3, 11, 22, 30), // 17:30 CDT: same local time across the DST change
            Utc(4, 1, 22, 30),
            Utc(4, 8, 22, 30));
        var moved = meetings.Single(m => m.ExternalKey == FinanceUid + "|20260325T223000Z");
        moved.Title.Should().Be("Finance Committee (rescheduled)");
        moved.Rule.Should().BeNull();
        (await OccurrencesAsync(moved)).Should().Equal(Utc(3, 26, 17));
    }

    [DbTheory]
    [InlineData(null, "(untitled)")]
    [InlineData("es", "(sin título)")]
    public async Task Apply_EventWithoutTitle_IsNamedInTheCoalitionsLanguage(string? language, string expected)
    {
        await _bot.InTenantAsync(Slack, sp =>
        {
            var core = sp.GetRequiredService<CoalitionBotDbContext>();
            core.TenantSettings.Add(new TenantSettings { Language = language });
            return core.SaveChangesAsync();
        });
        var feed = FeedParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x-1\r\nDTSTART:20260410T140000Z\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:x-2\r\nDTSTART:20260411T140000Z\r\nSUMMARY:Budget hearing\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", Chicago, out var error);
        error.Should().BeNull();

        await _bot.InTenantAsync(Slack, async sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            var subscription = new MeetingSubscription { Number = 1, Url = "https://example.org/cal.ics", Name = "Council", CreatedBy = "U0LEAD" };
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<FeedSync>().ApplyAsync(subscription, feed!, CancellationToken.None);
        });

        (await MeetingsAsync()).Select(m => m.Title).Should().Equal(expected, "Budget hearing");
    }

    [DbFact]
    public async Task Apply_AllDayEvent_IsShownAsAWholeDay()
    {
        await ApplyAsync("legistar-v1.ics");
        var holiday = (await MeetingsAsync()).Single(m => m.AllDay);

        var reply = await _bot.As(Platform.Slack).SendAsync($"/meeting show {holiday.Number}");

        reply.Text.Should().Contain("Tuesday, March 31 (all day)").And.Contain("from feed #1 Springfield City Council");
    }

    [DbFact]
    public async Task Apply_ImportedSeries_ShowsItsRepeatInWords()
    {
        await ApplyAsync("legistar-v1.ics");
        var finance = (await MeetingsAsync()).Single(m => m.Title == "Finance Committee");

        var reply = await _bot.As(Platform.Slack).SendAsync($"/meeting show {finance.Number}");

        reply.Text.Should().Contain("every Wednesday, 6 times").And.NotContain("RRULE");
    }

    [DbFact]
    public async Task ServedFeed_OfImportedMeetings_ParsesBackWithAllDayDatesAndExceptions()
    {
        await ApplyAsync("legistar-v1.ics");
        var (meetings, skips) = await _bot.InTenantAsync(Slack, async sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            return (await db.Meetings.AsNoTracking().ToListAsync(), await db.Skips.AsNoTracking().ToListAsync());
        });

        var calendar = Ical.Net.Calendar.Load(MeetingFeed.Write(meetings, skips, "Coalition meetings"))!;

        calendar.Events.Should().HaveCount(7);
        var holiday = calendar.Events.Single(e => e.Summary == "City offices closed - Cesar Chavez Day");
        holiday.DtStart!.HasTime.Should().BeFalse();
        holiday.DtStart.Date.Should().Be(new DateOnly(2026, 3, 31));
        var finance = calendar.Events.Single(e => e.Summary == "Finance Committee");
        finance.ExceptionDates.GetAllDates().Select(d => d.AsUtc).Should().BeEquivalentTo([Utc(3, 18, 22, 30).UtcDateTime, Utc(3, 25, 22, 30).UtcDateTime]);
    }

    [DbFact]
    public async Task Refresh_SubscriptionThatThrows_IsPostponedNotRetriedInALoop()
    {
        await _bot.InTenantAsync(Slack, async sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            db.Subscriptions.Add(new MeetingSubscription { Number = 1, Url = "::not a url::", Name = "Broken", NextRefreshAt = _bot.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        var next = await _bot.Services.GetRequiredService<FeedRefresher>().RefreshDueAsync(CancellationToken.None);

        next.Should().Be(_bot.Clock.GetUtcNow() + TimeSpan.FromHours(2));
        var subscription = await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Subscriptions.AsNoTracking().SingleAsync());
        subscription.LastError.Should().Be("meetings.feed.import-crashed");
    }

    [DbFact]
    public async Task Apply_WithFilter_ImportsOnlyMatchingTitles()
    {
        var result = await ApplyAsync("legistar-v1.ics", filter: "City Council|Finance");

        result.Found.Should().Be(7);
        result.Matched.Should().Be(3);
        (await MeetingsAsync()).Select(m => m.Title).Should().BeEquivalentTo(["City Council", "Finance Committee", "Finance Committee (rescheduled)"]);
    }

    [DbTheory]
    [InlineData("/meeting edit {0} where:\"Library\"")]
    [InlineData("/meeting agenda {0} https://example.org/agenda")]
    [InlineData("/meeting cancel {0}")]
    public async Task HandEdit_OfImportedMeeting_IsRefusedAndChangesNothing(string command)
    {
        await ApplyAsync("legistar-v1.ics");
        var council = (await MeetingsAsync()).Single(m => m.ExternalKey == CouncilUid);
        var pending = (await PendingAsync()).Count;

        var reply = await _bot.As(Platform.Slack, Role.Lead).SendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, council.Number));

        reply.IsSuccess.Should().BeFalse();
        reply.Text.Should().Contain("comes from the calendar feed #1 Springfield City Council").And.Contain("/meeting unsubscribe");
        (await MeetingsAsync()).Single(m => m.Id == council.Id).Should().BeEquivalentTo(council);
        (await PendingAsync()).Should().HaveCount(pending);
    }

    [DbTheory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::10.0.0.1", false)]
    [InlineData("::ffff:0:127.0.0.1", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("2002:a9fe:a9fe::1", false)]
    [InlineData("2002:c0a8:0101::", false)]
    [InlineData("64:ff9b::127.0.0.1", false)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("64:ff9b:1::1", false)]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", false)]
    [InlineData("2a00:1:2:3:0:5efe:7f00:1", false)]
    [InlineData("fe80::5efe:10.0.0.1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("::ffff:93.184.216.34", true)]
    [InlineData("2002:5db8:d822::1", true)]
    [InlineData("64:ff9b::5db8:d822", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void IsPublic_RefusesLoopbackPrivateLinkLocalAndEveryIPv6FormOfThem(string address, bool expected) =>
        FeedFetcher.IsPublic(IPAddress.Parse(address)).Should().Be(expected);

    [DbTheory]
    [InlineData("https://city.legistar.com/Feed.ashx?M=Calendar&ID=1", "https://city.legistar.com/Feed.ashx?M=Calendar&ID=1")]
    [InlineData("<https://city.example/cal.ics|city calendar>", "https://city.example/cal.ics")]
    [InlineData("webcal://city.example/cal.ics", "https://city.example/cal.ics")]
    [InlineData("ftp://city.example/cal.ics", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("https://user:pw@city.example/cal.ics", null)]
    [InlineData("city.example/cal.ics", null)]
    public void ParseUrl_AcceptsOnlyHttpLinks(string text, string? expected) =>
        (FeedFetcher.ParseUrl(text, out _)?.ToString()).Should().Be(expected);

    [DbFact]
    public void Display_DropsTheQuery() =>
        FeedFetcher.Display("https://city.example/Feed.ashx?token=s3cret#x").Should().Be("https://city.example/Feed.ashx");
}

public sealed class FeedImportTestsOnSqlite() : FeedImportTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class FeedImportTestsOnPostgres() : FeedImportTests(DatabaseProvider.Postgres);
