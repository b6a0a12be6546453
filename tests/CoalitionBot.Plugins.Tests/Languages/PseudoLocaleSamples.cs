using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// The option values that name the data <see cref="PseudoLocaleTests"/> seeds (task #1, the stakeholder Ana Ruiz), where the
/// generic sample would miss it, and the words of seeded names that may show as they are.
/// </summary>
internal static class PseudoLocaleSamples
{
    /// <summary>The seeded task's number, and the stakeholder's name (user data, so it may show as it is).</summary>
    public const string TaskNumber = "1";

    public const string Name = "Ana Ruiz";

    /// <summary>Puts <see cref="Name"/> on the power map (a seed of <see cref="PseudoLocaleTests"/>).</summary>
    public const string AddStakeholder = "/stakeholder add \"Ana Ruiz\" kind:mayor stance:neutral influence:high";

    /// <summary>Words of seeded names beyond <see cref="Name"/>, which may show as they are.</summary>
    public static readonly string[] Data = ["Ortega"];

    /// <summary>The value to type for <paramref name="option"/> of <paramref name="command"/> when the generic sample would miss the seeded data.</summary>
    public static string? For(CommandDescriptor command, OptionDescriptor option) => (command.PluginName, option.Name) switch
    {
        ("tasks", "id") => TaskNumber,
        ("tasks", "time") => "08:00",
        ("stakeholders", "name") => Name,
        ("stakeholders", "who") => Name,
        ("stakeholders", "changes") => "phone:555-0100",
        _ => null,
    };
}
