using System.Collections.Concurrent;
using CoalitionBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Scheduling;

public sealed partial class OutboxDispatcher
{
    /// <summary>What a send leaves to record on its row (still leased by the claim that read it); sent rows count their attempt when recorded.</summary>
    private sealed record Outcome(OutboxMessage Row, OutboxStatus Status, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? FinishedAt, string? LastError, bool SentLate = false)
    {
        public static Outcome Finished(OutboxMessage row, OutboxStatus status, int attempts, DateTimeOffset at, string? error) =>
            new(row, status, attempts, row.NextAttemptAt, at, Truncate(error));

        /// <summary>A send cut short by shutdown: the row goes back to the queue at once (another instance may take it).</summary>
        public static Outcome Unfinished(OutboxMessage row) => new(row, OutboxStatus.Pending, row.Attempts, row.NextAttemptAt, null, row.LastError);
    }

    /// <summary>Wakes a <see cref="RunOnceAsync"/> round when one of its sends finishes.</summary>
    private sealed class RoundSignal : WakeSignal;

    /// <summary>
    /// One dispatching loop's state: the sends in flight (each on its own task, at most <see cref="OutboxOptions.Workers"/>)
    /// and the outcomes they left, which the loop records in one transaction per step (so a busy outbox commits in groups).
    /// </summary>
    /// <remarks>
    /// A finished send wakes the loop only when a group of outcomes has gathered (a quarter of a batch), when it was the last
    /// send in flight, or <see cref="GatherWindow"/> after the first outcome of a group: a step (a transaction and a claim)
    /// per message made the database work, not the platform, the limit on a busy outbox.
    /// </remarks>
    private sealed class Pump(OutboxDispatcher dispatcher, WakeSignal wake)
    {
        /// <summary>The longest a finished send waits for others before its outcome is recorded and its worker refilled.</summary>
        private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(50);

        private readonly int _gather = Math.Max(1, Math.Min(dispatcher._options.BatchSize, dispatcher._options.Workers) / 4);
        private readonly ConcurrentQueue<Outcome> _outcomes = new();
        /// <summary>Rows this pump sends or has sent without recording the outcome yet; never claimed again meanwhile.</summary>
        private readonly ConcurrentDictionary<long, Task> _sends = new();
        private int _inFlight;

        /// <summary>Outcomes queued since the last record (may count a few twice, which only wakes the loop sooner).</summary>
        private int _finished;

        /// <summary>True after a step that found nothing to claim, nothing in flight and nothing left to record.</summary>
        public bool Idle { get; private set; }

        /// <summary>When the next message falls due, as of the last step that found nothing more to claim.</summary>
        public DateTimeOffset? NextDue { get; private set; }

        /// <summary>Records finished sends, claims what is due into free workers, and says how long the loop may sleep.</summary>
        public async Task<TimeSpan> StepAsync(CancellationToken cancellationToken)
        {
            Idle = false;
            var options = dispatcher._options;
            await FlushAsync(cancellationToken);
            var free = options.Workers - Volatile.Read(ref _inFlight);
            if (free <= 0)
            {
                // Every worker is busy: the sends that finish wake the loop.
                return options.MaxIdle;
            }

            var wanted = Math.Min(free, options.BatchSize);
            await using var scope = dispatcher.OpenScope();
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            var claimed = await dispatcher.ClaimAsync(db, wanted, _sends.Keys.ToList(), cancellationToken);
            foreach (var row in claimed)
            {
                Start(row, cancellationToken);
            }

            if (claimed.Count == wanted || Volatile.Read(ref _finished) >= _gather || (Volatile.Read(ref _inFlight) == 0 && !_outcomes.IsEmpty))
            {
                return TimeSpan.Zero;
            }

            // While sends are in flight their ends wake the loop, and every claim takes expired leases over; the
            // pass over all leases is only worth it when nothing else will wake the loop.
            var busy = Volatile.Read(ref _inFlight) > 0;
            NextDue = await dispatcher.NextDueAsync(db, leases: !busy, cancellationToken);
            Idle = !busy && Volatile.Read(ref _inFlight) == 0 && _outcomes.IsEmpty;
            var now = dispatcher.Now;
            return NextDue is { } due ? Min(due > now ? due - now : TimeSpan.Zero, options.MaxIdle) : options.MaxIdle;
        }

        /// <summary>Waits for the sends in flight (cancelled with the loop) and records them; a send cut short releases its row.</summary>
        public async Task DrainAsync()
        {
            try
            {
                await Task.WhenAll(_sends.Values);
                await FlushAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Rows not recorded keep their lease and are sent again after it: at least once, never lost.
                dispatcher.ReportRoundFailed(ex);
            }
        }

        private void Start(OutboxMessage row, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _inFlight);
            _sends[row.Id] = Task.Run(
                async () =>
                {
                    Outcome outcome;
                    using var send = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    try
                    {
                        outcome = await dispatcher.SendHoldingLeaseAsync(row, send);
                    }
                    catch (OperationCanceledException)
                    {
                        // Shut down, or the lease was lost to another instance: then recording changes nothing, the row is theirs.
                        outcome = Outcome.Unfinished(row);
                    }

                    // Queued before the count drops, so a step that sees no send in flight also sees its outcome. The row stays in
                    // _sends until its outcome is recorded: a claim between this point and the record must not take it again.
                    _outcomes.Enqueue(outcome);
                    var finished = Interlocked.Increment(ref _finished);
                    if (Interlocked.Decrement(ref _inFlight) == 0 || finished >= _gather)
                    {
                        wake.Wake();
                    }
                    else if (finished == 1)
                    {
                        _ = WakeAfterGatherWindowAsync();
                    }
                },
                CancellationToken.None);
        }

        private async Task WakeAfterGatherWindowAsync()
        {
            await Task.Delay(GatherWindow, dispatcher.Clock);
            try
            {
                wake.Wake();
            }
            catch (ObjectDisposedException)
            {
                // The round this belonged to has ended.
            }
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _finished, 0);
            var batch = new List<Outcome>();
            while (_outcomes.TryDequeue(out var outcome))
            {
                batch.Add(outcome);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await dispatcher.RecordAsync(batch, cancellationToken);
                foreach (var outcome in batch)
                {
                    _sends.TryRemove(outcome.Row.Id, out _);
                }
            }
            catch
            {
                // Keep them for the next step: a sent message must be marked sent, or it goes out again after its lease.
                foreach (var outcome in batch)
                {
                    _outcomes.Enqueue(outcome);
                }

                throw;
            }
        }
    }
}
