using System.Text.Json;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CoalitionBot.Core.Scheduling;

/// <summary>A message to post later: the key that makes it unique, where it goes, what it says and when.</summary>
/// <param name="DedupKey">Unique per coalition; the same key enqueued twice keeps one message (e.g. <c>meeting:12:2026-03-03T00:00Z:1d</c>).</param>
/// <param name="Source">The plugin asking (shown in the failed list).</param>
/// <param name="Target">The channel or person.</param>
/// <param name="Message">The neutral reply to post.</param>
/// <param name="DueAt">When to post it.</param>
public sealed record OutboxItem(string DedupKey, string Source, MessageTarget Target, Reply Message, DateTimeOffset DueAt)
{
    /// <summary>After this instant the message is skipped, not sent late (a meeting reminder once the meeting started).</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>A line added when it goes out late because the bot or the platform was down.</summary>
    public string? LateNotice { get; init; }
}

/// <summary>The coalition's queue of messages the bot posts on its own; rows are durable and delivered once by <see cref="OutboxDispatcher"/>.</summary>
public sealed class Outbox(CoalitionBotDbContext db, OutboxSignal signal, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the message unless its key exists; a pending message with the same key gets the new text and times. Returns true when added.</summary>
    public async Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var payload = JsonSerializer.Serialize(item.Message, Json);
        var existing = await db.Outbox.FirstOrDefaultAsync(m => m.DedupKey == item.DedupKey, cancellationToken);
        if (existing is not null)
        {
            await RefreshAsync(existing, item, payload, cancellationToken);
            return false;
        }

        db.Outbox.Add(NewRow(item, payload));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Outbox.AsNoTracking().AnyAsync(m => m.DedupKey == item.DedupKey, cancellationToken))
            {
                // Another process enqueued the same key first: one row is what we want.
                return false;
            }

            throw;
        }

        signal.Wake();
        return true;
    }

    /// <summary>Gives a message already queued under the key the new text and times, while it has not been tried yet.</summary>
    private async Task RefreshAsync(OutboxMessage existing, OutboxItem item, string payload, CancellationToken cancellationToken)
    {
        // A withdrawn message can come back (a meeting moved back to its old time); a sent one never repeats.
        if (existing.Status == OutboxStatus.Cancelled)
        {
            existing.Status = OutboxStatus.Pending;
            existing.Attempts = 0;
            existing.FinishedAt = null;
            existing.LastError = null;
        }

        if (existing.Status == OutboxStatus.Pending && existing.Attempts == 0)
        {
            existing.Payload = payload;
            existing.DueAt = item.DueAt;
            existing.NextAttemptAt = item.DueAt;
            existing.NotAfter = item.NotAfter;
            existing.LateNotice = item.LateNotice;
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
        }
    }

    private OutboxMessage NewRow(OutboxItem item, string payload) => new()
    {
        DedupKey = item.DedupKey,
        Source = item.Source,
        ChannelId = item.Target.Channel?.Id,
        ChannelName = item.Target.Channel?.Name,
        UserId = item.Target.DirectTo?.Id,
        UserName = item.Target.DirectTo?.DisplayName,
        Payload = payload,
        LateNotice = item.LateNotice,
        DueAt = item.DueAt,
        NotAfter = item.NotAfter,
        NextAttemptAt = item.DueAt,
        Status = OutboxStatus.Pending,
        CreatedAt = clock.GetUtcNow(),
    };

    /// <summary>
    /// Runs <paramref name="work"/> so that what it saves in <paramref name="changes"/> (a plugin's context) and the messages it
    /// enqueues land together or not at all: one transaction on one connection, committed when the work returns.
    /// </summary>
    /// <remarks>
    /// For a change and its announcement (a campaign's step and the message telling the channel): without it, a failure
    /// between the two saves would leave the change made and never announced, and a retry would make it twice.
    /// The dispatcher is woken after the commit, when it can see the messages.
    /// </remarks>
    public async Task<T> TogetherWithAsync<T>(DbContext changes, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(work);
        await changes.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(changes, db))
            {
                // Both contexts point at the same database; the outbox's writes go through the plugin context's connection.
                var connection = changes.Database.GetDbConnection();
                if (!ReferenceEquals(db.Database.GetDbConnection(), connection))
                {
                    db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                }
            }

            await using var transaction = await changes.Database.BeginTransactionAsync(cancellationToken);
            if (!ReferenceEquals(changes, db))
            {
                await db.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
            }

            try
            {
                var result = await work();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                if (!ReferenceEquals(changes, db))
                {
                    await db.Database.UseTransactionAsync(null, cancellationToken);
                }
            }
        }
        finally
        {
            await changes.Database.CloseConnectionAsync();
            signal.Wake();
        }
    }

    /// <summary>Runs <paramref name="work"/> with its saves in <paramref name="changes"/> and its messages in one transaction (see the generic overload).</summary>
    public Task TogetherWithAsync(DbContext changes, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TogetherWithAsync(changes, async () =>
        {
            await work();
            return true;
        }, cancellationToken);
    }

    /// <summary>Saves <paramref name="changes"/>' pending changes, then runs <paramref name="messages"/> (enqueue, withdraw), in one transaction: the common case of <see cref="TogetherWithAsync{T}"/>.</summary>
    public Task SaveThenAsync(DbContext changes, Func<Task> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(messages);
        return TogetherWithAsync(
            changes,
            async () =>
            {
                await changes.SaveChangesAsync(cancellationToken);
                await messages();
            },
            cancellationToken);
    }

    /// <summary>
    /// Gives a message that has not been tried yet new text from <paramref name="rewrite"/> (called only then), or withdraws it
    /// when that returns null; e.g. a digest planned earlier that should tell things as they are when it goes out. Returns true when there was one.
    /// </summary>
    public async Task<bool> ReplacePendingAsync(string dedupKey, Func<Task<Reply?>> rewrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var row = await db.Outbox.FirstOrDefaultAsync(m => m.DedupKey == dedupKey && m.Status == OutboxStatus.Pending && m.Attempts == 0, cancellationToken);
        if (row is null)
        {
            return false;
        }

        if (await rewrite() is { } message)
        {
            row.Payload = JsonSerializer.Serialize(message, Json);
        }
        else
        {
            row.Status = OutboxStatus.Cancelled;
            row.FinishedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Withdraws pending messages whose key starts with the prefix (a cancelled meeting's reminders). Returns how many.</summary>
    public async Task<int> CancelAsync(string dedupKeyPrefix, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.DedupKey.StartsWith(dedupKeyPrefix)).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.Status = OutboxStatus.Cancelled;
            row.FinishedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>The coalition's messages that could not be delivered, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> FailedAsync(int max, CancellationToken cancellationToken) =>
        (await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Failed).ToListAsync(cancellationToken))
            .OrderByDescending(m => m.FinishedAt).Take(max).ToList();

    /// <summary>Puts a failed message back in the queue for one more round of attempts. Returns false when there is no such failed message.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id && m.Status == OutboxStatus.Failed, cancellationToken);
        if (row is null)
        {
            return false;
        }

        row.Status = OutboxStatus.Pending;
        row.Attempts = 0;
        row.NextAttemptAt = clock.GetUtcNow();
        row.NotAfter = null;
        row.FinishedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return true;
    }

    internal static Reply? ReadPayload(string payload) => JsonSerializer.Deserialize<Reply>(payload, Json);
}

/// <summary>Wakes the dispatcher when a message is enqueued, so it never polls in a tight loop.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>Lets a hosted service sleep until its next due time or until something new arrives, on the injected clock.</summary>
/// <remarks>Each service that sleeps this way has its own subclass, so each is its own singleton in DI.</remarks>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Asks the sleeping service to look again now.</summary>
    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits until woken or until the delay passes (on the injected clock).</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _semaphore.WaitAsync(stop.Token);
        var timer = Task.Delay(delay, clock, stop.Token);
        await Task.WhenAny(woken, timer);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        _semaphore.Dispose();
        GC.SuppressFinalize(this);
    }
}
