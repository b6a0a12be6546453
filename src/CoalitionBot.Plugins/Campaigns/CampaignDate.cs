using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A date that matters to the campaign: a vote, a budget decision, a contract renewal, an election.</summary>
public sealed class CampaignDate : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Label { get; set; } = string.Empty;
}
