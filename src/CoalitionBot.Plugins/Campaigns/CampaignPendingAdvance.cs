using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>An advance waiting for a lead to press Confirm; pressing (or Cancel) deletes it, so a second press does nothing.</summary>
public sealed class CampaignPendingAdvance : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    /// <summary>The step the campaign was on when the lead asked; a press after the step changed is stale.</summary>
    public CampaignStep FromStep { get; set; }

    public string? Note { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
