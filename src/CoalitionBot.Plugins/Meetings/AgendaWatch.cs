namespace CoalitionBot.Plugins.Meetings;

/// <summary>A Legistar client (a city's legislative calendar) that the coalition watches: bodies' meetings and agenda items, or one matter.</summary>
public sealed class AgendaWatch : INumberedSource
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting unwatch 2</c>), per coalition.</summary>
    public int Number { get; set; }

    public AgendaWatchKind Kind { get; set; }

    /// <summary>The Legistar client name, like <c>seattle</c> or <c>nyc</c>.</summary>
    public string Client { get; set; } = string.Empty;

    /// <summary>The watched bodies' ids, comma-separated; null watches every body.</summary>
    public string? BodyIds { get; set; }

    /// <summary>The watched bodies' names as Legistar spells them, <c>|</c>-separated, for people; null for every body.</summary>
    public string? BodyNames { get; set; }

    /// <summary>The words to watch for, <c>|</c>-separated; null means the bilingual default list.</summary>
    public string? Keywords { get; set; }

    /// <summary>The followed matter's file number as typed (<c>Res 31877</c>), for a matter watch.</summary>
    public string? MatterFile { get; set; }

    public long? MatterId { get; set; }

    public string? MatterTitle { get; set; }

    /// <summary>The matter's last known <c>MatterStatusName</c>.</summary>
    public string? MatterStatus { get; set; }

    /// <summary>The matter's last known <c>MatterAgendaDate</c>, as Legistar wrote it.</summary>
    public string? MatterAgendaDate { get; set; }

    /// <summary>The newest matter history row already reported (votes are posted once).</summary>
    public long? MatterHistorySeen { get; set; }

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>Reminder lead times in minutes for its meetings, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    /// <summary>The IANA zone Legistar's local <c>EventDate</c> and <c>EventTime</c> are read in (the coalition's when the watch was made).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The client's API token, encrypted with the host's data-protection keys; never shown or logged.</summary>
    public string? ProtectedToken { get; set; }

    /// <summary>The newest <c>EventLastModifiedUtc</c> already handled, as Legistar wrote it: the next read asks only for events changed after it.</summary>
    public string? ChangedSince { get; set; }

    /// <summary>When the next read takes the whole window again (catching deleted events) instead of only what changed.</summary>
    public DateTimeOffset NextFullReadAt { get; set; }

    public DateTimeOffset? LastCheckAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Why the last check changed nothing (unknown client, API error, malformed answer); null when it worked.</summary>
    public string? LastError { get; set; }

    /// <summary>Checks that failed in a row; each one doubles the wait before the next try.</summary>
    public int Failures { get; set; }

    /// <summary>When a bot instance checks it next; stored so a restart neither forgets nor asks for everything at once.</summary>
    public DateTimeOffset NextCheckAt { get; set; }

    /// <summary>The bot instance checking it now; with <see cref="LeaseUntil"/> keeps a check to one instance.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
