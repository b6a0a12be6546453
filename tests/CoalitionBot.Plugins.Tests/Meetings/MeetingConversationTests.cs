using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests.Meetings;

public abstract class MeetingConversationTests(DatabaseProvider database) : IAsyncLifetime
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);
    private readonly Recorder _messenger = new();
    private TestBot _bot = null!;

    // Monday 2026-03-02 15:00 UTC.
    private FakeTimeProvider Clock => _bot.Clock;

    private OutboxDispatcher Dispatcher => _bot.Services.GetRequiredService<OutboxDispatcher>();

    public async Task InitializeAsync() =>
        _bot = await TestBot.StartAsync(plugins: ["meetings"], configure: s => s.AddSingleton<IMessenger>(_messenger), database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TestUser Lead => _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");

    private Task<List<OutboxMessage>> OutboxAsync() =>
        _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().OrderBy(m => m.DueAt).ToListAsync());

    [DbFact]
    public async Task Add_OneOff_PlansEachReminderInTheOutbox()
    {
        var reply = await Lead.SendAsync("/meeting add \"Budget hearing\" \"2026-03-10 18:00\" where:\"City Hall\" remind:1d,2h channel:<#C0COUNCIL|council>");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain("#1: Budget hearing").And.Contain("Tuesday, March 10, 6:00 PM");
        var rows = await OutboxAsync();
        rows.Select(r => r.DueAt).Should().Equal(new DateTimeOffset(2026, 3, 9, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero));
        rows.Should().OnlyContain(r => r.ChannelId == "C0COUNCIL" && r.NotAfter == new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero));
    }

    [DbFact]
    public async Task AddAndCancel_WhenTheirRemindersCannotBeWritten_ChangeNothing()
    {
        await Lead.SendAsync("/meeting add \"Budget hearing\" \"2026-03-10 18:00\" remind:1d,2h");
        // The database refuses outbox writes: a meeting must not exist without its reminders, nor be cancelled with them still due.
        await using var refuseInsert = await _bot.RefuseAsync("Outbox", "INSERT", "database full");
        await using var refuseUpdate = await _bot.RefuseAsync("Outbox", "UPDATE", "database full");

        var added = await Lead.SendAsync("/meeting add \"Public safety\" \"2026-03-12 18:00\"");
        var cancelled = await Lead.SendAsync("/meeting cancel 1");

        added.IsSuccess.Should().BeFalse();
        cancelled.IsSuccess.Should().BeFalse();
        var meetings = await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.AsNoTracking().ToListAsync());
        meetings.Should().ContainSingle().Which.Cancelled.Should().BeFalse();
        (await OutboxAsync()).Should().HaveCount(2).And.OnlyContain(m => m.Status == OutboxStatus.Pending);
    }

    [DbFact]
    public async Task Reminder_AtItsTime_IsPostedWithRsvpButtons()
    {
        await Lead.SendAsync("/meeting add \"Budget hearing\" \"2026-03-02 20:00\" where:\"City Hall\" remind:2h agenda:https://city.example/agenda");

        Clock.Advance(TimeSpan.FromHours(3));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var sent = _messenger.Sent.Should().ContainSingle().Subject;
        sent.Target.Channel!.Id.Should().Be("general");
        sent.Message.Title.Should().Be("Reminder: Budget hearing");
        sent.Message.Text.Should().Contain("Monday, March 2, 8:00 PM").And.Contain("in 2 hours");
        sent.Message.Fields.Select(f => f.Name).Should().Equal("Where", "Agenda");
        sent.Message.Footer.Should().Contain("/tp council");
        sent.Message.Buttons.Select(b => b.Label).Should().Equal("Going", "Can't go");
    }

    [DbFact]
    public async Task Reminder_AfterDowntime_SentLateIfStillUseful_SkippedOnceStarted()
    {
        await Lead.SendAsync("/meeting add \"Vigil\" \"2026-03-03 15:00\" remind:1d,2h");
        await Lead.SendAsync("/meeting add \"Rally\" \"2026-03-04 15:00\" remind:1d,2h");

        // The bot is down for a day and a half hour: the vigil has started, the rally's 1-day reminder is 30 minutes overdue.
        Clock.Advance(TimeSpan.FromHours(24.5));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var sent = _messenger.Sent.Should().ContainSingle().Subject;
        sent.Message.Title.Should().Be("Reminder: Rally");
        sent.Message.Footer.Should().Contain("Sent late");
        var rows = await OutboxAsync();
        rows.Count(r => r.Status == OutboxStatus.Skipped).Should().Be(2);
        rows.Single(r => r.Status == OutboxStatus.Sent).SentLate.Should().BeTrue();
        rows.Count(r => r.Status == OutboxStatus.Pending).Should().Be(1);
    }

    [DbFact]
    public async Task Add_Recurring_PlansAWindowAhead_AndThePlannerExtendsItIdempotently()
    {
        await Lead.SendAsync("/meeting add \"Council\" \"2026-03-03 18:00\" repeat:\"weekly on tuesday\" remind:1d zone:America/Chicago");
        var first = await OutboxAsync();

        Clock.Advance(TimeSpan.FromDays(14));
        var added = await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingPlanner>().PlanAllAsync(CancellationToken.None));
        var again = await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingPlanner>().PlanAllAsync(CancellationToken.None));

        first.Should().HaveCount(5, "weekly reminders within the 35-day window");
        added.Should().Be(2);
        again.Should().Be(0);
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        (await OutboxAsync()).Should().OnlyContain(r => TimeZoneInfo.ConvertTime(r.NotAfter!.Value, chicago).Hour == 18);
    }

    [DbFact]
    public async Task Cancel_OneDate_WithdrawsOnlyItsReminders()
    {
        await Lead.SendAsync("/meeting add \"Council\" \"2026-03-03 18:00\" repeat:\"weekly on tuesday\" remind:1d");

        var reply = await Lead.SendAsync("/meeting cancel 1 date:2026-03-10");
        var list = await Lead.SendAsync("/meeting list 20");

        reply.Text.Should().Contain("Cancelled #1 Council on Tuesday, March 10");
        var rows = await OutboxAsync();
        rows.Should().ContainSingle(r => r.Status == OutboxStatus.Cancelled).Which.NotAfter.Should().Be(new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero));
        list.Text.Should().Contain("March 3").And.Contain("March 17").And.NotContain("March 10");
    }

    [DbFact]
    public async Task Cancel_Series_WithdrawsEveryReminder()
    {
        await Lead.SendAsync("/meeting add \"Council\" \"2026-03-03 18:00\" repeat:\"weekly on tuesday\" remind:1d");

        var reply = await Lead.SendAsync("/meeting cancel 1");

        reply.Text.Should().Contain("5 reminders withdrawn");
        (await OutboxAsync()).Should().OnlyContain(r => r.Status == OutboxStatus.Cancelled);
        (await Lead.SendAsync("/meeting show 1")).Kind.Should().Be(ResultKind.Success);
    }

    [DbFact]
    public async Task Edit_Time_ReplansTheReminders()
    {
        await Lead.SendAsync("/meeting add \"Hearing\" \"2026-03-10 18:00\" remind:1d");

        await Lead.SendAsync("/meeting edit 1 when:\"2026-03-12 17:00\"");

        var rows = await OutboxAsync();
        rows.Where(r => r.Status == OutboxStatus.Pending).Select(r => r.DueAt).Should().Equal(new DateTimeOffset(2026, 3, 11, 17, 0, 0, TimeSpan.Zero));
        rows.Should().Contain(r => r.Status == OutboxStatus.Cancelled);
    }

    [DbFact]
    public async Task Rsvp_TwoPeople_CountsBoth_AndChangingAnAnswerCountsOnce()
    {
        await Lead.SendAsync("/meeting add \"Hearing\" \"2026-03-10 18:00\"");
        var ana = _bot.As(Platform.Slack, user: "U0ANA");
        var ben = _bot.As(Platform.Slack, user: "U0BEN");
        await ana.SendAsync("/meeting next");
        await ben.SendAsync("/meeting next");

        await ana.PressAsync("Going");
        await ben.PressAsync("Going");
        var changed = await ben.PressAsync(new ReplyButton(MeetingCards.RsvpAction, "Can't go", (await ben.SendAsync("/meeting show 1")).Reply.Buttons[1].Value));
        var card = await ana.SendAsync("/meeting show 1");

        changed.Text.Should().Contain("Going: 1 · Can't go: 1");
        card.Text.Should().Contain("RSVPs: Going: 1 · Can't go: 1");
    }

    [DbTheory]
    [InlineData("/meeting add Hearing \"2026-03-01 18:00\"", "in the past")]
    [InlineData("/meeting add Hearing \"2026-03-10 18:00\" zone:Central", "`Central` is not a time zone")]
    [InlineData("/meeting add Hearing \"2026-03-10 18:00\" repeat:sometimes", "couldn't read \"sometimes\" as a repeat")]
    [InlineData("/meeting add Hearing \"2026-03-10 18:00\" remind:soon", "\"soon\" is not a reminder time")]
    [InlineData("/meeting add Hearing blorpday", "couldn't read the date")]
    [InlineData("/meeting add Hearing \"tuesday or so\"", "I understood only “tuesday”")]
    public async Task Add_BadInput_ExplainsAndStoresNothing(string text, string expected)
    {
        var reply = await Lead.SendAsync(text);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Reply.Text.Should().Contain(expected);
        (await Lead.SendAsync("/meeting list")).Text.Should().Contain("No meetings");
        (await OutboxAsync()).Should().BeEmpty();
    }

    [DbFact]
    public async Task Add_ByMember_IsForbidden()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/meeting add Hearing \"2026-03-10 18:00\"");

        reply.Kind.Should().Be(ResultKind.Forbidden);
    }

    [DbFact]
    public async Task FailedReminders_AdminsSeeThemAndRetry()
    {
        _messenger.FailWith = SendResult.Failed("channel_not_found", retryable: false);
        await Lead.SendAsync("/meeting add Hearing \"2026-03-02 18:00\" remind:2h");
        Clock.Advance(TimeSpan.FromHours(1));
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        _messenger.FailWith = null;

        var member = await _bot.As(Platform.Slack).SendAsync("/meeting reminders failed");
        var admin = _bot.As(Platform.Slack, Role.Admin);
        var list = await admin.SendAsync("/meeting reminders failed");
        await admin.PressAsync(list.Reply.Buttons[0]);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        member.Kind.Should().Be(ResultKind.Forbidden);
        list.Text.Should().Contain("channel_not_found");
        _messenger.Sent.Should().ContainSingle();
    }

    [DbFact]
    public async Task FailedReminders_ReasonIsReadInTheAdminsLanguage_WithWhatToDo()
    {
        await SpanishCoalitionAsync();
        _messenger.FailWith = SendResult.Failed(StoredText.Write("core.delivery.slack.not-in-channel"), retryable: false);
        await Lead.SendAsync("/meeting add Audiencia \"2026-03-02 18:00\" remind:2h");
        Clock.Advance(TimeSpan.FromHours(1));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var list = await _bot.As(Platform.Slack, Role.Admin).SendAsync("/meeting reminders failed");

        list.Text.Should().Contain("el bot no está en ese canal de Slack: invítelo al canal y vuelva a intentarlo").And.NotContain("core.delivery");
    }

    [DbFact]
    public async Task Spanish_Coalition_GetsSpanishReminders()
    {
        await SpanishCoalitionAsync();

        await Lead.SendAsync("/meeting add \"Concejo\" \"2026-03-02 20:00\" remind:2h");
        Clock.Advance(TimeSpan.FromHours(3));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var sent = _messenger.Sent.Should().ContainSingle().Subject;
        sent.Message.Title.Should().Be("Recordatorio: Concejo");
        sent.Message.Text.Should().Contain("lunes 2 de marzo, 20:00").And.Contain("en 2 horas");
        sent.Message.Buttons.Select(b => b.Label).Should().Equal("Voy", "No puedo ir");
    }

    private Task<int> SpanishCoalitionAsync() => _bot.InTenantAsync(Slack, sp =>
    {
        var db = sp.GetRequiredService<CoalitionBotDbContext>();
        db.TenantSettings.Add(new TenantSettings { Language = "es" });
        return db.SaveChangesAsync();
    });

    private sealed class Recorder : IMessenger
    {
        public List<(MessageTarget Target, Reply Message)> Sent { get; } = [];

        public SendResult? FailWith { get; set; }

        public Platform Platform => Platform.Slack;

        public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            if (FailWith is { } failure)
            {
                return Task.FromResult(failure);
            }

            Sent.Add((target, message));
            return Task.FromResult(SendResult.Ok);
        }
    }
}

public sealed class MeetingConversationTestsOnSqlite() : MeetingConversationTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class MeetingConversationTestsOnPostgres() : MeetingConversationTests(DatabaseProvider.Postgres);
