using CoalitionBot.Core.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>
/// The coalition's power map as a service, for the stakeholder commands and for other plugins (the tasks plugin logs a
/// contact when a task about a stakeholder is done). Scoped: use it inside a command's scope, whose tenant it works for.
/// </summary>
/// <remarks>
/// Every change goes through here and writes a <see cref="StakeholderEvent"/> in the same save (who, when, old and new
/// value), so nothing is edited in place without history. Notes are never logged.
/// </remarks>
/// <example>
/// <code>
/// var match = await stakeholders.FindAsync("Council Member Ruiz", ct);
/// if (match.Single is { } ruiz)
///     await stakeholders.LogContactAsync(ruiz.Id, Context.User, "Task #12 done: called her office", ct);
/// </code>
/// </example>
public sealed partial class StakeholderDirectory(StakeholdersDbContext db, TimeProvider clock, ILogger<StakeholderDirectory> logger)
{
    /// <summary>How long a pick list ("which Ruiz?") stays pressable.</summary>
    internal static readonly TimeSpan PickLifetime = TimeSpan.FromHours(2);

    /// <summary>Every stakeholder of the coalition, by name.</summary>
    public async Task<IReadOnlyList<Stakeholder>> ListAsync(CancellationToken cancellationToken) =>
        await db.Stakeholders.OrderBy(s => s.NameKey).ToListAsync(cancellationToken);

    /// <summary>The stakeholders a typed name means, matched forgivingly (case, accents, titles); several means ask the person which one.</summary>
    public async Task<StakeholderMatch> FindAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var all = await ListAsync(cancellationToken);
        return new StakeholderMatch(StakeholderNames.Resolve(name, all));
    }

    /// <summary>The stakeholder with this id in the current coalition, or null.</summary>
    public Task<Stakeholder?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.Stakeholders.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The latest history entries of a stakeholder, newest first.</summary>
    public async Task<IReadOnlyList<StakeholderEvent>> HistoryAsync(long stakeholderId, int take, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().Where(e => e.StakeholderId == stakeholderId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);

    /// <summary>Records a call, meeting or email with a stakeholder and moves their last contact to now.</summary>
    /// <returns>The history entry, or null when no stakeholder has that id in this coalition.</returns>
    /// <exception cref="ArgumentException">The note is empty or longer than 1000 characters.</exception>
    public async Task<StakeholderEvent?> LogContactAsync(long stakeholderId, UserRef by, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        if (note.Trim().Length > StakeholderFields.NotesMax)
        {
            throw new ArgumentException($"A contact note has at most {StakeholderFields.NotesMax} characters.", nameof(note));
        }

        var stakeholder = await GetAsync(stakeholderId, cancellationToken);
        if (stakeholder is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        stakeholder.LastContactAt = now;
        stakeholder.UpdatedAt = now;
        var entry = NewEvent(stakeholder, StakeholderEventKind.Contact, by, now, note.Trim());
        db.Events.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        Log.Contact(logger, stakeholder.Id);
        return entry;
    }

    /// <summary>True when another stakeholder already has this name (ignoring case, accents and punctuation).</summary>
    internal Task<bool> NameTakenAsync(string name, long exceptId, CancellationToken cancellationToken)
    {
        var key = StakeholderNames.Key(name);
        return db.Stakeholders.AnyAsync(s => s.NameKey == key && s.Id != exceptId, cancellationToken);
    }

    /// <summary>Adds a stakeholder with the given field values and one "added" history entry.</summary>
    internal Task<Stakeholder> AddAsync(IReadOnlyList<FieldChange> values, UserRef by, string? note, CancellationToken cancellationToken) =>
        AddAsync(values, by, note, stampAssessment: true, cancellationToken);

    /// <summary>Adds a stakeholder from an import: the file's dates are kept as they are.</summary>
    internal Task<Stakeholder> AddImportedAsync(IReadOnlyList<FieldChange> values, UserRef by, string? note, CancellationToken cancellationToken) =>
        AddAsync(values, by, note, stampAssessment: false, cancellationToken);

    /// <summary>Applies field changes from an import: only real changes are recorded, and the file's dates are kept.</summary>
    internal Task<IReadOnlyList<StakeholderEvent>> UpdateImportedAsync(
        Stakeholder stakeholder, IReadOnlyList<FieldChange> changes, UserRef by, string? note, CancellationToken cancellationToken) =>
        UpdateAsync(stakeholder, changes, by, note, reassess: false, cancellationToken);

    /// <summary>Applies field changes; each field that really changes gets a history entry with its old and new value.</summary>
    /// <remarks>Setting the stance counts as a re-assessment even when it stays the same, so it is recorded and dated.</remarks>
    /// <returns>The history entries written (none when nothing changed).</returns>
    internal Task<IReadOnlyList<StakeholderEvent>> UpdateAsync(
        Stakeholder stakeholder, IReadOnlyList<FieldChange> changes, UserRef by, string? note, CancellationToken cancellationToken) =>
        UpdateAsync(stakeholder, changes, by, note, reassess: true, cancellationToken);

    private async Task<Stakeholder> AddAsync(IReadOnlyList<FieldChange> values, UserRef by, string? note, bool stampAssessment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stakeholder = new Stakeholder { CreatedAt = now, UpdatedAt = now };
        foreach (var (field, value) in values)
        {
            field.Set(stakeholder, value);
        }

        if (stampAssessment && stakeholder.Stance != Stance.Unknown && stakeholder.LastAssessedAt is null)
        {
            stakeholder.LastAssessedAt = now;
        }

        // The row needs its id before its history entry can name it; one transaction keeps the pair whole.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Stakeholders.Add(stakeholder);
        await db.SaveChangesAsync(cancellationToken);
        db.Events.Add(NewEvent(stakeholder, StakeholderEventKind.Added, by, now, note));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Added(logger, stakeholder.Id);
        return stakeholder;
    }

    private async Task<IReadOnlyList<StakeholderEvent>> UpdateAsync(
        Stakeholder stakeholder, IReadOnlyList<FieldChange> changes, UserRef by, string? note, bool reassess, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = new List<StakeholderEvent>();
        foreach (var (field, value) in changes)
        {
            var before = field.Get(stakeholder);
            field.Set(stakeholder, value);
            var after = field.Get(stakeholder);
            var isStance = field == StakeholderFields.Stance;
            if (before == after && !(isStance && reassess))
            {
                continue;
            }

            var entry = NewEvent(stakeholder, isStance ? StakeholderEventKind.StanceChanged : StakeholderEventKind.Changed, by, now, note);
            entry.Field = field.Name;
            entry.OldValue = before;
            entry.NewValue = after;
            events.Add(entry);
            if (isStance && reassess)
            {
                stakeholder.LastAssessedAt = now;
            }
        }

        if (events.Count > 0)
        {
            stakeholder.UpdatedAt = now;
            db.Events.AddRange(events);
            await db.SaveChangesAsync(cancellationToken);
            Log.Changed(logger, stakeholder.Id, events.Count);
        }

        return events;
    }

    /// <summary>Removes a stakeholder from the map; their history stays, ending with a "removed" entry.</summary>
    internal async Task RemoveAsync(Stakeholder stakeholder, UserRef by, CancellationToken cancellationToken)
    {
        db.Events.Add(NewEvent(stakeholder, StakeholderEventKind.Removed, by, clock.GetUtcNow(), note: null));
        db.Stakeholders.Remove(stakeholder);
        await db.SaveChangesAsync(cancellationToken);
        Log.Removed(logger, stakeholder.Id);
    }

    /// <summary>Saves a pick list for an ambiguous name and returns its id (button values carry it).</summary>
    internal async Task<long> SavePickAsync(PendingAction action, string payload, IReadOnlyList<Stakeholder> candidates, UserRef by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = now - PickLifetime;
        await db.PendingPicks.Where(p => p.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);
        var pick = new StakeholderPendingPick
        {
            UserId = by.Id,
            Action = action,
            Payload = payload,
            CandidateIds = string.Join(',', candidates.Select(c => c.Id)),
            CreatedAt = now,
        };
        db.PendingPicks.Add(pick);
        await db.SaveChangesAsync(cancellationToken);
        return pick.Id;
    }

    /// <summary>A pick list that is still pressable, or null when it is gone or expired.</summary>
    internal async Task<StakeholderPendingPick?> FindPickAsync(long id, CancellationToken cancellationToken)
    {
        var pick = await db.PendingPicks.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return pick is null || pick.CreatedAt < clock.GetUtcNow() - PickLifetime ? null : pick;
    }

    /// <summary>Deletes a pick list once it is used, so a second press does nothing.</summary>
    internal async Task DeletePickAsync(StakeholderPendingPick pick, CancellationToken cancellationToken)
    {
        db.PendingPicks.Remove(pick);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The stakeholder with exactly this name key, or null.</summary>
    internal Task<Stakeholder?> FindByKeyAsync(string nameKey, CancellationToken cancellationToken) =>
        db.Stakeholders.FirstOrDefaultAsync(s => s.NameKey == nameKey, cancellationToken);

    /// <summary>Forgets unsaved changes after a failed save, so the next row starts clean.</summary>
    internal void DiscardChanges() => db.ChangeTracker.Clear();

    private static StakeholderEvent NewEvent(Stakeholder stakeholder, StakeholderEventKind kind, UserRef by, DateTimeOffset at, string? note) => new()
    {
        StakeholderId = stakeholder.Id,
        StakeholderName = stakeholder.Name,
        Kind = kind,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        ByUserId = by.Id,
        ByName = by.Name,
        At = at,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Stakeholder {Id} added")]
        public static partial void Added(ILogger logger, long id);

        [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Stakeholder {Id}: {Count} field(s) changed")]
        public static partial void Changed(ILogger logger, long id, int count);

        [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Stakeholder {Id}: contact logged")]
        public static partial void Contact(ILogger logger, long id);

        [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Stakeholder {Id} removed")]
        public static partial void Removed(ILogger logger, long id);
    }
}

/// <summary>A new value for one field.</summary>
internal readonly record struct FieldChange(StakeholderField Field, object? Value);
