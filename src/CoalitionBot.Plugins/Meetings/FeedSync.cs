using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What one import changed: <c>Found</c> upcoming events in the feed, <c>Matched</c> of those pass the filter and are kept as meetings.</summary>
public sealed record FeedSyncResult(int Found, int Matched, int Added, int Updated, int Cancelled);

/// <summary>Where imported meetings come from and how they are kept: a calendar subscription or a Legistar agenda watch.</summary>
/// <param name="SubscriptionId">The calendar subscription, or null.</param>
/// <param name="WatchId">The agenda watch, or null.</param>
/// <param name="Filter">The title filter, or null for every event.</param>
/// <param name="ChannelId">The channel for reminders.</param>
/// <param name="ChannelName">The channel's name.</param>
/// <param name="LeadMinutes">Reminder lead times in minutes, or null for the plugin's.</param>
/// <param name="CreatedBy">Who the meetings are recorded as created by.</param>
public sealed record ImportSource(long? SubscriptionId, long? WatchId, string? Filter, string? ChannelId, string? ChannelName, string? LeadMinutes, string CreatedBy)
{
    public static ImportSource Of(MeetingSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new(subscription.Id, null, subscription.Filter, subscription.ChannelId, subscription.ChannelName, subscription.LeadMinutes, subscription.CreatedBy);
    }
}

/// <summary>Merges a parsed feed into the coalition's meetings, keyed on subscription + UID (+ RECURRENCE-ID), so refreshing never duplicates:
/// new events are added, changed ones updated and re-planned, and events that are cancelled or vanish from the feed are cancelled
/// (their pending reminders withdrawn). Past events are left as they were.</summary>
public sealed class FeedSync(MeetingsDbContext db, CoalitionBotDbContext coreDb, MeetingPlanner planner, Outbox outbox, LanguageCatalogs languages, TimeProvider clock)
{
    /// <summary>How far ahead feed events are imported.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(400);

    /// <summary>Who the skips written from a feed are recorded as.</summary>
    public const string FeedAuthor = "feed";

    /// <summary>Merges the feed into the subscription's meetings; the meetings and their reminders change in one transaction.</summary>
    public Task<FeedSyncResult> ApplyAsync(MeetingSubscription subscription, ParsedFeed feed, CancellationToken cancellationToken) =>
        ApplyAsync(ImportSource.Of(subscription), feed, partial: false, cancellationToken);

    /// <summary>Merges events into the source's meetings in one transaction. A <paramref name="partial"/> feed holds only the events that
    /// changed, so a meeting missing from it is kept; one the feed marks cancelled is still cancelled.</summary>
    public Task<FeedSyncResult> ApplyAsync(ImportSource source, ParsedFeed feed, bool partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(feed);
        return outbox.TogetherWithAsync(db, () => MergeAsync(source, feed, partial, cancellationToken), cancellationToken);
    }

    private async Task<FeedSyncResult> MergeAsync(ImportSource subscription, ParsedFeed feed, bool partial, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var filter = FeedParser.ParseFilter(subscription.Filter, out _) ?? [];
        var existing = await ImportedAsync(subscription, cancellationToken);
        var byKey = existing.Where(m => m.ExternalKey is not null).ToDictionary(m => m.ExternalKey!, StringComparer.Ordinal);
        var skipRows = await db.Skips.Where(s => existing.Select(m => m.Id).Contains(s.MeetingId)).ToListAsync(cancellationToken);

        // A changed or cancelled date of a series removes that date from the series; a changed one is kept as its own meeting.
        var masters = feed.Events.Where(e => e.RecurrenceId is null).ToDictionary(e => e.Uid, StringComparer.Ordinal);
        var overridden = feed.Events.Where(e => e.RecurrenceId is not null)
            .GroupBy(e => e.Uid, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.RecurrenceId!.Value).ToList(), StringComparer.Ordinal);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int found = 0, matched = 0, added = 0, updated = 0;
        var nextNumber = (await db.Meetings.MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0) + 1;
        var changed = new List<Meeting>();
        var untitled = await UntitledAsync(subscription, feed, now, cancellationToken);
        foreach (var evt in feed.Events)
        {
            var skips = SkippedDates(evt, overridden);
            var candidate = Build(subscription, evt, untitled);
            if (!Recurrence.Occurrences(candidate, now, now + Window, skips).Any())
            {
                // Past (or beyond the window): present in the feed, so not "vanished", but nothing to remind about.
                seen.Add(evt.Key);
                continue;
            }

            if (evt.Cancelled)
            {
                continue;
            }

            found++;
            if (!Passes(filter, evt, masters))
            {
                continue;
            }

            matched++;
            seen.Add(evt.Key);
            if (!byKey.TryGetValue(evt.Key, out var meeting))
            {
                candidate.Number = nextNumber++;
                db.Meetings.Add(candidate);
                await db.SaveChangesAsync(cancellationToken);
                SyncSkips(candidate, skips, [], now);
                byKey[evt.Key] = candidate;
                changed.Add(candidate);
                added++;
            }
            else if (Update(meeting, candidate, skips, skipRows.Where(s => s.MeetingId == meeting.Id).ToList(), now))
            {
                changed.Add(meeting);
                updated++;
            }
        }

        var gone = CancelVanished(existing, seen, partial ? feed.Events.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) : null, skipRows, now);
        await SaveAndReplanAsync(gone, changed, cancellationToken);
        return new FeedSyncResult(found, matched, added, updated, gone.Count);
    }

    private Task<List<Meeting>> ImportedAsync(ImportSource source, CancellationToken cancellationToken) => source.WatchId is { } watchId
        ? db.Meetings.Where(m => m.WatchId == watchId).ToListAsync(cancellationToken)
        : db.Meetings.Where(m => m.SubscriptionId == source.SubscriptionId).ToListAsync(cancellationToken);

    /// <summary>Whether an event passes the title filter; a moved date of a series also passes on the series' title.</summary>
    private static bool Passes(IReadOnlyList<string[]> filter, FeedEvent evt, Dictionary<string, FeedEvent> masters)
    {
        var title = evt.RecurrenceId is not null && masters.TryGetValue(evt.Uid, out var master) ? master.Title : null;
        return FeedParser.Matches(filter, evt.Title) || (title is not null && FeedParser.Matches(filter, title));
    }

    /// <summary>Saves the merge, withdraws the reminders of the meetings it cancelled and rewrites those of the ones it changed.</summary>
    private async Task SaveAndReplanAsync(List<Meeting> cancelled, List<Meeting> changed, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        foreach (var meeting in cancelled)
        {
            await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken);
        }

        foreach (var meeting in changed)
        {
            await planner.ReplanAsync(meeting, cancellationToken);
        }
    }

    /// <summary>The dates a feed event's series skips: its EXDATEs and the dates moved out as their own events. A moved date skips none.</summary>
    private static HashSet<DateTimeOffset> SkippedDates(FeedEvent evt, Dictionary<string, List<DateTimeOffset>> overridden) =>
        evt.RecurrenceId is not null ? [] : evt.Exceptions.Concat(overridden.GetValueOrDefault(evt.Uid) ?? []).ToHashSet();

    /// <summary>Brings an imported meeting in line with its feed event; false when it already was.</summary>
    private bool Update(Meeting meeting, Meeting candidate, HashSet<DateTimeOffset> skips, List<MeetingSkip> skipRows, DateTimeOffset now)
    {
        if (!meeting.Cancelled && Same(meeting, candidate) && skipRows.Select(s => s.OccurrenceStart).ToHashSet().SetEquals(skips))
        {
            return false;
        }

        meeting.Title = candidate.Title;
        meeting.StartLocal = candidate.StartLocal;
        meeting.TimeZone = candidate.TimeZone;
        meeting.AllDay = candidate.AllDay;
        meeting.Rule = candidate.Rule;
        meeting.RuleText = candidate.RuleText;
        meeting.Location = candidate.Location;
        meeting.Agenda = candidate.Agenda;
        meeting.ChannelId = candidate.ChannelId;
        meeting.ChannelName = candidate.ChannelName;
        meeting.LeadMinutes = candidate.LeadMinutes;
        meeting.Cancelled = false;
        meeting.UpdatedAt = now;
        SyncSkips(meeting, skips, skipRows, now);
        return true;
    }

    /// <summary>Cancels the imported meetings still ahead that the feed cancelled, filtered out or dropped, and returns them. A partial
    /// feed (<paramref name="inPartialFeed"/> not null) only speaks for the events it holds.</summary>
    private static List<Meeting> CancelVanished(List<Meeting> existing, HashSet<string> seen, HashSet<string>? inPartialFeed, List<MeetingSkip> skipRows, DateTimeOffset now)
    {
        var cancelled = new List<Meeting>();
        foreach (var meeting in existing.Where(m => !m.Cancelled && m.ExternalKey is not null && !seen.Contains(m.ExternalKey) && (inPartialFeed is null || inPartialFeed.Contains(m.ExternalKey))))
        {
            if (Recurrence.Occurrences(meeting, now, now + Window, skipRows.Where(s => s.MeetingId == meeting.Id).Select(s => s.OccurrenceStart).ToHashSet()).Any())
            {
                meeting.Cancelled = true;
                meeting.UpdatedAt = now;
                cancelled.Add(meeting);
            }
        }

        return cancelled;
    }

    private void SyncSkips(Meeting meeting, HashSet<DateTimeOffset> wanted, List<MeetingSkip> current, DateTimeOffset now)
    {
        foreach (var row in current.Where(r => !wanted.Contains(r.OccurrenceStart)))
        {
            db.Skips.Remove(row);
        }

        var have = current.Select(r => r.OccurrenceStart).ToHashSet();
        foreach (var at in wanted.Where(w => !have.Contains(w)))
        {
            db.Skips.Add(new MeetingSkip { MeetingId = meeting.Id, OccurrenceStart = at, SkippedBy = FeedAuthor, SkippedAt = now });
        }
    }

    /// <summary>
    /// The title of an event that has none (a calendar event without SUMMARY, a Legistar event without a body name), in the
    /// coalition's language: it is stored like any title, so it is written once, when the meeting is imported.
    /// </summary>
    private async Task<string> UntitledAsync(ImportSource source, ParsedFeed feed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (feed.Events.All(e => e.Title.Length > 0))
        {
            return string.Empty;
        }

        var reader = await languages.ReaderAsync(coreDb, now, cancellationToken);
        return MeetingCards.Cut(reader.T(source.WatchId is null ? "meetings.untitled" : "meetings.legistar.untitled"), 120);
    }

    private Meeting Build(ImportSource subscription, FeedEvent evt, string untitled) => new()
    {
        Title = evt.Title.Length > 0 ? evt.Title : untitled,
        StartLocal = evt.StartLocal,
        TimeZone = evt.TimeZone,
        AllDay = evt.AllDay,
        Rule = evt.Rule,
        RuleText = null, // no one typed it: the card describes the rule in the reader's language
        Location = evt.Location,
        Agenda = evt.Agenda,
        ChannelId = subscription.ChannelId,
        ChannelName = subscription.ChannelName,
        LeadMinutes = subscription.LeadMinutes,
        CreatedBy = subscription.CreatedBy,
        CreatedAt = clock.GetUtcNow(),
        UpdatedAt = clock.GetUtcNow(),
        SubscriptionId = subscription.SubscriptionId,
        WatchId = subscription.WatchId,
        ExternalKey = evt.Key,
    };

    private static bool Same(Meeting a, Meeting b) =>
        a.Title == b.Title && a.StartLocal == b.StartLocal && a.TimeZone == b.TimeZone && a.AllDay == b.AllDay && a.Rule == b.Rule
        && a.Location == b.Location && a.Agenda == b.Agenda && a.ChannelId == b.ChannelId && a.LeadMinutes == b.LeadMinutes;
}
