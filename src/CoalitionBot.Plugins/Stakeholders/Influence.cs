using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>How much a stakeholder can move the decision.</summary>
public enum Influence
{
    [Choice("low", "baja", "bajo")]
    Low = 0,

    [Choice("medium", "media", "medio")]
    Medium = 1,

    [Choice("high", "alta", "alto")]
    High = 2,
}
