using System.Collections.Concurrent;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Core.Routing;

/// <summary>Keeps each coalition's settings, lead grants and language preferences in memory, so building a command's context costs no database round trip.</summary>
/// <remarks>
/// Entries live <see cref="Lifetime"/> at most (another bot process sharing the database may change them) and are dropped
/// at once when this process saves a change to those tables, so a new lead's very next command sees the grant.
/// </remarks>
public sealed class CallerDataCache(TimeProvider clock)
{
    /// <summary>How long an entry is trusted before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Snapshot> _byTenant = new(StringComparer.Ordinal);

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
        var now = clock.GetUtcNow();
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

    /// <summary>Forgets a coalition's entry after its settings, leads or preferences changed.</summary>
    public void Invalidate(string tenant) => _byTenant.TryRemove(tenant, out _);
}
