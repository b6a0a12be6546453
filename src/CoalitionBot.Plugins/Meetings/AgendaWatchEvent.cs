using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>A watched meeting's agenda version, so its items are read again only when Legistar says it changed.</summary>
public sealed class AgendaWatchEvent : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long WatchId { get; set; }

    public long EventId { get; set; }

    /// <summary><c>EventAgendaStatusName</c>, <c>EventLastModifiedUtc</c> and <c>EventAgendaLastPublishedUTC</c> when its items were last read.</summary>
    public string Version { get; set; } = string.Empty;

    public DateTimeOffset CheckedAt { get; set; }
}
