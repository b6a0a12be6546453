using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Tasks;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Tasks;

public abstract class TaskConversationTests(DatabaseProvider database) : IAsyncLifetime
{
    private TaskTestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TaskTestBot.StartAsync(database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Assign_ByLead_SameReplyOnEveryPlatform(Platform platform)
    {
        var reply = await _bot.Lead(platform).SendAsync("/task assign @ana \"Call Council Member Ruiz\" due:friday");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Be("Assigned “Call Council Member Ruiz”: #1 → @ana — due Fri Mar 6, 17:00 (due in 4 days).\n— Each person got a direct message with Done / Can't do it buttons.");
        reply.Meaning.Ephemeral.Should().BeFalse("the channel sees the confirmation");
        (await _bot.TasksAsync(platform)).Should().ContainSingle().Which.DueAt.Should().Be(new DateTimeOffset(2026, 3, 6, 17, 0, 0, TimeSpan.Zero));
    }

    [DbFact]
    public async Task Assign_SeveralPeople_CreatesOneTaskEach_WithItsOwnNumberDmAndNudges()
    {
        var reply = await _bot.Lead().SendAsync("/task assign @ana @luis \"Call Ruiz\" due:friday");

        reply.Text.Should().Contain("#1 → @ana, #2 → @luis");
        var tasks = await _bot.TasksAsync();
        tasks.Select(t => (t.Number, t.AssigneeId)).Should().Equal((1, "ana"), (2, "luis"));
        var keys = (await _bot.OutboxAsync()).Select(m => m.DedupKey).ToList();
        keys.Should().HaveCount(6);
        foreach (var task in tasks)
        {
            keys.Should().Contain($"task:{task.Id}:assigned:0");
            keys.Should().Contain(k => k.StartsWith($"task:{task.Id}:soon:", StringComparison.Ordinal));
            keys.Should().Contain(k => k.StartsWith($"task:{task.Id}:overdue:", StringComparison.Ordinal));
        }
    }

    [DbFact]
    public async Task Assign_WhenItsMessagesCannotBeQueued_CreatesNothing_AndARetryCreatesItOnce()
    {
        // The database refuses new outbox rows, as it would when full: a task must not exist without its direct message.
        var refuseOutbox = await _bot.Bot.RefuseAsync("Outbox", "INSERT", "database full");

        var failed = await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");

        failed.IsSuccess.Should().BeFalse();
        (await _bot.TasksAsync()).Should().BeEmpty();

        await refuseOutbox.DisposeAsync();
        var retried = await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");

        retried.Text.Should().Contain("#1 → @ana");
        (await _bot.TasksAsync()).Should().ContainSingle();
        (await _bot.OutboxAsync()).Should().Contain(m => m.DedupKey.EndsWith(":assigned:0", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Done_WhenItsNudgesCannotBeWithdrawn_StaysOpen()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        // Withdrawing the task's nudges fails: marking it done must not leave them to go out for a finished task.
        await using var refuseWithdraw = await _bot.Bot.RefuseAsync("Outbox", "UPDATE", "database busy");

        var failed = await _bot.Member("ana").SendAsync("/task done 1");

        failed.IsSuccess.Should().BeFalse();
        (await _bot.TasksAsync()).Single().Status.Should().Be(OutreachTaskStatus.Open);
        (await _bot.OutboxAsync()).Should().OnlyContain(m => m.Status == OutboxStatus.Pending);
    }

    [DbFact]
    public async Task Assign_MemberToThemselves_Works_ToSomeoneElse_IsForbidden()
    {
        var ana = _bot.Member("ana");

        var self = await ana.SendAsync("/task assign @ana Bring 20 people to the hearing due:\"in 3 days\"");
        var other = await ana.SendAsync("/task assign @luis Call Ruiz");
        var mixed = await ana.SendAsync("/task assign @ana @luis Call Ruiz");

        self.IsSuccess.Should().BeTrue(self.Text);
        self.Text.Should().Contain("“Bring 20 people to the hearing”").And.Contain("Thu Mar 5, 17:00");
        other.Kind.Should().Be(ResultKind.Forbidden);
        mixed.Kind.Should().Be(ResultKind.Forbidden);
        (await _bot.TasksAsync()).Should().ContainSingle();
    }

    [DbTheory]
    [InlineData("/task assign @ana Call Ruiz due:\"next blorpday 5pm\"", "I understood only “5pm”")]
    [InlineData("/task assign @ana Call Ruiz due:blorp", "couldn't read the date")]
    [InlineData("/task assign @ana Call Ruiz due:2026-03-01", "is in the past")]
    [InlineData("/task assign @ana Call Ruiz due:\"today 9am\"", "is in the past")]
    [InlineData("/task assign @ana Call Ruiz stakeholder:Ruiz", "power map")]
    [InlineData("/task assign ana Call Ruiz", "mention people")]
    public async Task Assign_BadInput_ExplainsAndStoresNothing(string text, string expected)
    {
        var reply = await _bot.Lead().SendAsync(text);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain(expected);
        (await _bot.TasksAsync()).Should().BeEmpty();
        (await _bot.OutboxAsync()).Should().BeEmpty();
    }

    [DbFact]
    public async Task Assign_InSpanish_ReadsSpanishDatesAndAnswersInSpanish()
    {
        var lead = _bot.Bot.As(Platform.Slack, Role.Lead, user: "lena", locale: "es-419");

        var reply = await lead.SendAsync("/task assign @ana \"Llamar a la concejal Ruiz\" due:\"mañana a las 5\"");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().StartWith("Asignada “Llamar a la concejal Ruiz”").And.Contain("mar 3 mar, 17:00").And.Contain("vence en 1 día");
    }

    [DbFact]
    public async Task Dm_HasDoneAndCantDoItButtons_AndDonePressedInTheDmFinishesTheTask()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        await _bot.DispatchAsync();

        var dm = _bot.Messages.To("ana").Should().ContainSingle().Subject;
        dm.Title.Should().Be("New task #1: Call Ruiz");
        dm.Text.Should().Contain("lena asked you");
        dm.Buttons.Select(b => b.Label).Should().Equal("Done", "Can't do it");

        var ana = _bot.Member("ana");
        var pressed = await ana.PressAsync(dm.Buttons[0]);

        pressed.Result.UpdatesOriginal.Should().BeTrue("the DM's buttons are replaced");
        pressed.Text.Should().Contain("Done");
        pressed.Reply.Buttons.Should().BeEmpty();
        var task = (await _bot.TasksAsync()).Single();
        task.Status.Should().Be(OutreachTaskStatus.Done);
        task.DoneByName.Should().Be("ana");
        (await _bot.OutboxAsync()).Where(m => m.Status == OutboxStatus.Pending).Should().BeEmpty("its nudges are withdrawn");
        (await ana.PressAsync(dm.Buttons[0])).Text.Should().Contain("Already done");
    }

    [DbFact]
    public async Task CantDoIt_UnassignsTheTask_TellsWhoAssignedIt_AndUpdatesTheMessage()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        await _bot.DispatchAsync();
        var dm = _bot.Messages.To("ana").Single();

        var luis = await _bot.Member("luis").PressAsync(dm.Buttons[1]);
        var pressed = await _bot.Member("ana").PressAsync(dm.Buttons[1]);
        await _bot.DispatchAsync();

        luis.Kind.Should().Be(ResultKind.Forbidden, "only the assignee can pass on a task");
        pressed.Result.UpdatesOriginal.Should().BeTrue();
        pressed.Text.Should().Contain("you passed on this task").And.Contain("lena was told");
        var toLead = _bot.Messages.To("lena").Should().ContainSingle().Subject;
        toLead.Title.Should().Be("#1 needs someone else");
        toLead.Text.Should().Contain("ana can't do “Call Ruiz”").And.Contain("/task reassign 1 @someone");
        var task = (await _bot.TasksAsync()).Single();
        task.AssigneeId.Should().BeNull();
        task.Status.Should().Be(OutreachTaskStatus.Open);
        (await _bot.Lead().SendAsync("/task show 1")).Text.Should().Contain("needs someone");
        (await _bot.OutboxAsync()).Where(m => m.Status == OutboxStatus.Pending).Should().BeEmpty();
    }

    [DbFact]
    public async Task Nudges_SoonAndOverdue_EachFireOnce()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:\"in 3 days\"");
        await _bot.DispatchAsync();
        _bot.Messages.To("ana").Should().HaveCount(1, "the assignment");

        // The default nudge is 1 day before: Wednesday 17:00 for Thursday 17:00.
        _bot.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        await _bot.DispatchAsync();
        await _bot.DispatchAsync();
        var soon = _bot.Messages.To("ana").Should().HaveCount(2).And.Subject.Last();
        soon.Title.Should().Be("Reminder: #1 Call Ruiz");
        soon.Text.Should().Contain("Due in 1 day").And.Contain("Thu Mar 5, 17:00");

        _bot.Clock.Advance(TimeSpan.FromDays(1));
        await _bot.DispatchAsync();
        _bot.Clock.Advance(TimeSpan.FromDays(3));
        await _bot.DispatchAsync();

        var all = _bot.Messages.To("ana");
        all.Should().HaveCount(3);
        all[2].Title.Should().Be("Overdue: #1 Call Ruiz");
        all[2].Buttons.Select(b => b.Label).Should().Equal("Done", "Can't do it");
        (await _bot.Lead().SendAsync("/task list overdue")).Text.Should().Contain("#1 Call Ruiz — ana · Thu Mar 5, 17:00 (overdue by 3 days)");
    }

    [DbFact]
    public async Task Reassign_SendsTheNewAssigneeADm_AndMovesTheNudges()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        await _bot.DispatchAsync();

        var reply = await _bot.Lead().SendAsync("/task reassign #1 @luis");
        await _bot.DispatchAsync();
        _bot.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(3));
        await _bot.DispatchAsync();
        _bot.Clock.Advance(TimeSpan.FromDays(1));
        await _bot.DispatchAsync();

        reply.Text.Should().Be("Reassigned #1 Call Ruiz → @luis.");
        _bot.Messages.To("ana").Should().HaveCount(1, "ana's nudges were withdrawn");
        _bot.Messages.To("luis").Select(m => m.Title).Should().Equal("New task #1: Call Ruiz", "Reminder: #1 Call Ruiz", "Overdue: #1 Call Ruiz");
    }

    [DbFact]
    public async Task Reopen_WithANewDueTime_PlansNewNudges()
    {
        await _bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:tomorrow");
        await _bot.Member("ana").SendAsync("/task done 1");

        var reply = await _bot.Member("ana").SendAsync("/task reopen 1 due:\"next friday 10:00\"");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain("Fri Mar 13, 10:00");
        var pending = (await _bot.OutboxAsync()).Where(m => m.Status == OutboxStatus.Pending).Select(m => m.DueAt).ToList();
        pending.Should().BeEquivalentTo([new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 13, 10, 0, 0, TimeSpan.Zero)]);
    }

    [DbFact]
    public async Task Permissions_DoneReopenCancelReassign()
    {
        await _bot.Member("ana").SendAsync("/task assign @ana \"Make flyers\"");
        await _bot.Lead().SendAsync("/task assign @luis \"Call Ruiz\"");
        var ana = _bot.Member("ana");
        var luis = _bot.Member("luis");

        (await luis.SendAsync("/task done 1")).Kind.Should().Be(ResultKind.Forbidden, "luis is not doing #1");
        (await ana.SendAsync("/task cancel 2")).Kind.Should().Be(ResultKind.Forbidden, "ana did not create #2");
        (await luis.SendAsync("/task cancel 2")).Kind.Should().Be(ResultKind.Forbidden, "the assignee is not the creator");
        (await ana.SendAsync("/task reassign 2 @ana")).Kind.Should().Be(ResultKind.Forbidden);
        (await ana.SendAsync("/task reassign 1 @luis")).Kind.Should().Be(ResultKind.Forbidden, "members give tasks only to themselves");
        (await luis.SendAsync("/task digest #general")).Kind.Should().Be(ResultKind.Forbidden);

        (await luis.SendAsync("/task done 2 called her office")).IsSuccess.Should().BeTrue();
        (await luis.SendAsync("/task reopen 2")).IsSuccess.Should().BeTrue();
        (await _bot.Lead().SendAsync("/task done 1")).IsSuccess.Should().BeTrue("leads may finish anyone's task");
        (await ana.SendAsync("/task reopen 1")).IsSuccess.Should().BeTrue();
        (await ana.SendAsync("/task cancel 1")).IsSuccess.Should().BeTrue("the creator may cancel");
        (await _bot.Lead().SendAsync("/task cancel 2")).IsSuccess.Should().BeTrue();

        (await _bot.TasksAsync()).Select(t => t.Status).Should().Equal(OutreachTaskStatus.Cancelled, OutreachTaskStatus.Cancelled);
        (await ana.SendAsync("/task list")).Text.Should().Contain("none");
    }

    [DbFact]
    public async Task MineAndList_FilterByPersonAndState()
    {
        var lead = _bot.Lead();
        await lead.SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        await lead.SendAsync("/task assign @luis \"Bring 20 people\" due:tomorrow");
        await lead.SendAsync("/task assign @ana \"Get the letter signed\"");
        await _bot.Member("ana").SendAsync("/task done 3 signed by six pastors");

        var mine = await _bot.Member("ana").SendAsync("/task mine");
        var luis = await lead.SendAsync("/task list @luis");
        var done = await lead.SendAsync("/task list state:done");
        var all = await lead.SendAsync("/task list all");

        mine.Text.Should().Contain("Your open tasks (1)").And.Contain("#1 Call Ruiz — Fri Mar 6, 17:00 (due in 4 days)").And.NotContain("#3");
        luis.Text.Should().Contain("#2 Bring 20 people").And.NotContain("#1");
        done.Text.Should().Contain("Finished tasks (1)").And.Contain("#3 Get the letter signed");
        all.Text.Should().Contain("All tasks (3)");
        (await lead.SendAsync("/task show 3")).Text.Should().Contain("signed by six pastors");
        (await lead.SendAsync("/task show 9")).Kind.Should().Be(ResultKind.NotFound);
        (await lead.SendAsync("/task show abc")).Kind.Should().Be(ResultKind.Invalid);
    }

    [DbFact]
    public async Task Numbers_CreatedConcurrently_AreUnique()
    {
        var lead = _bot.Lead();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _bot.Lead().SendAsync($"/task assign @ana @luis \"Task {i}\"")));

        replies.Should().OnlyContain(r => r.IsSuccess);
        (await _bot.TasksAsync()).Select(t => t.Number).Should().BeEquivalentTo(Enumerable.Range(1, 16));
        (await lead.SendAsync("/task list all")).Text.Should().Contain("All tasks (16)");
    }
}

public sealed class TaskConversationTestsOnSqlite() : TaskConversationTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class TaskConversationTestsOnPostgres() : TaskConversationTests(DatabaseProvider.Postgres);
