using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>
/// An official or an organization on the coalition's power map. Stakeholders are public figures and groups, never
/// community members, and the map has no field for anyone's immigration status.
/// </summary>
/// <remarks>Change it only through <see cref="StakeholderDirectory"/>, which writes a <see cref="StakeholderEvent"/> for every change.</remarks>
public sealed class Stakeholder : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The name as people write it ("Council Member Ana Ruiz", "Mayor (Springfield)").</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The name without accents, case and punctuation; unique in a coalition.</summary>
    public string NameKey { get; set; } = string.Empty;

    public StakeholderKind Kind { get; set; } = StakeholderKind.Other;

    /// <summary>The seat or position ("District 3", "Chair, public safety committee").</summary>
    public string? Office { get; set; }

    public JurisdictionLevel? Level { get; set; }

    /// <summary>The city, county or state ("Springfield", "Lake County").</summary>
    public string? Jurisdiction { get; set; }

    public Stance Stance { get; set; } = Stance.Unknown;

    public Influence Influence { get; set; } = Influence.Medium;

    /// <summary>Public office phone.</summary>
    public string? Phone { get; set; }

    /// <summary>Public office email.</summary>
    public string? Email { get; set; }

    public string? Website { get; set; }

    /// <summary>When the term ends or the next election is.</summary>
    public DateOnly? NextElection { get; set; }

    /// <summary>Comma-separated committees.</summary>
    public string? Committees { get; set; }

    /// <summary>Comma-separated tags.</summary>
    public string? Tags { get; set; }

    /// <summary>The coalition's working notes about the official or organization (public positions, asks); no personal stories.</summary>
    public string? Notes { get; set; }

    /// <summary>The member who keeps the relationship: platform user id.</summary>
    public string? OwnerId { get; set; }

    public string? OwnerName { get; set; }

    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>When the stance was last set or confirmed.</summary>
    public DateTimeOffset? LastAssessedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The later of the last contact and the last assessment, or null when neither happened.</summary>
    public DateTimeOffset? LastTouchedAt =>
        LastContactAt is null ? LastAssessedAt : LastAssessedAt is null ? LastContactAt : LastContactAt > LastAssessedAt ? LastContactAt : LastAssessedAt;
}

/// <summary>One entry of a stakeholder's history: created, a field changed, stance changed, contacted, removed; who and when.</summary>
public sealed class StakeholderEvent : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The stakeholder; kept after the stakeholder is removed.</summary>
    public long StakeholderId { get; set; }

    /// <summary>The stakeholder's name at the time.</summary>
    public string StakeholderName { get; set; } = string.Empty;

    public StakeholderEventKind Kind { get; set; }

    /// <summary>For a change: the field's name (<c>phone</c>, <c>stance</c>).</summary>
    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>What was said or why (a contact's note, a stance change's reason).</summary>
    public string? Note { get; set; }

    public string ByUserId { get; set; } = string.Empty;

    public string ByName { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>What a <see cref="StakeholderEvent"/> records.</summary>
public enum StakeholderEventKind
{
    Added = 0,
    Changed = 1,
    StanceChanged = 2,
    Contact = 3,
    Removed = 4,
}

/// <summary>A command waiting for its caller to pick one of several stakeholders that matched a name.</summary>
public sealed class StakeholderPendingPick : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The person who ran the command; only they can pick.</summary>
    public string UserId { get; set; } = string.Empty;

    public PendingAction Action { get; set; }

    /// <summary>The rest of the command (JSON), completed for the picked stakeholder.</summary>
    public string Payload { get; set; } = string.Empty;

    /// <summary>The offered stakeholder ids, comma-separated.</summary>
    public string CandidateIds { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The command a pick list completes.</summary>
public enum PendingAction
{
    Show = 0,
    Stance = 1,
    Contact = 2,
    Update = 3,
    Remove = 4,
}

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

/// <summary>What kind of official or organization a stakeholder is.</summary>
public enum StakeholderKind
{
    [Choice("mayor", "alcalde", "alcaldesa")]
    Mayor,

    [Choice("city-council-member", "council-member", "concejal", "concejala")]
    CityCouncilMember,

    [Choice("county-commissioner", "commissioner", "comisionado", "comisionada")]
    CountyCommissioner,

    [Choice("sheriff", "alguacil")]
    Sheriff,

    [Choice("police-chief", "jefe-de-policia", "jefa-de-policia")]
    PoliceChief,

    [Choice("district-attorney", "da", "fiscal")]
    DistrictAttorney,

    [Choice("city-attorney", "abogado-de-la-ciudad", "abogada-de-la-ciudad")]
    CityAttorney,

    [Choice("state-legislator", "legislator", "legislador", "legisladora")]
    StateLegislator,

    [Choice("union", "sindicato")]
    Union,

    [Choice("faith-community", "faith", "comunidad-de-fe", "iglesia")]
    FaithCommunity,

    [Choice("business", "negocio", "empresa")]
    Business,

    [Choice("community-organization", "organization", "organizacion", "organizacion-comunitaria")]
    CommunityOrganization,

    [Choice("media", "medios", "prensa")]
    Media,

    [Choice("other", "otro", "otra")]
    Other,
}

/// <summary>The decision makers <c>/stakeholder template</c> creates.</summary>
public enum TemplateKind
{
    [Choice("city", "ciudad")]
    City,

    [Choice("county", "condado")]
    County,
}
