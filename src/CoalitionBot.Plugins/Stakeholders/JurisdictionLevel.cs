using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The level of government of a jurisdiction.</summary>
public enum JurisdictionLevel
{
    [Choice("city", "ciudad")]
    City = 0,

    [Choice("county", "condado")]
    County = 1,

    [Choice("state", "estado")]
    State = 2,
}
