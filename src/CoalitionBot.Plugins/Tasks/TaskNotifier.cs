using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Scheduling;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Writes a task's direct messages and nudges into the outbox, and withdraws them when the task changes.</summary>
/// <remarks>Keys: <c>task:&lt;id&gt;:assigned:&lt;revision&gt;</c>, <c>task:&lt;id&gt;:soon:&lt;due ticks&gt;:&lt;revision&gt;</c>, <c>task:&lt;id&gt;:overdue:&lt;due ticks&gt;:&lt;revision&gt;</c>,
/// <c>task:&lt;id&gt;:declined:&lt;revision&gt;</c>; each is sent once, whatever restarts happen.</remarks>
public sealed class TaskNotifier(TaskBoard board, Outbox outbox, TaskDigest digest, TasksSettings settings, TimeProvider clock)
{
    public const string Source = "tasks";

    /// <summary>The key prefix of every message about a task.</summary>
    public static string KeyPrefix(OutreachTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"task:{task.Id.ToString(CultureInfo.InvariantCulture)}:";
    }

    private static string Ticks(DateTimeOffset due) => due.UtcTicks.ToString(CultureInfo.InvariantCulture);

    // The assignment's revision is part of every key: a withdrawn row revived for the same key keeps its old recipient.
    private static string Revision(OutreachTask task) => task.Revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a change to tasks and the messages it queues or withdraws in one transaction: both land or neither,
    /// so a failure leaves no task without its message (nor a nudge for a task that is done) and a retry does it once.</summary>
    /// <remarks>Today's digest, if it has not gone out yet, is rewritten in the same transaction, so it never lists a task as it was before.</remarks>
    public Task TogetherAsync(Func<Task> work, CancellationToken cancellationToken) => outbox.TogetherWithAsync(
        board.Context,
        async () =>
        {
            await work();
            await digest.RefreshAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Saves the tasks' pending changes, then queues or withdraws their messages with <paramref name="messages"/>, in one transaction (see <see cref="TogetherAsync"/>).</summary>
    public Task SaveThenAsync(Func<Task> messages, CancellationToken cancellationToken) => outbox.SaveThenAsync(
        board.Context,
        async () =>
        {
            await messages();
            await digest.RefreshAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Sends the assignee the task with its buttons, and plans its nudges.</summary>
    public async Task AssignedAsync(OutreachTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.AssigneeId is null)
        {
            return;
        }

        var reader = await board.ReaderAsync(task.AssigneeId, cancellationToken);
        var key = KeyPrefix(task) + "assigned:" + task.Revision.ToString(CultureInfo.InvariantCulture);
        await outbox.EnqueueAsync(new OutboxItem(key, Source, ToAssignee(task), TaskCards.Assigned(task, reader), clock.GetUtcNow()), cancellationToken);
        await PlanNudgesAsync(task, reader, cancellationToken);
    }

    /// <summary>Withdraws the task's pending messages (it is done, cancelled, reassigned or due at another time).</summary>
    public Task<int> WithdrawAsync(OutreachTask task, CancellationToken cancellationToken) =>
        outbox.CancelAsync(KeyPrefix(task), cancellationToken);

    /// <summary>Withdraws the task's pending messages and plans the nudges for its current assignee and due time.</summary>
    public async Task ReplanAsync(OutreachTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await WithdrawAsync(task, cancellationToken);
        if (task.AssigneeId is not null)
        {
            await PlanNudgesAsync(task, await board.ReaderAsync(task.AssigneeId, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Tells the person who assigned the task that the assignee can't do it.</summary>
    public async Task DeclinedAsync(OutreachTask task, UserRef declinedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(declinedBy);
        if (string.IsNullOrEmpty(task.AssignedById) || task.AssignedById == declinedBy.Id)
        {
            return;
        }

        var reader = await board.ReaderAsync(task.AssignedById, cancellationToken);
        var key = KeyPrefix(task) + "declined:" + task.Revision.ToString(CultureInfo.InvariantCulture);
        await outbox.EnqueueAsync(
            new OutboxItem(key, Source, MessageTarget.ToUser(new UserRef(task.AssignedById, task.AssignedByName)), TaskCards.Declined(task, declinedBy.Name, reader), clock.GetUtcNow()),
            cancellationToken);
    }

    private async Task PlanNudgesAsync(OutreachTask task, Reader reader, CancellationToken cancellationToken)
    {
        if (task.Status != OutreachTaskStatus.Open || task.DueAt is not { } due || task.AssigneeId is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var soonAt = due - settings.NudgeBefore;
        if (soonAt > now)
        {
            // Written now, read at its time: the text says how long is left then.
            var atThatTime = reader with { Now = soonAt };
            await outbox.EnqueueAsync(new OutboxItem(KeyPrefix(task) + "soon:" + Ticks(due) + ":" + Revision(task), Source, ToAssignee(task), TaskCards.Soon(task, atThatTime), soonAt)
            {
                NotAfter = due,
            }, cancellationToken);
        }

        await outbox.EnqueueAsync(new OutboxItem(KeyPrefix(task) + "overdue:" + Ticks(due) + ":" + Revision(task), Source, ToAssignee(task), TaskCards.Overdue(task, reader with { Now = due }), due)
        {
            LateNotice = reader.T("tasks.late-notice"),
        }, cancellationToken);
    }

    private static MessageTarget ToAssignee(OutreachTask task) => MessageTarget.ToUser(new UserRef(task.AssigneeId!, task.AssigneeName));
}
