using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A stakeholder of the power map the campaign must move (the people who decide).</summary>
public sealed class CampaignTarget : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public long StakeholderId { get; set; }

    /// <summary>The stakeholder's name when added, shown if they leave the map.</summary>
    public string StakeholderName { get; set; } = string.Empty;

    public DateTimeOffset AddedAt { get; set; }
}
