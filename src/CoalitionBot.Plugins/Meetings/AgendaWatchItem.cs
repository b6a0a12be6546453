using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>An agenda item that matched a watch's keywords and was alerted; kept to alert it once, again when it changes, and when it is removed.</summary>
public sealed class AgendaWatchItem : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long WatchId { get; set; }

    public long EventId { get; set; }

    public long EventItemId { get; set; }

    /// <summary>The meeting imported for the event (for the Create task button's due date).</summary>
    public long? MeetingId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? MatterFile { get; set; }

    /// <summary>The watched word that matched, as the watch lists it.</summary>
    public string Keyword { get; set; } = string.Empty;

    /// <summary>A digest of the item's title and attachments: a new one alerts "updated".</summary>
    public string Version { get; set; } = string.Empty;

    public bool Removed { get; set; }

    public DateTimeOffset AlertedAt { get; set; }
}
