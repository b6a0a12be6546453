using System.Collections.Concurrent;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Core.Routing;

/// <summary>Keeps each coalition's settings, lead grants and language preferences in memory, so building a command's context costs no database round trip.</summary>
/// <remarks>
/// A change to those tables, saved through any instance, is published on <see cref="ICacheInvalidation"/> under <see cref="CacheName"/>:
/// this instance drops the entry at once and the others within about a second, so a new lead's next command is allowed everywhere.
/// Entries also live <see cref="Lifetime"/> at most, a safety net should a message be lost.
/// </remarks>
public sealed class CallerDataCache : IDisposable
{
    /// <summary>The name under which changes to settings, leads and preferences are published (key: the tenant id).</summary>
    public const string CacheName = "caller";

    /// <summary>How long an entry is trusted before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Snapshot> _byTenant = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;

    public CallerDataCache(TimeProvider clock, ICacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        _clock = clock;
        _subscription = invalidation.Subscribe(CacheName, tenant =>
        {
            if (tenant is null)
            {
                _byTenant.Clear();
            }
            else
            {
                Invalidate(tenant);
            }
        });
    }

    /// <summary>What a coalition's commands need to know about it and its people.</summary>
    internal sealed record Snapshot(
        string? TimeZone,
        string? Language,
        IReadOnlySet<string> LeadUsers,
        IReadOnlySet<string> LeadRoles,
        IReadOnlyDictionary<string, string> Languages,
        IReadOnlyDictionary<CoalitionChannel, string> Channels,
        DateTimeOffset LoadedAt);

    /// <remarks>The context is asked for only on a miss, so a cached command does not construct a <c>DbContext</c> it never queries.</remarks>
    internal async Task<Snapshot> GetAsync(Func<CoalitionBotDbContext> database, string tenant, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_byTenant.TryGetValue(tenant, out var cached) && now - cached.LoadedAt < Lifetime)
        {
            return cached;
        }

        var db = database();

        var settings = await db.TenantSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var grants = await db.LeadGrants.AsNoTracking().Select(g => new { g.SubjectKind, g.SubjectId }).ToListAsync(cancellationToken);
        var languages = await db.UserPreferences.AsNoTracking().Where(p => p.Language != null)
            .Select(p => new { p.UserId, p.Language }).ToListAsync(cancellationToken);
        var snapshot = new Snapshot(
            settings?.TimeZone,
            settings?.Language,
            grants.Where(g => g.SubjectKind == LeadSubject.User).Select(g => g.SubjectId).ToHashSet(StringComparer.Ordinal),
            grants.Where(g => g.SubjectKind == LeadSubject.Role).Select(g => g.SubjectId).ToHashSet(StringComparer.Ordinal),
            languages.ToDictionary(p => p.UserId, p => p.Language!, StringComparer.Ordinal),
            Enum.GetValues<CoalitionChannel>().Where(c => settings?.ChannelFor(c) is not null).ToDictionary(c => c, c => settings!.ChannelFor(c)!),
            now);
        _byTenant[tenant] = snapshot;
        return snapshot;
    }

    /// <summary>Forgets a coalition's entry on this instance (changes are published through <see cref="ICacheInvalidation"/>, which calls this everywhere).</summary>
    public void Invalidate(string tenant) => _byTenant.TryRemove(tenant, out _);

    public void Dispose() => _subscription.Dispose();
}
