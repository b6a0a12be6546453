using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Testing;
using Ical.Net;
using Ical.Net.DataTypes;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Meetings;

public class MeetingFeedTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(plugins: ["meetings"]);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private IPublicFeed Feed => _bot.Services.GetServices<IPublicFeed>().Single(f => f.Name == "meetings");

    private static string TokenOf(string replyText)
    {
        replyText = Core.Replies.Markup.ToPlainText(replyText);
        var start = replyText.IndexOf("/feeds/meetings/", StringComparison.Ordinal) + "/feeds/meetings/".Length;
        return replyText[start..replyText.IndexOf(".ics", start, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData(12, "slack:T1", "meeting-12-d751160ccf6fe766@coalitionbot")]
    [InlineData(3, "discord:900000000000000001", "meeting-3-ea84545ced63a4af@coalitionbot")]
    public void Uid_SameMeeting_IsTheSameInEveryProcessForever(long id, string tenant, string expected)
    {
        // Fixed values, not computed here: string.GetHashCode is randomised per process, so a UID built from it passed any
        // comparison inside one test process and still changed at every restart of the bot (duplicates in calendar apps).
        MeetingFeed.Uid(new Meeting { Id = id, TenantId = tenant }).Should().Be(expected);
    }

    [Fact]
    public async Task Feed_ServedTwice_GivesEveryEventTheSameUid()
    {
        var lead = _bot.As(Platform.Discord, Role.Lead);
        await lead.SendAsync("/meeting add \"City council\" \"2026-03-03 18:00\"");
        var token = TokenOf((await _bot.As(Platform.Discord).SendAsync("/meeting feed")).Reply.Text!) + ".ics";

        var first = Calendar.Load((await Feed.FindAsync(token, CancellationToken.None))!.Body)!.Events.Single().Uid;
        var second = Calendar.Load((await Feed.FindAsync(token, CancellationToken.None))!.Body)!.Events.Single().Uid;

        first.Should().Be(second).And.MatchRegex("^meeting-[0-9]+-[0-9a-f]{16}@coalitionbot$");
    }

    [Fact]
    public async Task Feed_ServedCalendar_ParsesBackWithTheSameOccurrences()
    {
        var lead = _bot.As(Platform.Discord, Role.Lead);
        await lead.SendAsync("/meeting add \"City council\" \"2026-03-03 18:00\" where:\"City Hall\" repeat:\"every 1st and 3rd tuesday\" zone:America/Chicago agenda:https://city.example/agenda");
        await lead.SendAsync("/meeting add \"Budget hearing\" \"2026-03-12 17:30\" zone:America/Los_Angeles");
        await lead.SendAsync("/meeting cancel 1 date:2026-03-17");
        var link = await _bot.As(Platform.Discord).SendAsync("/meeting feed");

        var document = await Feed.FindAsync(TokenOf(link.Reply.Text!) + ".ics", CancellationToken.None);

        document.Should().NotBeNull();
        document!.ContentType.Should().StartWith("text/calendar");
        var calendar = Calendar.Load(document.Body)!;
        calendar.Events.Should().HaveCount(2);
        var council = calendar.Events.Single(e => e.Summary == "City council");
        council.Location.Should().Be("City Hall");
        council.DtStart!.TzId.Should().Be("America/Chicago");
        var occurrences = council.GetOccurrences(new CalDateTime(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), "UTC", true))
            .TakeWhileBefore(new CalDateTime(new DateTime(2026, 4, 30, 0, 0, 0, DateTimeKind.Utc), "UTC", true))
            .Select(o => o.Period.StartTime.AsUtc).ToList();
        occurrences.Should().Equal(
            new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 4, 7, 23, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 4, 21, 23, 0, 0, DateTimeKind.Utc));
        calendar.TimeZones.Select(z => z.TzId).Should().BeEquivalentTo("America/Chicago", "America/Los_Angeles");
    }

    [Fact]
    public async Task Feed_UnknownOrResetToken_IsNotFound()
    {
        var lead = _bot.As(Platform.Slack, Role.Lead);
        var first = TokenOf((await lead.SendAsync("/meeting feed")).Reply.Text!);
        var same = TokenOf((await _bot.As(Platform.Slack).SendAsync("/meeting feed")).Reply.Text!);

        var reset = TokenOf((await lead.SendAsync("/meeting feed reset")).Reply.Text!);

        same.Should().Be(first);
        reset.Should().NotBe(first).And.HaveLength(43);
        (await Feed.FindAsync(first, CancellationToken.None)).Should().BeNull();
        (await Feed.FindAsync(reset, CancellationToken.None)).Should().NotBeNull();
        (await Feed.FindAsync("not-a-token-at-all-xxxxxxxxx", CancellationToken.None)).Should().BeNull();
        (await _bot.As(Platform.Slack).SendAsync("/meeting feed reset")).Kind.Should().Be(Core.Commands.ResultKind.Forbidden);
    }

    [Fact]
    public async Task Feed_OtherCoalitionsToken_ShowsOnlyItsMeetings()
    {
        await _bot.As(Platform.Slack, Role.Lead).SendAsync("/meeting add \"Slack hearing\" \"2026-03-12 17:30\"");
        await _bot.As(Platform.Discord, Role.Lead).SendAsync("/meeting add \"Discord vigil\" \"2026-03-12 19:30\"");
        var token = TokenOf((await _bot.As(Platform.Discord).SendAsync("/meeting feed")).Reply.Text!);

        var document = await Feed.FindAsync(token, CancellationToken.None);

        document!.Body.Should().Contain("Discord vigil").And.NotContain("Slack hearing");
    }
}
