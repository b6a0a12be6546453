using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One checklist item of a campaign's step: seeded from the toolkit (shown in the reader's language) or added by a lead.</summary>
public sealed class CampaignItem : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public CampaignStep Step { get; set; }

    /// <summary>Orders the items of a step; the item's number (<c>2.3</c>) is its place in that order.</summary>
    public int Position { get; set; }

    /// <summary>The id of a toolkit default (<c>1.practice</c>), shown in English or Spanish to each reader; null for items a lead typed.</summary>
    public string? SeedKey { get; set; }

    /// <summary>The text as typed, or the English default text for seeded items.</summary>
    public string Text { get; set; } = string.Empty;

    public bool Done { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneBy { get; set; }
}
