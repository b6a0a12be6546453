using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Coordination;

/// <summary>What a lease looks like from outside: who holds it and until when.</summary>
public sealed record LeaseInfo(string Name, string Holder, DateTimeOffset ExpiresAt, DateTimeOffset TakenAt);

/// <summary>
/// Named leases in the database, shared by every instance: taken by one conditional update (or insert), so two instances never
/// hold the same lease, and a dead instance's lease passes to another once it expires. Nothing elects a leader.
/// </summary>
public sealed class Leases(IServiceScopeFactory scopes, BotInstance instance, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    /// <summary>This process's identity, written as the holder.</summary>
    public string Holder => instance.Id;

    /// <summary>Takes the lease until <paramref name="until"/> when it is free, expired, or already ours (then it is extended); false when another instance holds it.</summary>
    public Task<bool> TryAcquireAsync(string name, DateTimeOffset until, CancellationToken cancellationToken) =>
        TakeAsync(name, until, extendOwn: true, cancellationToken);

    /// <summary>Takes the lease until <paramref name="until"/> only when it is free or expired, even if this instance held it last: for a rate
    /// (one Discord identify per bucket every 5 s) rather than an owner.</summary>
    public Task<bool> TryTakeExpiredAsync(string name, DateTimeOffset until, CancellationToken cancellationToken) =>
        TakeAsync(name, until, extendOwn: false, cancellationToken);

    private async Task<bool> TakeAsync(string name, DateTimeOffset until, bool extendOwn, CancellationToken cancellationToken)
    {
        Check(name);
        var now = clock.GetUtcNow();
        var me = instance.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        var taken = await db.Leases.Where(l => l.Name == name && ((extendOwn && l.Holder == me) || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(
                u => u.SetProperty(l => l.TakenAt, l => l.Holder == me ? l.TakenAt : now)
                    .SetProperty(l => l.Holder, me)
                    .SetProperty(l => l.ExpiresAt, until),
                cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        // A conflict means the row exists and another instance holds it (or inserted it a moment ago).
        return await db.InsertIfAbsentAsync(new Lease { Name = name, Holder = me, ExpiresAt = until, TakenAt = now }, cancellationToken);
    }

    /// <summary>Takes the lease for <paramref name="duration"/> from now (see <see cref="TryAcquireAsync(string, DateTimeOffset, CancellationToken)"/>).</summary>
    public Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken) =>
        TryAcquireAsync(name, clock.GetUtcNow() + duration, cancellationToken);

    /// <summary>Lets the lease go (or, with <paramref name="keepUntil"/>, keeps it only until then); does nothing when another instance holds it.</summary>
    public async Task ReleaseAsync(string name, DateTimeOffset? keepUntil, CancellationToken cancellationToken)
    {
        Check(name);
        var until = keepUntil ?? clock.GetUtcNow();
        var me = instance.Id;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Leases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, until), cancellationToken);
    }

    /// <summary>The leases whose name starts with <paramref name="prefix"/>, expired ones included.</summary>
    public async Task<IReadOnlyList<LeaseInfo>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Leases.AsNoTracking()
            .Where(l => l.Name.StartsWith(prefix)).OrderBy(l => l.Name)
            .Select(l => new LeaseInfo(l.Name, l.Holder, l.ExpiresAt, l.TakenAt)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Runs one turn of a periodic job on at most one instance: takes the lease <paramref name="name"/> for <paramref name="every"/>, renews it while
    /// <paramref name="work"/> runs, and afterwards keeps it until one period after the turn began, so the other instances skip this turn.
    /// Returns false (and runs nothing) when another instance has the turn. A dead instance's turn passes on when its lease expires.
    /// </summary>
    /// <remarks>When a renewal finds the lease lost (the work outlived it and another instance took over), the work is cancelled.</remarks>
    public async Task<bool> RunTurnAsync(string name, TimeSpan every, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "A turn must last a positive time.");
        }

        var started = clock.GetUtcNow();
        if (!await TryAcquireAsync(name, started + every, cancellationToken))
        {
            return false;
        }

        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewals = RenewWhileRunningAsync(name, every, held);
        try
        {
            await work(held.Token);
        }
        finally
        {
            await held.CancelAsync();
            await renewals;
        }

        var next = started + every;
        await ReleaseAsync(name, next > clock.GetUtcNow() ? next : null, cancellationToken);
        return true;
    }

    private async Task RenewWhileRunningAsync(string name, TimeSpan every, CancellationTokenSource held)
    {
        var period = every / 3;
        try
        {
            while (true)
            {
                await Task.Delay(period, clock, held.Token);
                if (!await TryAcquireAsync(name, clock.GetUtcNow() + every, held.Token))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work finished (or the host stops).
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // The database is away: the work goes on; the lease lasts until it expires.
        }
    }

    private static void Check(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A lease name has 1 to {MaxNameLength} characters.", nameof(name));
        }
    }
}
