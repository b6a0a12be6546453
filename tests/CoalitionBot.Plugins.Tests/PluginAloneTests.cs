using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests;

/// <summary>
/// Each built-in plugin works alone: loaded with every other plugin off, each of its commands runs (with a plausible value
/// for every required option) and each button on its answers can be pressed, and none of them fails with an error.
/// </summary>
public class PluginAloneTests
{
    public static TheoryData<string> Plugins => new(BuiltInPlugins.Catalog.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Plugins))]
    public async Task Commands_PluginLoadedAlone_RunWithoutAnError(string plugin)
    {
        await using var bot = await TestBot.StartAsync(plugins: [plugin]);
        var admin = bot.As(Platform.Slack, Role.Admin);
        var commands = bot.Services.GetRequiredService<CommandCatalog>().Commands.Where(c => c.ModuleType.Assembly == typeof(BuiltInPlugins).Assembly).ToList();
        var answers = new List<(string Command, TestReply Reply)>();

        foreach (var command in commands)
        {
            var reply = await admin.SendOptionsAsync(command.Path, command.Options.Where(o => o.Required).ToDictionary(o => o.Name, Sample));
            answers.Add((command.Path, reply));
            foreach (var button in reply.Reply.Buttons)
            {
                answers.Add(($"{command.Path} → {button.Label}", await admin.PressAsync(button)));
            }
        }

        commands.Should().NotBeEmpty();
        answers.Where(a => a.Reply.Kind == ResultKind.Error).Select(a => $"{a.Command}: {a.Reply.Text}").Should().BeEmpty();
        answers.Should().Contain(a => a.Reply.IsSuccess, "a plugin that works alone answers at least one command");
    }

    /// <summary>A value a person could type for the option.</summary>
    internal static string Sample(OptionDescriptor option) => option.Kind switch
    {
        OptionKind.Integer or OptionKind.Number => (option.MinValue ?? 1).ToString(CultureInfo.InvariantCulture),
        OptionKind.Boolean => "yes",
        OptionKind.User or OptionKind.Users => "@ana",
        OptionKind.Channel => "#general",
        OptionKind.Role => "@&organizers",
        OptionKind.DateTime => "2026-03-10 18:00",
        OptionKind.Duration => "1h",
        OptionKind.Choice => option.Choices[0].Name,
        _ => "Ana Ruiz".PadRight(Math.Max(option.MinLength, 8), 'z'),
    };
}
