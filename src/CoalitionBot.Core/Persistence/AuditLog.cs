using CoalitionBot.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Core.Persistence;

/// <summary>The coalition's audit log: who changed which setting, when. Entries never hold note text or secrets.</summary>
public sealed class AuditLog(CoalitionBotDbContext db, TimeProvider clock)
{
    /// <summary>Adds an entry to the Core context; it is saved with the change it describes by the caller's next <c>SaveChangesAsync</c>.</summary>
    /// <param name="actor">Who did it; null for the host command line.</param>
    /// <param name="action">A short code such as <c>timezone.set</c>.</param>
    /// <param name="detail">The new (and old) setting value; never names, notes or secrets.</param>
    /// <param name="subject">The person or role the action is about, if any.</param>
    public AuditEntry Record(UserRef? actor, string action, string? detail = null, (string Id, string? Name)? subject = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor?.Id,
            ActorName = actor?.Name,
            Action = action,
            Detail = Truncate(detail, 200),
            SubjectId = subject?.Id,
            SubjectName = Truncate(subject?.Name, 100),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Adds an entry for an action taken on the host's command line rather than in chat.</summary>
    public AuditEntry RecordByHost(string action, string? detail = null)
    {
        var entry = Record(null, action, detail);
        entry.ActorName = HostActor;
        return entry;
    }

    /// <summary>The actor name of entries written from the host's command line.</summary>
    public const string HostActor = "host command line";

    /// <summary>The entries since an instant, newest first, at most <paramref name="limit"/>, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> SinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.At >= since);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return (entries, total);
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
