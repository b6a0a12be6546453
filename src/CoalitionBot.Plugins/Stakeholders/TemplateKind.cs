using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The decision makers <c>/stakeholder template</c> creates.</summary>
public enum TemplateKind
{
    [Choice("city", "ciudad")]
    City,

    [Choice("county", "condado")]
    County,
}
