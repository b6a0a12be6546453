using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A number the campaign counts toward a goal (signatures 3200/5000), attached to a step.</summary>
public sealed class CampaignMetric : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string NameKey { get; set; } = string.Empty;

    public long Value { get; set; }

    public long Goal { get; set; }

    public CampaignStep Step { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
