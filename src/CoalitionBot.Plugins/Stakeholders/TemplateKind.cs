using System.Reflection;
using CoalitionBot.Core.Commands;
using Humanizer;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The decision makers <c>/stakeholder template</c> creates.</summary>
public enum TemplateKind
{
    [Choice("city", "ciudad")]
    City,

    [Choice("county", "condado")]
    County,
}
