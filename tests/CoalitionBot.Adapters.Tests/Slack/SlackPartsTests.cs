using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackPartsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public void BoundedCache_EntryOlderThanItsLifetime_IsGone()
    {
        var cache = new BoundedCache<string, int>(10, TimeSpan.FromMinutes(10), _clock);
        cache.TryAdd("a", 1).Should().BeTrue();

        _clock.Advance(TimeSpan.FromMinutes(9));
        cache.TryAdd("a", 2).Should().BeFalse();
        _clock.Advance(TimeSpan.FromMinutes(1));

        cache.TryGet("a", out _).Should().BeFalse();
        cache.TryAdd("a", 3).Should().BeTrue();
    }

    [Fact]
    public void BoundedCache_Full_DropsTheOldestEntry()
    {
        var cache = new BoundedCache<int, int>(3, TimeSpan.FromHours(1), _clock);
        foreach (var i in Enumerable.Range(1, 4))
        {
            cache.TryAdd(i, i);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        cache.Count.Should().Be(3);
        cache.TryGet(1, out _).Should().BeFalse();
        cache.TryGet(4, out var four).Should().BeTrue();
        four.Should().Be(4);
    }

    [Fact]
    public void BoundedCache_ShorterLivedEntry_ExpiresFirst()
    {
        var cache = new BoundedCache<string, int>(10, TimeSpan.FromHours(1), _clock);
        cache.Set("long", 1);
        cache.Set("short", 2, TimeSpan.FromMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(6));

        cache.TryGet("short", out _).Should().BeFalse();
        cache.TryGet("long", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(null, "U1")]
    [InlineData("E1", "U1")]
    public void TenantFor_Workspace_IsTheTeam(string? enterprise, string user)
    {
        _ = user;
        SlackOrigin.TenantFor("T1", enterprise, isEnterpriseInstall: false).Should().Be(TenantId.For(Platform.Slack, "T1"));
    }

    [Fact]
    public void TenantFor_OrgWideInstall_IsTheEnterprise()
    {
        SlackOrigin.TenantFor("T1", "E9", isEnterpriseInstall: true).Should().Be(TenantId.For(Platform.Slack, "E9"));
        SlackOrigin.TenantFor(null, null, isEnterpriseInstall: false).Should().BeNull();
        SlackOrigin.TenantFor("T1; drop", null, isEnterpriseInstall: false).Should().BeNull();
    }

    [Theory]
    [InlineData("team_id", "team_id is missing")]
    [InlineData("user_id", "user_id is missing")]
    [InlineData("command", "command is missing")]
    public void SlashCommandRead_RequiredFieldMissing_SaysWhich(string missing, string expected)
    {
        var fields = new Dictionary<string, string> { ["team_id"] = "T1", ["user_id"] = "U1", ["command"] = "/help", ["text"] = "" };
        fields.Remove(missing);

        SlashCommand.Read(name => fields.GetValueOrDefault(name), out var error).Should().BeNull();

        error.Should().Be(expected);
    }

    [Fact]
    public void SlashCommandRead_StripsTheSlashAndKeepsTheText()
    {
        var fields = new Dictionary<string, string> { ["team_id"] = "T1", ["user_id"] = "U1", ["command"] = "/tp", ["text"] = "council es" };

        var command = SlashCommand.Read(name => fields.GetValueOrDefault(name), out _)!;

        command.RouterText.Should().Be("tp council es");
    }

    [Theory]
    [InlineData(1, 0.0, 0.5)]
    [InlineData(1, 1.0, 1.0)]
    [InlineData(4, 0.0, 4.0)]
    [InlineData(4, 1.0, 8.0)]
    [InlineData(30, 1.0, 120.0)]
    public void Backoff_GrowsExponentiallyWithJitterUpToTheCap(int failures, double random, double expectedSeconds)
    {
        SlackSocketModeClient.Backoff(failures, TimeSpan.Zero, random).TotalSeconds.Should().BeApproximately(expectedSeconds, 0.001);
    }

    [Fact]
    public void Backoff_TooManyWebsockets_WaitsAtLeastTheFloor()
    {
        SlackSocketModeClient.Backoff(1, SlackSocketModeClient.TooManySocketsBackoff, 0.0).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Options_OnlyAppToken_DefaultsToSocketMode()
    {
        var options = Read(new() { ["CoalitionBot:Slack:AppToken"] = "xapp-1" });

        options!.EffectiveMode.Should().Be(SlackMode.SocketMode);
        options.ApiBaseUrl.Should().Be(new Uri("https://slack.com/api/"));
    }

    [Fact]
    public void Options_SigningSecret_DefaultsToHttpAndSplitsAdmins()
    {
        var options = Read(new()
        {
            ["CoalitionBot:Slack:SigningSecret"] = "s",
            ["CoalitionBot:Slack:AppToken"] = "xapp-1",
            ["CoalitionBot:Slack:Admins:0"] = "U1, U2",
            ["CoalitionBot:Slack:Admins:1"] = "U3",
        });

        options!.EffectiveMode.Should().Be(SlackMode.Http);
        options.AdminIds.Should().BeEquivalentTo(["U1", "U2", "U3"]);
    }

    [Fact]
    public void Options_NothingSet_MeansSlackIsOff()
    {
        Read(new() { ["CoalitionBot:Slack:Admins:0"] = "U1" }).Should().BeNull();
    }

    [Theory]
    [InlineData(null, null, null, "SigningSecret is required in HTTP mode")]
    [InlineData(null, "xoxb-1", "SocketMode", "AppToken must be an app-level token")]
    [InlineData("s", "xoxp-user", null, "BotToken must be a bot token")]
    public void Validate_BadCombination_NamesTheSetting(string? secret, string? botToken, string? mode, string expected)
    {
        var options = new SlackOptions { SigningSecret = secret, BotToken = botToken, Mode = mode is null ? null : Enum.Parse<SlackMode>(mode) };

        var result = new SlackOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("CoalitionBot:Slack:").And.Contain(expected);
    }

    [Fact]
    public void Validate_AdminThatIsNotAnId_IsRejected()
    {
        var options = new SlackOptions { SigningSecret = "s" };
        options.Admins.Add("@ana");

        new SlackOptionsValidator().Validate(null, options).FailureMessage.Should().Contain("\"@ana\" is not a Slack user id");
    }

    private static SlackOptions? Read(Dictionary<string, string?> values) =>
        SlackOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
