using System.Runtime.CompilerServices;
using System.Text;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests;

/// <summary>
/// Pins what <c>/help</c> says about every command of a plugin (the list, then each command's detail with its options), in
/// English and Spanish, against a file in <c>HelpPins/</c>: moving commands between modules must not change a word of it.
/// </summary>
/// <remarks>After a deliberate change of a command or its help, rewrite the files with <c>COALITIONBOT_UPDATE_HELP_PINS=1</c> and review the diff.</remarks>
public class CommandHelpPinTests
{
    [Theory]
    [InlineData("campaign", "en")]
    [InlineData("campaign", "es")]
    [InlineData("task", "en")]
    [InlineData("task", "es")]
    [InlineData("stakeholder", "en")]
    [InlineData("stakeholder", "es")]
    public async Task Help_EveryCommandOfGroup_MatchesPinnedText(string group, string language)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition", "stakeholders", "meetings", "tasks", "campaigns"]);
        var admin = bot.As(Platform.Console, Role.Admin, locale: language);
        var paths = bot.Services.GetRequiredService<CommandCatalog>().Commands
            .Where(c => c.Words[0] == group).Select(c => c.Path).ToList();
        paths.Should().NotBeEmpty();

        var text = new StringBuilder();
        foreach (var asked in paths.Prepend(group))
        {
            var reply = await admin.SendAsync($"/help {asked}");
            text.Append("## /help ").Append(asked).Append('\n').Append(reply.Text.ReplaceLineEndings("\n")).Append("\n\n");
        }

        var file = Path.Combine(Path.GetDirectoryName(ThisFile())!, "HelpPins", $"{group}.{language}.txt");
        if (Environment.GetEnvironmentVariable("COALITIONBOT_UPDATE_HELP_PINS") == "1")
        {
            await File.WriteAllTextAsync(file, text.ToString());
        }

        text.ToString().Should().Be((await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n"));
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
