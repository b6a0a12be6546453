using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>A Legistar body (<c>/bodies</c>), with the fields the watch reads, named as the API names them.</summary>
public sealed record LegistarBody(int BodyId, string? BodyName, int BodyActiveFlag);

/// <summary>A Legistar event (<c>/events</c>): a meeting of one body, at a local date and time in the client's own zone.</summary>
public sealed record LegistarEvent(
    long EventId,
    string? EventLastModifiedUtc,
    int EventBodyId,
    string? EventBodyName,
    string? EventDate,
    string? EventTime,
    string? EventAgendaStatusName,
    string? EventLocation,
    string? EventAgendaFile,
    string? EventAgendaLastPublishedUTC,
    string? EventComment,
    string? EventInSiteURL);

/// <summary>An attachment of an agenda item's matter.</summary>
public sealed record LegistarAttachment(long MatterAttachmentId, string? MatterAttachmentName, string? MatterAttachmentHyperlink);

/// <summary>One agenda item (<c>/events/{id}/eventitems</c>).</summary>
public sealed record LegistarEventItem(
    long EventItemId,
    string? EventItemTitle,
    string? EventItemAgendaNumber,
    string? EventItemAgendaNote,
    long? EventItemMatterId,
    string? EventItemMatterGuid,
    string? EventItemMatterFile,
    string? EventItemMatterName,
    string? EventItemMatterType,
    string? EventItemMatterStatus,
    IReadOnlyList<LegistarAttachment>? EventItemMatterAttachments);

/// <summary>A matter (<c>/matters</c>): a bill, resolution or report, with its status and the date it is on an agenda.</summary>
public sealed record LegistarMatter(
    long MatterId,
    string? MatterFile,
    string? MatterName,
    string? MatterTitle,
    string? MatterTypeName,
    string? MatterStatusName,
    string? MatterBodyName,
    string? MatterAgendaDate);

/// <summary>One action on a matter (<c>/matters/{id}/histories</c>), with the vote tally when there was one.</summary>
public sealed record LegistarMatterHistory(
    long MatterHistoryId,
    long? MatterHistoryEventId,
    string? MatterHistoryActionDate,
    string? MatterHistoryActionName,
    string? MatterHistoryActionBodyName,
    string? MatterHistoryPassedFlagName,
    string? MatterHistoryTally);

/// <summary>A Legistar answer, or why there is none (in words fit for chat and logs: never the token).</summary>
public sealed record LegistarResult<T>(T? Value, CatalogText? Error)
{
    public bool Ok => Error is null;
}

/// <summary>Reads the Legistar Web API (<c>{legistarBaseUrl}{client}/…</c>) through <see cref="FeedFetcher"/>, so the feed safeguards apply:
/// public addresses only unless allowed, a time limit and a size cap. Answers are JSON; the token, when a client needs one, goes in the query.</summary>
public sealed partial class LegistarClient(FeedFetcher fetcher, MeetingsSettings settings)
{
    /// <summary>Legistar answers at most this many rows per request.</summary>
    public const int MaxRows = 1000;

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    /// <summary>True for a plausible client name (<c>seattle</c>, <c>kingcounty</c>, <c>sanjose</c>).</summary>
    public static bool IsClientName(string client) => ClientName().IsMatch(client);

    /// <summary>Every body of the client (answers whether the client exists and the token works).</summary>
    public Task<LegistarResult<List<LegistarBody>>> BodiesAsync(string client, string? token, CancellationToken cancellationToken) =>
        GetAsync<List<LegistarBody>>(client, "bodies", null, token, cancellationToken);

    /// <summary>The events of the bodies (null: all) dated in [from, to), and with <paramref name="changedSince"/> only those modified after it.</summary>
    public Task<LegistarResult<List<LegistarEvent>>> EventsAsync(
        string client, IReadOnlyList<int>? bodyIds, DateOnly from, DateOnly to, string? changedSince, string? token, CancellationToken cancellationToken)
    {
        var filter = $"EventDate ge datetime'{from:yyyy-MM-dd}' and EventDate lt datetime'{to:yyyy-MM-dd}'";
        if (changedSince is not null)
        {
            filter += $" and EventLastModifiedUtc gt datetime'{changedSince}'";
        }

        if (bodyIds is { Count: > 0 })
        {
            filter += " and (" + string.Join(" or ", bodyIds.Select(id => $"EventBodyId eq {id.ToString(CultureInfo.InvariantCulture)}")) + ")";
        }

        return GetAsync<List<LegistarEvent>>(client, "events", $"$filter={Uri.EscapeDataString(filter)}&$orderby=EventDate", token, cancellationToken);
    }

    /// <summary>An event's agenda items, with their notes and attachments.</summary>
    public Task<LegistarResult<List<LegistarEventItem>>> EventItemsAsync(string client, long eventId, string? token, CancellationToken cancellationToken) =>
        GetAsync<List<LegistarEventItem>>(client, $"events/{eventId.ToString(CultureInfo.InvariantCulture)}/eventitems", "AgendaNote=1&MinutesNote=1&Attachments=1", token, cancellationToken);

    /// <summary>The matters with this file number (<c>Res 31877</c>).</summary>
    public Task<LegistarResult<List<LegistarMatter>>> MattersByFileAsync(string client, string file, string? token, CancellationToken cancellationToken) =>
        GetAsync<List<LegistarMatter>>(client, "matters", "$filter=" + Uri.EscapeDataString($"MatterFile eq '{file.Replace("'", "''", StringComparison.Ordinal)}'"), token, cancellationToken);

    /// <summary>One matter by id.</summary>
    public Task<LegistarResult<LegistarMatter>> MatterAsync(string client, long matterId, string? token, CancellationToken cancellationToken) =>
        GetAsync<LegistarMatter>(client, $"matters/{matterId.ToString(CultureInfo.InvariantCulture)}", null, token, cancellationToken);

    /// <summary>A matter's actions, with vote tallies.</summary>
    public Task<LegistarResult<List<LegistarMatterHistory>>> HistoriesAsync(string client, long matterId, string? token, CancellationToken cancellationToken) =>
        GetAsync<List<LegistarMatterHistory>>(client, $"matters/{matterId.ToString(CultureInfo.InvariantCulture)}/histories", null, token, cancellationToken);

    /// <summary>Reads Legistar's local <c>EventDate</c> (<c>2026-12-08T00:00:00</c>) and <c>EventTime</c> (<c>9:30 AM</c>); no time means a whole-day event.</summary>
    public static (DateTime Local, bool AllDay)? LocalStart(string? date, string? time)
    {
        if (!DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            return (day.Date, true);
        }

        string[] formats = ["h:mm tt", "hh:mm tt", "h:mmtt", "h tt", "H:mm", "HH:mm"];
        return DateTime.TryParseExact(time.Trim().ToUpperInvariant(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (day.Date + at.TimeOfDay, false)
            : (day.Date, true);
    }

    private async Task<LegistarResult<T>> GetAsync<T>(string client, string path, string? query, string? token, CancellationToken cancellationToken)
    {
        var baseUrl = settings.LegistarBaseUrl.EndsWith('/') ? settings.LegistarBaseUrl : settings.LegistarBaseUrl + "/";
        var parts = new List<string>();
        if (query is not null)
        {
            parts.Add(query);
        }

        if (token is not null)
        {
            parts.Add("token=" + Uri.EscapeDataString(token));
        }

        var url = new Uri(new Uri(baseUrl), Uri.EscapeDataString(client) + "/" + path + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts)));
        var fetch = await fetcher.FetchAsync(url, null, null, cancellationToken, accept: "application/json");
        if (!fetch.Ok)
        {
            return new(default, Explain(client, fetch, token is not null));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(fetch.Text ?? string.Empty, Json);
            return value is null ? new(default, new CatalogText("meetings.legistar.unreadable")) : new(value, null);
        }
        catch (JsonException ex)
        {
            return new(default, ex.Path is { } at ? new CatalogText("meetings.legistar.not-json", new { path = at }) : new CatalogText("meetings.legistar.not-json-start"));
        }
    }

    private static CatalogText Explain(string client, FeedFetch fetch, bool hasToken) => fetch.Status switch
    {
        404 => new CatalogText("meetings.legistar.no-client", new { client }),
        500 when fetch.ErrorBody?.Contains("not set up in InSite for client", StringComparison.OrdinalIgnoreCase) == true => new CatalogText("meetings.legistar.no-client", new { client }),
        401 or 403 when hasToken => new CatalogText("meetings.legistar.token-refused", new { client, status = fetch.Status }),
        401 or 403 => new CatalogText("meetings.legistar.token-needed", new { client }),
        _ when fetch.Error!.Key == FeedFetcher.TooLargeKey => fetch.Error with { Key = "meetings.legistar.too-large" },
        _ => fetch.Error,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$")]
    private static partial Regex ClientName();
}
