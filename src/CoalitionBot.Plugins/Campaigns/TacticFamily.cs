using System.Text.Json.Serialization;
using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>The three families of nonviolent action methods (after Gene Sharp).</summary>
public enum TacticFamily
{
    [Choice("protest", "protest-and-persuasion", "persuasion", "protesta", "persuasión")]
    ProtestAndPersuasion = 1,

    [Choice("noncooperation", "non-cooperation", "no-cooperacion", "no-cooperación", "nocooperacion")]
    Noncooperation = 2,

    [Choice("intervention", "intervencion", "intervención")]
    Intervention = 3,
}
