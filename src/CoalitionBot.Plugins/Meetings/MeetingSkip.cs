using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>One occurrence of a recurring meeting that will not happen.</summary>
public sealed class MeetingSkip : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long MeetingId { get; set; }

    public DateTimeOffset OccurrenceStart { get; set; }

    public string SkippedBy { get; set; } = string.Empty;

    public DateTimeOffset SkippedAt { get; set; }
}
