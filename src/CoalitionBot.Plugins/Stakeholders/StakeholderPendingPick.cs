using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>A command waiting for its caller to pick one of several stakeholders that matched a name.</summary>
public sealed class StakeholderPendingPick : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The person who ran the command; only they can pick.</summary>
    public string UserId { get; set; } = string.Empty;

    public PendingAction Action { get; set; }

    /// <summary>The rest of the command (JSON), completed for the picked stakeholder.</summary>
    public string Payload { get; set; } = string.Empty;

    /// <summary>The offered stakeholder ids, comma-separated.</summary>
    public string CandidateIds { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
