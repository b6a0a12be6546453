using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Where someone stands on the spectrum of allies.</summary>
public enum Stance
{
    [Choice("active-ally", "aliado-activo", "aliada-activa")]
    ActiveAlly = 0,

    [Choice("passive-ally", "aliado-pasivo", "aliada-pasiva")]
    PassiveAlly = 1,

    [Choice("neutral", "neutro", "neutra")]
    Neutral = 2,

    [Choice("passive-opponent", "opositor-pasivo", "opositora-pasiva")]
    PassiveOpponent = 3,

    [Choice("active-opponent", "opositor-activo", "opositora-activa")]
    ActiveOpponent = 4,

    [Choice("unknown", "desconocido", "sin-evaluar")]
    Unknown = 5,
}
