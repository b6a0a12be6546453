using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One change to a campaign: who, when, what. Written in the same save as the change.</summary>
public sealed class CampaignEvent : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public CampaignEventKind Kind { get; set; }

    /// <summary>The step the change was about (for a step change: the new step).</summary>
    public CampaignStep? Step { get; set; }

    /// <summary>What changed, as shown in history: the item text, the note of a step change, a metric's value.</summary>
    public string? Detail { get; set; }

    public string ByUserId { get; set; } = string.Empty;

    public string ByName { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}
