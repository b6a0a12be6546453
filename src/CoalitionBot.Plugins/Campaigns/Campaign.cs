using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A campaign of the coalition: a concrete goal moved through the six steps of nonviolent social change.</summary>
public sealed class Campaign : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The name lowercased without accents or punctuation; unique per coalition.</summary>
    public string NameKey { get; set; } = string.Empty;

    /// <summary>What the campaign wants, concretely ("Springfield ends its 287(g) contract by the March budget vote").</summary>
    public string Goal { get; set; } = string.Empty;

    /// <summary>The step the coalition declares it is on.</summary>
    public CampaignStep Step { get; set; } = CampaignStep.InformationGathering;

    /// <summary>Where step changes are announced: the channel it was started in, or the one a lead chose.</summary>
    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StepChangedAt { get; set; }

    /// <summary>When a lead closed the campaign (won, lost or set aside); null while it is active. Closed campaigns keep their history.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
