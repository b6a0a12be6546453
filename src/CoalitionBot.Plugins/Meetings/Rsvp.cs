using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>A person's answer for one occurrence: going or not.</summary>
public sealed class Rsvp : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long MeetingId { get; set; }

    public DateTimeOffset OccurrenceStart { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string? UserName { get; set; }

    public bool Going { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}
