using System.Text;
using CoalitionBot.Adapters.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackSignatureTests
{
    // Slack's documented example ("Verifying requests from Slack"), see PROTOCOLS.md B1.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static SlackSignature At(long unixSeconds) =>
        new(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Sign_OfficialExample_MatchesSlacksSignature()
    {
        At(1531420618).Sign(Timestamp, Body).Should().Be(Expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(-299)]
    public void IsValid_OfficialExampleInsideWindow_Accepts(int offsetSeconds)
    {
        At(1531420618 + offsetSeconds).IsValid(Timestamp, Expected, Body).Should().BeTrue();
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void IsValid_TimestampOutsideFiveMinutes_Rejects(int offsetSeconds)
    {
        At(1531420618 + offsetSeconds).IsValid(Timestamp, Expected, Body).Should().BeFalse();
    }

    [Fact]
    public void IsValid_BodyChangedByOneByte_Rejects()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 1;

        At(1531420618).IsValid(Timestamp, Expected, tampered).Should().BeFalse();
    }

    [Fact]
    public void IsValid_OtherSecret_Rejects()
    {
        var other = new SlackSignature("another-secret", new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1531420618)));

        other.IsValid(Timestamp, Expected, Body).Should().BeFalse();
    }

    [Theory]
    [InlineData(null, Expected)]
    [InlineData("", Expected)]
    [InlineData("15314206l8", Expected)]
    [InlineData("-1531420618", Expected)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(Timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5")]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData(Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void IsValid_MissingOrMalformedHeaders_Rejects(string? timestamp, string? signature)
    {
        At(1531420618).IsValid(timestamp, signature, Body).Should().BeFalse();
    }
}
