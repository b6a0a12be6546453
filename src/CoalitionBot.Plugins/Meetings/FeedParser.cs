using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>One event of a feed as the bot keeps it: a whole series or one-off event (no <c>RecurrenceId</c>), or one changed date of a
/// series (<c>RecurrenceId</c> is the original start it replaces). <c>Key</c> is unique in the feed: the UID, plus the RECURRENCE-ID in UTC
/// for a changed date; <c>Exceptions</c> are the series' EXDATEs as instants.</summary>
public sealed record FeedEvent(
    string Key,
    string Uid,
    DateTimeOffset? RecurrenceId,
    string Title,
    DateTime StartLocal,
    string TimeZone,
    bool AllDay,
    string? Rule,
    IReadOnlyList<DateTimeOffset> Exceptions,
    string? Location,
    string? Agenda,
    bool Cancelled,
    int Sequence,
    DateTimeOffset? LastModified);

/// <summary>A parsed feed: its name and events (one per key, the newest by SEQUENCE then LAST-MODIFIED).</summary>
public sealed record ParsedFeed(string? Name, IReadOnlyList<FeedEvent> Events);

/// <summary>Reads iCalendar feeds (city council calendars such as Legistar's) with Ical.Net into <see cref="FeedEvent"/>s.</summary>
public static partial class FeedParser
{
    /// <summary>Parses the text; null with a short reason when it is not an iCalendar feed. Times with an unknown TZID are read in <paramref name="fallbackZone"/>.</summary>
    public static ParsedFeed? Parse(string text, string fallbackZone, out CatalogText? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (!text.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            error = new CatalogText("meetings.feed.not-icalendar");
            return null;
        }

        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ical.Net throws several exception types on malformed input; all mean the same to the user.
            error = new CatalogText("meetings.feed.unreadable", new { detail = Shorten(ex.Message) });
            return null;
        }

        if (calendar is null)
        {
            error = new CatalogText("meetings.feed.empty");
            return null;
        }

        var events = new List<FeedEvent>();
        foreach (var evt in calendar.Events)
        {
            if (Read(evt, fallbackZone) is { } read)
            {
                events.Add(read);
            }
        }

        var newest = events
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(e => e.Sequence).ThenByDescending(e => e.LastModified ?? DateTimeOffset.MinValue).First())
            .ToList();
        var name = calendar.Properties.Get<string>("X-WR-CALNAME");
        return new ParsedFeed(string.IsNullOrWhiteSpace(name) ? null : name.Trim(), newest);
    }

    /// <summary>Reads a title filter: choices separated by <c>|</c>, each one or more words that must all be in the title (any case, accents ignored).</summary>
    public static IReadOnlyList<string[]>? ParseFilter(string? filter, out CatalogText? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var choices = filter.Split('|', StringSplitOptions.TrimEntries).Select(Words).ToList();
        if (choices.Any(c => c.Length == 0))
        {
            error = new CatalogText("meetings.subscribe.bad-filter");
            return null;
        }

        return choices;
    }

    /// <summary>True when the title matches a choice of the filter (or the filter is empty).</summary>
    public static bool Matches(IReadOnlyList<string[]> filter, string title)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Count == 0)
        {
            return true;
        }

        var words = Words(title).ToHashSet(StringComparer.Ordinal);
        return filter.Any(choice => choice.All(words.Contains));
    }

    private static FeedEvent? Read(CalendarEvent evt, string fallbackZone)
    {
        if (evt.DtStart is null || string.IsNullOrWhiteSpace(evt.Uid))
        {
            return null;
        }

        var (startLocal, zone, allDay) = Start(evt.DtStart, fallbackZone);
        var recurrenceId = evt.RecurrenceIdentifier?.StartTime is { } rid ? Instant(rid, fallbackZone) : (DateTimeOffset?)null;
        var rule = recurrenceId is null ? evt.RecurrenceRule?.ToString() : null;
        if (rule is not null && evt.DtStart.IsUtc)
        {
            // A UTC-anchored series repeats at the same UTC time (RFC 5545), so it is kept in UTC.
            zone = "UTC";
            startLocal = evt.DtStart.AsUtc;
        }

        var exceptions = rule is null
            ? []
            : evt.ExceptionDates.GetAllDates().Select(d => Instant(d, zone == "UTC" ? "UTC" : fallbackZone)).Distinct().ToList();
        var uid = evt.Uid.Trim();
        var key = recurrenceId is { } at ? $"{uid}|{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}" : uid;
        if (key.Length > 300)
        {
            key = "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return new FeedEvent(
            key,
            uid,
            recurrenceId,
            string.IsNullOrWhiteSpace(evt.Summary) ? string.Empty : Cut(Flatten(evt.Summary), 120)!, // an empty title is named by FeedSync
            startLocal,
            zone,
            allDay,
            rule,
            exceptions,
            Cut(Flatten(evt.Location), 200),
            Agenda(evt),
            string.Equals(evt.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase),
            evt.Sequence,
            evt.LastModified is { } modified && modified.HasTime ? new DateTimeOffset(modified.AsUtc, TimeSpan.Zero) : null);
    }

    /// <summary>The wall-clock start and the IANA zone it is in; all-day events start at midnight in the coalition's zone.</summary>
    private static (DateTime Local, string Zone, bool AllDay) Start(CalDateTime start, string fallbackZone)
    {
        if (!start.HasTime)
        {
            return (start.Date.ToDateTime(TimeOnly.MinValue), fallbackZone, true);
        }

        if (start.IsUtc)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(fallbackZone);
            return (TimeZoneInfo.ConvertTime(new DateTimeOffset(start.AsUtc, TimeSpan.Zero), zone).DateTime, fallbackZone, false);
        }

        var value = DateTime.SpecifyKind(start.Value, DateTimeKind.Unspecified);
        return (value, IanaZone(start.TzId) ?? fallbackZone, false);
    }

    /// <summary>The instant of a date-time in the feed, reading an unknown or missing zone (floating time) as <paramref name="fallbackZone"/>.</summary>
    private static DateTimeOffset Instant(CalDateTime time, string fallbackZone)
    {
        if (time.IsUtc)
        {
            return new DateTimeOffset(time.AsUtc, TimeSpan.Zero);
        }

        var local = time.HasTime ? DateTime.SpecifyKind(time.Value, DateTimeKind.Unspecified) : time.Date.ToDateTime(TimeOnly.MinValue);
        return Recurrence.ToInstant(local, IanaZone(time.TzId) ?? fallbackZone);
    }

    /// <summary>An IANA id for a feed's TZID: IANA ids as they are, Windows names ("Central Standard Time", common in Legistar feeds) converted; null when unknown.</summary>
    private static string? IanaZone(string? tzId)
    {
        if (string.IsNullOrWhiteSpace(tzId))
        {
            return null;
        }

        var id = tzId.Trim().Trim('"');
        if (id.StartsWith("/mozilla.org/", StringComparison.Ordinal) || id.StartsWith("/softwarestudio.org/", StringComparison.Ordinal))
        {
            id = string.Join('/', id.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2));
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana))
        {
            return iana;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone.Id : null;
    }

    /// <summary>The agenda: the event's URL, else the first link in its description, else the description itself (cut to 1,000 characters).</summary>
    private static string? Agenda(CalendarEvent evt)
    {
        if (evt.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            return Cut(url.ToString(), 1000);
        }

        if (string.IsNullOrWhiteSpace(evt.Description))
        {
            return null;
        }

        var link = Link().Match(evt.Description);
        return link.Success ? Cut(link.Value, 1000) : Cut(Flatten(evt.Description), 1000);
    }

    private static string[] Words(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        return NonWord().Split(folded).Where(w => w.Length > 0).ToArray();
    }

    private static string? Flatten(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Whitespace().Replace(text, " ").Trim();

    private static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Shorten(string message) => message.Length > 120 ? message[..120] : message;

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
