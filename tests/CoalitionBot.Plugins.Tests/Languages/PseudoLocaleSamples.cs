using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;
using FluentAssertions;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// Data a plugin's commands need to reach their interesting answers under the pseudo-locale (a task that exists, a stakeholder on
/// the power map), and the option values that name it. Seeded in English before the run: only the run's answers are checked.
/// </summary>
internal static class PseudoLocaleSamples
{
    /// <summary>The seeded task's number and title, and the stakeholder's name (user data, so it may show as it is).</summary>
    public const string TaskNumber = "1";

    public const string Name = "Ana Ruiz";

    /// <summary>Words of seeded names beyond <see cref="Name"/>, which may show as they are.</summary>
    public static readonly string[] Data = ["Ortega"];

    /// <summary>Creates what <paramref name="plugin"/>'s commands look up, with the plugins <paramref name="loaded"/> alongside it.</summary>
    public static async Task SeedAsync(string plugin, IReadOnlyList<string> loaded, TestBot bot)
    {
        var admin = bot.As(Platform.Console, Role.Admin, user: "admin");
        if (plugin is "tasks" or "stakeholders" && loaded.Contains("stakeholders"))
        {
            await Expect(admin, $"/stakeholder add \"{Name}\" kind:mayor stance:neutral influence:high");
        }

        if (plugin == "tasks")
        {
            // Due before the loop's own due times, assigned to the member the loop runs as, about the stakeholder when there is one.
            var about = loaded.Contains("stakeholders") ? $" stakeholder:\"{Name}\"" : string.Empty;
            await Expect(admin, $"/task assign @ana \"{Name}\" due:\"2026-03-04 17:00\" step:2-education{about}");
        }
    }

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

    private static async Task Expect(TestUser user, string text)
    {
        var reply = await user.SendAsync(text);
        reply.IsSuccess.Should().BeTrue($"seeding with {text}: {reply.Text}");
    }
}
