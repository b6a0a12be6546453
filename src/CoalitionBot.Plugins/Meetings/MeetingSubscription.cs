namespace CoalitionBot.Plugins.Meetings;

/// <summary>A public iCalendar feed (a city's meeting calendar) that the coalition imports meetings from and keeps in sync.</summary>
public sealed class MeetingSubscription : INumberedSource
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting unsubscribe 2</c>), per coalition.</summary>
    public int Number { get; set; }

    /// <summary>The feed's address; it may carry an access token, so it is shown and logged without its query.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The calendar's own name (X-WR-CALNAME), or its host.</summary>
    public string Name { get; set; } = string.Empty;

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>Title filter, like <c>City Council|Public Safety</c>; null imports every event.</summary>
    public string? Filter { get; set; }

    /// <summary>Reminder lead times in minutes for its meetings, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    public string? ETag { get; set; }

    /// <summary>The server's Last-Modified header, sent back as If-Modified-Since.</summary>
    public string? LastModified { get; set; }

    public DateTimeOffset? LastRefreshAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Why the last refresh changed nothing (HTTP status, network error, unreadable feed); null when it worked.</summary>
    public string? LastError { get; set; }

    /// <summary>When the refresher fetches it next; stored so a restart neither forgets nor refetches everything at once.</summary>
    public DateTimeOffset NextRefreshAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
