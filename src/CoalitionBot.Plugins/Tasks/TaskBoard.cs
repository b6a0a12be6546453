using System.Globalization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Routing;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The coalition's tasks: numbering, lookups and the readers (language, zone) of the bot's own messages about them.</summary>
/// <remarks>Scoped: it works for the tenant of its scope.</remarks>
public sealed class TaskBoard(TasksDbContext db, CoalitionBotDbContext coreDb, TimeProvider clock, IOptions<BotOptions> bot)
{
    private const int NumberAttempts = 8;

    /// <summary>Saves new tasks with the next free numbers; a clash with another process creating tasks at the same time is retried.</summary>
    public async Task CreateAsync(IReadOnlyList<OutreachTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        for (var attempt = 1; ; attempt++)
        {
            var next = (await db.Tasks.MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0) + 1;
            foreach (var task in tasks)
            {
                task.Number = next++;
                if (db.Entry(task).State == EntityState.Detached)
                {
                    db.Tasks.Add(task);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Someone took one of the numbers (unique per coalition) and has committed it (PostgreSQL reports the clash only
                // once the other transaction commits; SQLite serializes writers): read the highest again and retry at once.
                foreach (var task in tasks)
                {
                    db.Entry(task).State = EntityState.Detached;
                }
            }
        }
    }

    /// <summary>The task with this number in the coalition, or null.</summary>
    public Task<OutreachTask?> FindAsync(int number, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Number == number, cancellationToken);

    /// <summary>The task with this row id in the coalition (button values carry it), or null.</summary>
    public Task<OutreachTask?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Every task that is not cancelled, by number.</summary>
    public async Task<List<OutreachTask>> ActiveAsync(CancellationToken cancellationToken) =>
        await db.Tasks.Where(t => t.Status != OutreachTaskStatus.Cancelled).OrderBy(t => t.Number).ToListAsync(cancellationToken);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>The tasks' context, for a transaction that also holds the outbox's rows.</summary>
    internal TasksDbContext Context => db;

    /// <summary>The coalition's time zone and default language.</summary>
    public async Task<(TimeZoneInfo Zone, string? Language)> CoalitionAsync(CancellationToken cancellationToken)
    {
        var settings = await coreDb.TenantSettings.AsNoTracking().Select(s => new { s.TimeZone, s.Language }).FirstOrDefaultAsync(cancellationToken);
        var zone = CommandContextFactory.FindZone(settings?.TimeZone) ?? CommandContextFactory.FindZone(bot.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        return (zone, settings?.Language);
    }

    /// <summary>How a person reads the bot's own messages: their language preference, else the coalition's; the coalition's zone.</summary>
    internal async Task<TaskReader> ReaderAsync(string? userId, CancellationToken cancellationToken)
    {
        var (zone, language) = await CoalitionAsync(cancellationToken);
        var preference = userId is null
            ? null
            : await coreDb.UserPreferences.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Language).FirstOrDefaultAsync(cancellationToken);
        return new TaskReader(CommandContextFactory.ChooseCulture(preference, null, language), zone, clock.GetUtcNow());
    }

    /// <summary>The coalition's digest channel (shared with <c>/coalition channel digest</c>), if chosen.</summary>
    public async Task<string?> DigestChannelAsync(CancellationToken cancellationToken) =>
        await coreDb.TenantSettings.AsNoTracking().Select(s => s.DigestChannelId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>When the digest's channel or time was last chosen (the coalition's settings or the digest time, whichever changed last), if ever.</summary>
    public async Task<DateTimeOffset?> DigestChosenAtAsync(CancellationToken cancellationToken)
    {
        var settings = await coreDb.TenantSettings.AsNoTracking().Select(s => (DateTimeOffset?)s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var time = await db.DigestSettings.AsNoTracking().Select(s => (DateTimeOffset?)s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return settings > time || time is null ? settings : time;
    }

    /// <summary>The coalition's digest time, or the plugin default.</summary>
    public async Task<TimeOnly> DigestTimeAsync(TasksSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var minutes = await db.DigestSettings.AsNoTracking().Select(s => (int?)s.MinuteOfDay).FirstOrDefaultAsync(cancellationToken);
        return minutes is { } m ? TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m)) : settings.DigestTimeOfDay;
    }

    /// <summary>Chooses the coalition's digest channel and time.</summary>
    public async Task SetDigestAsync(ChannelRef channel, TimeOnly? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = clock.GetUtcNow();
        var settings = await coreDb.TenantSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSettings();
            coreDb.TenantSettings.Add(settings);
        }

        settings.SetChannel(CoalitionChannel.Digest, channel.Id);
        settings.UpdatedAt = now;
        if (time is { } t)
        {
            var row = await db.DigestSettings.FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                row = new TaskDigestSetting();
                db.DigestSettings.Add(row);
            }

            row.MinuteOfDay = (t.Hour * 60) + t.Minute;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        await coreDb.SaveChangesAsync(cancellationToken);
    }
}

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

    private async Task PlanNudgesAsync(OutreachTask task, TaskReader reader, CancellationToken cancellationToken)
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
            LateNotice = reader.Say("_Sent late: the bot was offline when this was due._", "_Enviado con retraso: el bot estaba fuera de línea a la hora prevista._"),
        }, cancellationToken);
    }

    private static MessageTarget ToAssignee(OutreachTask task) => MessageTarget.ToUser(new UserRef(task.AssigneeId!, task.AssigneeName));
}
