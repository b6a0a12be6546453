using CoalitionBot.Core.Model;
using CoalitionBot.Testing;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>Pins what <c>/help</c> says about every <c>/meeting</c> command, in English and Spanish, so moving the commands between
/// modules cannot change a name, a description or an option.</summary>
public class MeetingHelpTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Meetings", "Help", "meeting-help.txt");

    [Fact]
    public async Task Help_EveryMeetingCommand_MatchesThePinnedText()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "meetings"]);
        var english = bot.As(Platform.Console, Role.Admin);
        var spanish = bot.As(Platform.Console, Role.Admin, locale: "es");
        var group = await english.SendAsync("/help meeting");
        var commands = group.Text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("/meeting ", StringComparison.Ordinal))
            .Select(line => string.Join(' ', line.Split(' ').TakeWhile(word => word.StartsWith('/') || word.All(char.IsAsciiLetterLower))))
            .ToList();

        var pages = new List<string> { group.Text, (await spanish.SendAsync("/help meeting")).Text };
        foreach (var command in commands)
        {
            pages.Add((await english.SendAsync("/help " + command)).Text);
            pages.Add((await spanish.SendAsync("/help " + command)).Text);
        }

        var actual = string.Join("\n----\n", pages).ReplaceLineEndings("\n");
        if (actual != File.ReadAllText(Golden).ReplaceLineEndings("\n"))
        {
            await File.WriteAllTextAsync(Golden + ".actual", actual);
        }

        commands.Should().HaveCountGreaterThan(15);
        actual.Should().Be(File.ReadAllText(Golden).ReplaceLineEndings("\n"), "the /meeting help text is pinned (the actual text is in {0}.actual)", Golden);
    }
}
