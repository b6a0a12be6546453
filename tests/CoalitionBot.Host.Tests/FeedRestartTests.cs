using System.Text.RegularExpressions;

namespace CoalitionBot.Host.Tests;

public partial class FeedRestartTests
{
    [Fact]
    public async Task MeetingFeed_ServedByTwoProcesses_GivesEveryMeetingTheSameUid()
    {
        // Each process has its own string hash seed, so only separate processes catch a UID built from string.GetHashCode.
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "meetings" } ] }""");
        var (exit, output, error) = await HostProcess.RunAsync(
            folder,
            "/meeting add \"City council\" \"2030-01-08 18:00\" repeat:\"weekly on tuesday\"\n/meeting add \"Budget hearing\" \"2030-02-12 17:30\"\n/meeting feed\n",
            "--CoalitionBot:PublicBaseUrl=https://bot.example.org");
        exit.Should().Be(0, error);
        var path = FeedLink().Match(output).Groups["path"].Value;
        path.Should().NotBeEmpty(output);

        var first = await UidsServedAsync(folder, path);
        var second = await UidsServedAsync(folder, path);

        first.Should().HaveCount(2).And.OnlyContain(uid => Regex.IsMatch(uid, "^meeting-[0-9]+-[0-9a-f]{16}@coalitionbot$"));
        second.Should().Equal(first);
    }

    private static async Task<List<string>> UidsServedAsync(string folder, string path)
    {
        await using var host = HostProcess.Start(folder, [.. HostProcess.ListenOnAnyPort, "--CoalitionBot:Console:Enabled=false"]);
        var address = await host.ListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var calendar = await http.GetStringAsync(path);
        return Uid().Matches(calendar).Select(m => m.Groups[1].Value.Trim()).ToList();
    }

    [GeneratedRegex(@"https://bot\.example\.org(?<path>/feeds/meetings/[A-Za-z0-9_\-]+\.ics)")]
    private static partial Regex FeedLink();

    [GeneratedRegex(@"^UID:(.+)$", RegexOptions.Multiline)]
    private static partial Regex Uid();
}
