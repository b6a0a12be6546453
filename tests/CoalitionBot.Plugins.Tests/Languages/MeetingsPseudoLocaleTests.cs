using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Meetings;
using CatalogText = CoalitionBot.Plugins.Meetings.CatalogText;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// The meetings plugin's texts that no command answers: reminders (with their RSVP buttons and late notice) written by the planner
/// into the outbox, agenda alerts and matter news, and the parsers' errors, all under a coalition whose language is the pseudo-locale.
/// </summary>
public sealed class MeetingsPseudoLocaleTests : IAsyncLifetime
{
    private readonly Recorder _messenger = new();
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        // Monday 2026-03-02 15:00 UTC.
        _bot = await TestBot.StartAsync(plugins: ["meetings", "coalition"], configure: s => s.AddSingleton<IMessenger>(_messenger));
        var set = await _bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync("/coalition language qps-ploc");
        set.IsSuccess.Should().BeTrue(set.Text);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TestUser Lead => _bot.As(Platform.Slack, Role.Lead, user: "ana");

    [Fact]
    public async Task Reminder_PseudoLocaleCoalition_LateReminderAndRsvpAreCatalogText()
    {
        var added = await Lead.SendAsync("/meeting add \"Ana Ruiz\" \"2026-03-04 15:00\" where:\"Ana Ruiz\" agenda:\"Ana Ruiz\" remind:1d,2h channel:#general");
        PseudoLocaleTests.Check(added, "/meeting add");

        // The bot is down for a day and half an hour: the 1-day reminder goes out 30 minutes late, with the late notice.
        _bot.Clock.Advance(TimeSpan.FromHours(24.5));
        await _bot.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var sent = _messenger.Sent.Should().ContainSingle().Subject;
        sent.Footer.Should().Contain(Pseudo("meetings.reminder.late"));
        PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(sent)), "the reminder").Should().BeGreaterThan(5);
        sent.Buttons.Should().HaveCount(2);
        foreach (var button in sent.Buttons)
        {
            PseudoLocaleTests.Check(await Lead.PressAsync(button), $"the reminder's {button.Value} button");
        }

        PseudoLocaleTests.Check(await Lead.PressAsync(new ReplyButton(MeetingCards.RsvpAction, "x", "broken")), "a broken RSVP button");
    }

    [Fact]
    public async Task AgendaAlertsAndMatterNews_PseudoLocale_AreCatalogText()
    {
        var reader = _bot.Services.GetRequiredService<LanguageCatalogs>().ReaderFor(LanguageCatalogs.Pseudo, TimeZoneInfo.Utc, _bot.Clock.GetUtcNow());
        var watch = new AgendaWatch { Number = 1, Client = "general", TimeZone = "UTC", ChannelId = "C1", ProtectedToken = "x", LeadMinutes = "1440" };
        var evt = new LegistarEvent(7, null, 1, "Ana Ruiz", "2026-03-10T00:00:00", "6:00 PM", "Final", null, null, null, null, null);
        var item = new LegistarEventItem(9, "Ana Ruiz", "12", null, null, null, "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", null, null);
        var row = new AgendaWatchItem { Id = 3, Title = "Ana Ruiz", Keyword = "Ana Ruiz", MatterFile = "Ana Ruiz" };
        foreach (var kind in Enum.GetValues<AgendaAlertKind>())
        {
            var alert = new AgendaAlert(kind, watch, evt, new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero), null, row, item, new KeywordHit("Ana Ruiz", 0, 8), _bot.Clock.GetUtcNow());
            PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(AgendaCards.Alert(alert, reader))), $"the {kind} agenda alert").Should().BeGreaterThan(3);
        }

        var matter = new LegistarMatter(31877, "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "2026-03-10T00:00:00");
        PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(AgendaCards.MatterScheduled(watch, matter, reader))), "matter scheduled");
        PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(AgendaCards.MatterStatus(watch, matter, "Ana Ruiz", reader))), "matter status");
        var vote = new LegistarMatterHistory(1, 7, null, "Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "8-0");
        PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(AgendaCards.MatterVote(watch, matter, vote, reader))), "matter vote");
        PseudoLocaleTests.Check(new TestReply(CommandResult.Ok(new Reply { Text = AgendaCards.Settings(watch, reader) })), "watch settings");
    }

    [Theory]
    [InlineData("/meeting add \"Ana Ruiz\" \"2026-03-10 18:00\" repeat:\"Ana Ruiz\"")]
    [InlineData("/meeting add \"Ana Ruiz\" \"2026-03-10 18:00\" repeat:\"every 1st\"")]
    [InlineData("/meeting add \"Ana Ruiz\" \"2026-03-10 18:00\" remind:\"Ana Ruiz\"")]
    [InlineData("/meeting add \"Ana Ruiz\" \"2026-03-10 18:00\" zone:\"Ana Ruiz\"")]
    [InlineData("/meeting add \"Ana Ruiz\" \"2026-02-10 18:00\"")]
    [InlineData("/meeting subscribe ftp://general")]
    [InlineData("/meeting subscribe https://ana:secret@general.example/cal.ics")]
    [InlineData("/meeting subscribe https://general.example/cal.ics filter:|")]
    [InlineData("/meeting subscribe http://127.0.0.1/cal.ics")]
    [InlineData("/meeting watch general keywords:|")]
    [InlineData("/meeting cancel 1 date:2026-03-11")]
    public async Task BadInput_PseudoLocale_ErrorIsCatalogText(string command)
    {
        await Lead.SendAsync("/meeting add \"Ana Ruiz\" \"2026-03-03 18:00\" repeat:\"RRULE:FREQ=WEEKLY;BYDAY=TU\"");

        var reply = await Lead.SendAsync(command);

        reply.IsSuccess.Should().BeFalse(reply.Text);
        PseudoLocaleTests.Check(reply, command).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task FeedErrors_StoredAsKeys_AreReadInTheReadersLanguage()
    {
        string[] reasons =
        [
            new CatalogText("meetings.fetch.status", new { status = 404, reason = "Ana Ruiz" }).Stored(),
            new CatalogText("meetings.fetch.timeout", new { seconds = 20 }).Stored(),
            new CatalogText("meetings.feed.import-crashed").Stored(),
        ];
        await _bot.InTenantAsync(TestBot.DefaultTenant(Platform.Slack), sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            db.Subscriptions.AddRange(reasons.Select((reason, i) => new MeetingSubscription
            {
                Number = i + 1, Url = $"https://general.example/{i}.ics", Name = "Ana Ruiz", NextRefreshAt = _bot.Clock.GetUtcNow().AddHours(1), LastError = reason,
            }));
            return db.SaveChangesAsync();
        });

        var reply = await Lead.SendAsync("/meeting subscriptions");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        PseudoLocaleTests.Check(reply, "/meeting subscriptions with failed feeds").Should().BeGreaterThan(0);
        reply.Text.Should().Contain("404").And.NotContain("meetings.fetch", "a stored reason is read as a sentence, not shown as its key");
    }

    private string Pseudo(string key) =>
        _bot.Services.GetRequiredService<LanguageCatalogs>().ReaderFor(LanguageCatalogs.Pseudo, TimeZoneInfo.Utc, _bot.Clock.GetUtcNow()).T(key);

    private sealed class Recorder : IMessenger
    {
        public List<Reply> Sent { get; } = [];

        public Platform Platform => Platform.Slack;

        public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult(SendResult.Ok);
        }
    }
}
