using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Stakeholders;

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
