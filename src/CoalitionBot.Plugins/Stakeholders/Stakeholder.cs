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
