using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Checks one agenda watch: imports the watched bodies' meetings like a calendar subscription, reads the agendas that were
/// published or changed, and posts one alert per matching item (again when it changes, and when it is removed). A failed or malformed
/// answer changes nothing: the error is kept on the watch and the next try waits longer each time.</summary>
public sealed partial class AgendaWatcher(
    MeetingsDbContext db,
    CoalitionBotDbContext coreDb,
    LegistarClient legistar,
    FeedSync sync,
    Outbox outbox,
    AgendaWatchTokens tokens,
    MeetingsSettings settings,
    LanguageCatalogs languages,
    TimeProvider clock,
    ILogger<AgendaWatcher> logger)
{
    /// <summary>How far ahead watched bodies' meetings are imported.</summary>
    public const int WindowDays = 90;

    /// <summary>How often the whole window is read again (catching events deleted outright), between reads of only what changed.</summary>
    public static readonly TimeSpan FullReadEvery = TimeSpan.FromDays(1);

    /// <summary>The wait after the first failed check; it doubles with each failure in a row, up to a day.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(5);

    /// <summary>The dedup key prefix of a watch's alerts.</summary>
    public static string KeyPrefix(long watchId) => $"agenda:{watchId.ToString(CultureInfo.InvariantCulture)}:";

    /// <summary>The wait before the next try after <paramref name="failures"/> failed checks in a row.</summary>
    public static TimeSpan Backoff(int failures)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 20));
        return wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait;
    }

    /// <summary>Checks the watch now, records the outcome on it and schedules the next check.</summary>
    public async Task<WatchCheck> CheckAsync(AgendaWatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        string? token = null;
        CatalogText? tokenError = null;
        if (watch.ProtectedToken is { } stored)
        {
            token = tokens.Unprotect(stored, out tokenError);
        }

        var result = tokenError is not null
            ? new WatchCheck(null, 0, tokenError)
            : watch.Kind == AgendaWatchKind.Matter
                ? await CheckMatterAsync(watch, token, cancellationToken)
                : await CheckBodiesAsync(watch, token, cancellationToken);
        var now = clock.GetUtcNow();
        watch.LastCheckAt = now;
        watch.LeaseOwner = null;
        watch.LeaseUntil = null;
        if (result.Ok)
        {
            watch.LastError = null;
            watch.LastSuccessAt = now;
            watch.Failures = 0;
            watch.NextCheckAt = now + settings.WatchEvery;
        }
        else
        {
            watch.LastError = result.Error!.Stored();
            watch.Failures++;
            watch.NextCheckAt = now + Backoff(watch.Failures);
            Log.Failed(logger, watch.Id, watch.Client, watch.Failures, result.Error.In(languages.StringsFor(LanguageCatalogs.English)));
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private async Task<WatchCheck> CheckBodiesAsync(AgendaWatch watch, string? token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(watch.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var full = watch.ChangedSince is null || watch.NextFullReadAt <= now;
        var bodyIds = watch.BodyIds?.Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
        var events = await legistar.EventsAsync(watch.Client, bodyIds, today.AddDays(-1), today.AddDays(WindowDays), full ? null : watch.ChangedSince, token, cancellationToken);
        if (!events.Ok)
        {
            return new WatchCheck(null, 0, events.Error);
        }

        // Read every agenda that needs reading before changing anything, so a failed or malformed answer leaves all as it was.
        var versions = await db.WatchEvents.Where(e => e.WatchId == watch.Id).ToDictionaryAsync(e => e.EventId, cancellationToken);
        var agendas = new List<(LegistarEvent Event, DateTimeOffset Start, List<LegistarEventItem> Items)>();
        foreach (var evt in events.Value!)
        {
            if (ToFeedEvent(evt, watch.TimeZone) is not { Cancelled: false } feedEvent || !Published(evt))
            {
                continue;
            }

            var start = Recurrence.ToInstant(feedEvent.StartLocal, feedEvent.TimeZone);
            var unchanged = versions.TryGetValue(evt.EventId, out var seen) && seen.Version == Version(evt);
            if (start <= now || (unchanged && !full))
            {
                continue;
            }

            var items = await legistar.EventItemsAsync(watch.Client, evt.EventId, token, cancellationToken);
            if (!items.Ok)
            {
                return new WatchCheck(null, 0, items.Error);
            }

            agendas.Add((evt, start, items.Value!));
        }

        var feed = new ParsedFeed(null, events.Value!.Select(e => ToFeedEvent(e, watch.TimeZone)).OfType<FeedEvent>().ToList());
        var source = new ImportSource(null, watch.Id, null, watch.ChannelId, watch.ChannelName, watch.LeadMinutes, watch.CreatedBy);
        var import = await sync.ApplyAsync(source, feed, partial: !full, cancellationToken);
        var alerts = await outbox.TogetherWithAsync(db, () => AlertAsync(watch, agendas, versions, now, cancellationToken), cancellationToken);

        AdvanceChangedSince(watch, events.Value!);
        if (full)
        {
            watch.NextFullReadAt = now + FullReadEvery;
        }

        Log.Checked(logger, watch.Id, watch.Client, events.Value!.Count, full, import.Added, import.Updated, import.Cancelled, alerts);
        return new WatchCheck(import, alerts, null);
    }

    /// <summary>Moves the watch's "changed since" mark to the newest change Legistar reported, by Legistar's own clock, never ours:
    /// with no event seen yet, the next read is a whole one again (cheap when the window is empty).</summary>
    private static void AdvanceChangedSince(AgendaWatch watch, List<LegistarEvent> events)
    {
        var newest = events.Select(e => e.EventLastModifiedUtc).OfType<string>()
            .Select(s => (Text: s, At: DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTime.MinValue))
            .Where(s => s.At != DateTime.MinValue).OrderByDescending(s => s.At).FirstOrDefault();
        if (newest.Text is not null && (watch.ChangedSince is null || !DateTime.TryParse(watch.ChangedSince, CultureInfo.InvariantCulture, DateTimeStyles.None, out var known) || newest.At > known))
        {
            watch.ChangedSince = newest.Text;
        }
    }

    private async Task<int> AlertAsync(
        AgendaWatch watch, List<(LegistarEvent Event, DateTimeOffset Start, List<LegistarEventItem> Items)> agendas,
        Dictionary<long, AgendaWatchEvent> versions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (agendas.Count == 0)
        {
            return 0;
        }

        var keywords = AgendaKeywords.Of(watch.Keywords);
        var reader = await languages.ReaderAsync(coreDb, now, cancellationToken);
        var meetings = await db.Meetings.Where(m => m.WatchId == watch.Id).ToListAsync(cancellationToken);
        var alerts = 0;
        foreach (var (evt, start, items) in agendas)
        {
            var meeting = meetings.FirstOrDefault(m => m.ExternalKey == Key(evt.EventId));
            var known = await db.WatchItems.Where(i => i.WatchId == watch.Id && i.EventId == evt.EventId).ToListAsync(cancellationToken);
            var pending = Changes(watch, evt, items, known, keywords, meeting, now);
            if (!versions.TryGetValue(evt.EventId, out var seen))
            {
                seen = new AgendaWatchEvent { WatchId = watch.Id, EventId = evt.EventId };
                db.WatchEvents.Add(seen);
                versions[evt.EventId] = seen;
            }

            seen.Version = Version(evt);
            seen.CheckedAt = now;

            // Rows first: the alert buttons carry the row's id.
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (row, item, hit, kind) in pending)
            {
                var alert = new AgendaAlert(kind, watch, evt, start, meeting, row, item, hit, now);
                var suffix = kind == AgendaAlertKind.Removed ? "removed:" + row.Version : row.Version;
                var key = KeyPrefix(watch.Id) + row.EventItemId.ToString(CultureInfo.InvariantCulture) + ":" + suffix;
                var queued = new OutboxItem(key, MeetingPlanner.Source, MessageTarget.ToChannel(new ChannelRef(watch.ChannelId ?? string.Empty, watch.ChannelName)),
                    AgendaCards.Alert(alert, reader), now) { NotAfter = start };
                if (watch.ChannelId is not null && await outbox.EnqueueAsync(queued, cancellationToken))
                {
                    alerts++;
                }
            }
        }

        return alerts;
    }

    /// <summary>The items of one agenda to alert about: new or changed matches, and matches that left the agenda; their rows are
    /// added or updated (not yet saved).</summary>
    private List<(AgendaWatchItem Row, LegistarEventItem? Item, KeywordHit? Hit, AgendaAlertKind Kind)> Changes(
        AgendaWatch watch, LegistarEvent evt, List<LegistarEventItem> items, List<AgendaWatchItem> known, AgendaKeywords keywords, Meeting? meeting, DateTimeOffset now)
    {
        var pending = new List<(AgendaWatchItem Row, LegistarEventItem? Item, KeywordHit? Hit, AgendaAlertKind Kind)>();
        foreach (var item in items)
        {
            var (hit, text) = Match(keywords, item);
            if (hit is null)
            {
                continue;
            }

            var version = ItemVersion(item);
            var row = known.FirstOrDefault(r => r.EventItemId == item.EventItemId);
            var kind = row is null ? AgendaAlertKind.New : row.Removed || row.Version != version ? AgendaAlertKind.Updated : (AgendaAlertKind?)null;
            if (kind is null)
            {
                continue;
            }

            if (row is null)
            {
                row = new AgendaWatchItem { WatchId = watch.Id, EventId = evt.EventId, EventItemId = item.EventItemId };
                db.WatchItems.Add(row);
            }

            row.Title = MeetingCards.Cut(text, 1000);
            row.MatterFile = item.EventItemMatterFile is { } file ? MeetingCards.Cut(file, 64) : null;
            row.Keyword = MeetingCards.Cut(hit.Keyword, 100);
            row.Version = version;
            row.Removed = false;
            row.MeetingId = meeting?.Id;
            row.AlertedAt = now;
            pending.Add((row, item, hit, kind.Value));
        }

        foreach (var row in known.Where(r => !r.Removed && items.All(i => i.EventItemId != r.EventItemId)))
        {
            row.Removed = true;
            row.AlertedAt = now;
            pending.Add((row, null, null, AgendaAlertKind.Removed));
        }

        return pending;
    }

    private async Task<WatchCheck> CheckMatterAsync(AgendaWatch watch, string? token, CancellationToken cancellationToken)
    {
        if (watch.MatterId is not { } matterId)
        {
            return new WatchCheck(null, 0, new CatalogText("meetings.watch.no-matter"));
        }

        var matter = await legistar.MatterAsync(watch.Client, matterId, token, cancellationToken);
        if (!matter.Ok)
        {
            return new WatchCheck(null, 0, matter.Error);
        }

        var histories = await legistar.HistoriesAsync(watch.Client, matterId, token, cancellationToken);
        if (!histories.Ok)
        {
            return new WatchCheck(null, 0, histories.Error);
        }

        var alerts = await outbox.TogetherWithAsync(db, () => FollowMatterAsync(watch, matter.Value!, histories.Value!, cancellationToken), cancellationToken);
        return new WatchCheck(null, alerts, null);
    }

    /// <summary>Posts what changed on a followed matter since the last check: scheduled on an agenda, a new status, new votes.</summary>
    private async Task<int> FollowMatterAsync(AgendaWatch watch, LegistarMatter matter, List<LegistarMatterHistory> histories, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reader = await languages.ReaderAsync(coreDb, now, cancellationToken);
        var changes = new List<(string Key, Core.Replies.Reply Message)>();
        var prefix = KeyPrefix(watch.Id) + "matter:";
        if (matter.MatterAgendaDate is { } agendaDate && agendaDate != watch.MatterAgendaDate)
        {
            changes.Add((prefix + "agenda:" + agendaDate, AgendaCards.MatterScheduled(watch, matter, reader)));
        }

        if (watch.MatterStatus is not null && matter.MatterStatusName is { } status && status != watch.MatterStatus)
        {
            changes.Add((prefix + "status:" + Hash(status), AgendaCards.MatterStatus(watch, matter, watch.MatterStatus, reader)));
        }

        var seen = watch.MatterHistorySeen ?? 0;
        foreach (var vote in histories.Where(h => h.MatterHistoryId > seen && !string.IsNullOrWhiteSpace(h.MatterHistoryTally)).OrderBy(h => h.MatterHistoryId))
        {
            changes.Add((prefix + "vote:" + vote.MatterHistoryId.ToString(CultureInfo.InvariantCulture), AgendaCards.MatterVote(watch, matter, vote, reader)));
        }

        watch.MatterAgendaDate = matter.MatterAgendaDate;
        watch.MatterStatus = matter.MatterStatusName;
        watch.MatterTitle = MeetingCards.Cut(matter.MatterTitle ?? matter.MatterName ?? watch.MatterFile ?? string.Empty, 300);
        watch.MatterHistorySeen = histories.Count == 0 ? watch.MatterHistorySeen : Math.Max(seen, histories.Max(h => h.MatterHistoryId));
        await db.SaveChangesAsync(cancellationToken);
        var posted = 0;
        foreach (var (key, message) in changes)
        {
            if (watch.ChannelId is not null && await outbox.EnqueueAsync(
                new OutboxItem(key, MeetingPlanner.Source, MessageTarget.ToChannel(new ChannelRef(watch.ChannelId, watch.ChannelName)), message, now), cancellationToken))
            {
                posted++;
            }
        }

        return posted;
    }

    /// <summary>The meeting key of a Legistar event (stable across moves and renames).</summary>
    public static string Key(long eventId) => "legistar:" + eventId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Legistar event as a feed event for <see cref="FeedSync"/>, or null when its date cannot be read.</summary>
    public static FeedEvent? ToFeedEvent(LegistarEvent evt, string zone)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (LegistarClient.LocalStart(evt.EventDate, evt.EventTime) is not { } start)
        {
            return null;
        }

        // An event without a body name gets an empty title, which FeedSync names in the coalition's language.
        var title = string.IsNullOrWhiteSpace(evt.EventBodyName) ? string.Empty : MeetingCards.Cut(evt.EventBodyName.Trim(), 120);
        var location = string.IsNullOrWhiteSpace(evt.EventLocation) ? null : MeetingCards.Cut(evt.EventLocation.Trim(), 200);
        return new FeedEvent(Key(evt.EventId), Key(evt.EventId), null, title, start.Local, zone, start.AllDay, null, [], location,
            AgendaLink(evt), Cancelled(evt), 0, null);
    }

    /// <summary>The agenda's link for the meeting card and reminders: the agenda PDF, else the meeting's page.</summary>
    public static string? AgendaLink(LegistarEvent evt) =>
        new[] { evt?.EventAgendaFile, evt?.EventInSiteURL }.FirstOrDefault(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>Legistar marks a called-off meeting in its agenda status ("Cancelled", NYC's "Deferred") or its comment.</summary>
    public static bool Cancelled(LegistarEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        static bool Says(string? text) => text is not null && (text.Contains("cancel", StringComparison.OrdinalIgnoreCase)
            || text.Contains("deferred", StringComparison.OrdinalIgnoreCase) || text.Contains("postponed", StringComparison.OrdinalIgnoreCase));
        return Says(evt.EventAgendaStatusName) || Says(evt.EventComment);
    }

    /// <summary>True once an agenda is out: a final status, an agenda file or a publication time.</summary>
    public static bool Published(LegistarEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var status = evt.EventAgendaStatusName ?? string.Empty;
        if (status.Contains("draft", StringComparison.OrdinalIgnoreCase) || status.Contains("not viewable", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return status.Contains("final", StringComparison.OrdinalIgnoreCase) || !string.IsNullOrWhiteSpace(evt.EventAgendaFile) || evt.EventAgendaLastPublishedUTC is not null;
    }

    private static string Version(LegistarEvent evt) => MeetingCards.Cut($"{evt.EventAgendaStatusName}|{evt.EventLastModifiedUtc}|{evt.EventAgendaLastPublishedUTC}", 200);

    private static (KeywordHit? Hit, string Text) Match(AgendaKeywords keywords, LegistarEventItem item)
    {
        foreach (var text in new[] { item.EventItemTitle, item.EventItemMatterName, item.EventItemAgendaNote })
        {
            if (keywords.Find(text) is { } hit)
            {
                return (hit, text!);
            }
        }

        return (null, string.Empty);
    }

    /// <summary>A short digest of what makes an item "updated": its title and its attachments.</summary>
    private static string ItemVersion(LegistarEventItem item)
    {
        var attachments = string.Join(',', (item.EventItemMatterAttachments ?? []).Select(a => a.MatterAttachmentId).Order());
        return Hash($"{item.EventItemTitle}\n{item.EventItemMatterName}\n{attachments}");
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, Level = LogLevel.Warning, Message = "Agenda watch {Watch} (Legistar client {Client}) not checked, failure {Failures} in a row: {Error}")]
        public static partial void Failed(ILogger logger, long watch, string client, int failures, string error);

        [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Agenda watch {Watch} (Legistar client {Client}) checked: {Events} event(s) read (full: {Full}), {Added} added, {Updated} updated, {Cancelled} cancelled, {Alerts} alert(s)")]
        public static partial void Checked(ILogger logger, long watch, string client, int events, bool full, int added, int updated, int cancelled, int alerts);
    }
}
