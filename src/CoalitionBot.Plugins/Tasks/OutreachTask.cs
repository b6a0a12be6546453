using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>A piece of outreach work: one person, one job, maybe a due time, a stakeholder and a campaign step.</summary>
public sealed class OutreachTask : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short per-coalition number people type (<c>#12</c>).</summary>
    public int Number { get; set; }

    public string Title { get; set; } = string.Empty;

    public OutreachTaskStatus Status { get; set; }

    /// <summary>Who does it; null when nobody does (they passed on it, or their data was erased).</summary>
    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    /// <summary>Who created the task (may cancel or reassign it); empty after erasure.</summary>
    public string CreatedById { get; set; } = string.Empty;

    public string? CreatedByName { get; set; }

    /// <summary>Who last gave it to the assignee (told when they can't do it); empty after erasure.</summary>
    public string AssignedById { get; set; } = string.Empty;

    public string? AssignedByName { get; set; }

    /// <summary>When it is due, stored in UTC.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The power-map stakeholder it is about; finishing it with a note logs a contact there.</summary>
    public long? StakeholderId { get; set; }

    public string? StakeholderName { get; set; }

    /// <summary>The campaign it counts toward (null when the campaigns plugin is off).</summary>
    public long? CampaignId { get; set; }

    public CampaignStep? Step { get; set; }

    /// <summary>Bumped on every (re)assignment, so each gets its own direct message.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneByName { get; set; }

    public string? DoneNote { get; set; }
}
