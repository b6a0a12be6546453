namespace CoalitionBot.Plugins.Meetings;

/// <summary>A council meeting, hearing or coalition call, one-off or recurring, in its own time zone.</summary>
public sealed class Meeting : INumberedSource
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting show 3</c>), per coalition.</summary>
    public int Number { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>The first meeting's wall-clock start in <see cref="TimeZone"/> (recurrences keep this local time across DST).</summary>
    public DateTime StartLocal { get; set; }

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    public string? Location { get; set; }

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>An iCalendar RRULE (without the <c>RRULE:</c> prefix), or null for a one-off meeting.</summary>
    public string? Rule { get; set; }

    /// <summary>How the repeat was typed, shown back to people.</summary>
    public string? RuleText { get; set; }

    /// <summary>Reminder lead times in minutes, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    public string? Agenda { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>True for a whole-day event (imported from a calendar feed); <see cref="StartLocal"/> is then midnight of that day.</summary>
    public bool AllDay { get; set; }

    /// <summary>The calendar feed subscription this meeting was imported from; null for meetings added in chat.</summary>
    public long? SubscriptionId { get; set; }

    /// <summary>The feed's key for it: the event's UID, plus its RECURRENCE-ID for a moved or changed single date.</summary>
    public string? ExternalKey { get; set; }

    /// <summary>The Legistar agenda watch this meeting was imported from; null for meetings added in chat or from a feed.</summary>
    public long? WatchId { get; set; }
}
