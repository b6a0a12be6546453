using System.ComponentModel.DataAnnotations;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The <c>settings</c> of the stakeholders entry in plugins.json.</summary>
public sealed class StakeholdersSettings
{
    /// <summary>Days without contact or re-assessment after which someone is stale, and "no recent contact" on the map. Default: 30.</summary>
    [Range(1, 3650)]
    public int StaleDays { get; set; } = 30;

    /// <summary>Council or commission seats that <c>/stakeholder template</c> creates. Default: 5.</summary>
    [Range(1, 25)]
    public int TemplateSeats { get; set; } = 5;
}
