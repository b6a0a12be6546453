using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The secret that makes a coalition's calendar feed URL unguessable; replacing it revokes old links.</summary>
public sealed class MeetingFeedToken : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Token { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
