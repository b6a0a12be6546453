using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Wakes the watch runner when a watch is added or changed, so it sleeps until the next check is due instead of polling.</summary>
public sealed class AgendaWatchSignal : WakeSignal;

/// <summary>Checks every coalition's due agenda watches from the durable <see cref="AgendaWatch.NextCheckAt"/>. Each check is first claimed
/// with a lease in the database, so bot instances sharing one database never check the same watch at once, and a watch whose checker died
/// is taken up by another once the lease runs out.</summary>
public sealed partial class AgendaWatchRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AgendaWatchRunner> logger)
{
    /// <summary>How long a claim holds; longer than a check can take (each request is bounded by the feed timeout).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>This instance's name on the leases it takes.</summary>
    public string Owner { get; } = Cut($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>Checks the watches due now (those it can claim) and returns when the next one is due (null when there are none).</summary>
    public async Task<DateTimeOffset?> CheckDueAsync(CancellationToken cancellationToken)
    {
        List<(long Id, string Tenant)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = (await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Watches.IgnoreQueryFilters().AsNoTracking()
                    .Where(w => w.NextCheckAt <= now && (w.LeaseUntil == null || w.LeaseUntil < now))
                    .OrderBy(w => w.NextCheckAt).Select(w => new { w.Id, w.TenantId }).ToListAsync(cancellationToken))
                .Select(w => (w.Id, w.TenantId)).ToList();
        }

        foreach (var (id, tenant) in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
                var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
                if (!await ClaimAsync(db, id, cancellationToken))
                {
                    continue;
                }

                var watch = await db.Watches.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
                if (watch is not null)
                {
                    await scope.ServiceProvider.GetRequiredService<AgendaWatcher>().CheckAsync(watch, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken watch must not stop the others; its lease keeps it from being retried in a tight loop.
                Log.CheckFailed(logger, ex, id);
            }
        }

        await using var next = scopes.CreateAsyncScope();
        var rows = await next.ServiceProvider.GetRequiredService<MeetingsDbContext>().Watches.IgnoreQueryFilters().AsNoTracking()
            .Select(w => new { w.NextCheckAt, w.LeaseUntil }).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows.Min(w => w.LeaseUntil is { } until && until > w.NextCheckAt ? until : w.NextCheckAt);
    }

    /// <summary>Takes the watch for this instance when it is due and nobody holds it; true when this instance now holds it.</summary>
    public async Task<bool> ClaimAsync(MeetingsDbContext db, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        var until = now + Lease;
        var claimed = await db.Watches.Where(w => w.Id == id && w.NextCheckAt <= now && (w.LeaseUntil == null || w.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, Owner).SetProperty(w => w.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    private static string Cut(string owner) => owner.Length <= 64 ? owner : owner[^64..];

    private static partial class Log
    {
        [LoggerMessage(EventId = 422, Level = LogLevel.Error, Message = "Checking agenda watch {Watch} failed")]
        public static partial void CheckFailed(ILogger logger, Exception exception, long watch);
    }
}

/// <summary>The hosted service that sleeps until the next watch is due (or one is added) and checks it.</summary>
internal sealed class AgendaWatchService(AgendaWatchRunner runner, AgendaWatchSignal signal, TimeProvider clock, ILogger<AgendaWatchService> logger, BackgroundGate? gate = null)
    : DueWorkService(signal, clock, logger, gate)
{
    protected override string FailureMessage => "Checking agenda watches failed; will try again";

    protected override Task<DateTimeOffset?> RunDueAsync(CancellationToken cancellationToken) => runner.CheckDueAsync(cancellationToken);
}
