using System.Globalization;
using CoalitionBot.Core.Commands.Parsing;

namespace CoalitionBot.Core.Tests;

public class ValueParserTests
{
    [Theory]
    [InlineData("<@U123|ana>", "U123", "ana")]
    [InlineData("<@U123>", "U123", null)]
    [InlineData("<@!80351110224678912>", "80351110224678912", null)]
    [InlineData("@ana", "ana", "ana")]
    public void ParseUser_EveryPlatformsSpelling_ReadsIdAndName(string text, string id, string? name)
    {
        var user = ValueParsers.ParseUser(text);

        user.Should().NotBeNull();
        user!.Id.Should().Be(id);
        user.DisplayName.Should().Be(name);
    }

    [Theory]
    [InlineData("ana")]
    [InlineData("<!here>")]
    [InlineData("<!channel>")]
    [InlineData("@&leads")]
    public void ParseUser_NotAPerson_IsNull(string text) => ValueParsers.ParseUser(text).Should().BeNull();

    [Theory]
    [InlineData("<#C123|general>", "C123")]
    [InlineData("<#1234567>", "1234567")]
    [InlineData("#council", "council")]
    public void ParseChannel_Mentions_ReadsId(string text, string id) => ValueParsers.ParseChannel(text)!.Id.Should().Be(id);

    [Theory]
    [InlineData("<@&123>", "123")]
    [InlineData("<!subteam^S0614TZR7|organizers>", "S0614TZR7")]
    [InlineData("@&leads", "leads")]
    public void ParseRole_Mentions_ReadsId(string text, string id) => ValueParsers.ParseRole(text)!.Id.Should().Be(id);

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("90m", 90)]
    [InlineData("1h30m", 90)]
    [InlineData("1d", 1440)]
    [InlineData("1w", 10080)]
    [InlineData("45min", 45)]
    [InlineData("2 horas", 120)]
    [InlineData("PT2H", 120)]
    public void ParseDuration_CommonSpellings_Reads(string text, int minutes) =>
        ValueParsers.ParseDuration(text).Should().Be(TimeSpan.FromMinutes(minutes));

    [Theory]
    [InlineData("soon")]
    [InlineData("2x")]
    [InlineData("h2")]
    [InlineData("")]
    public void ParseDuration_Nonsense_IsNull(string text) => ValueParsers.ParseDuration(text).Should().BeNull();

    [Fact]
    public void IsoDateTimeParser_LocalTimeAcrossDst_UsesTheZonesOffset()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var context = new ParseContext(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero), chicago, CultureInfo.InvariantCulture);
        var parser = new IsoDateTimeParser();

        parser.Parse("2026-03-07 18:00", context, out _).Should().Be(new DateTimeOffset(2026, 3, 7, 18, 0, 0, TimeSpan.FromHours(-6)));
        parser.Parse("2026-03-09 18:00", context, out _).Should().Be(new DateTimeOffset(2026, 3, 9, 18, 0, 0, TimeSpan.FromHours(-5)));
        parser.Parse("tomorrow", context, out _).Should().Be(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.FromHours(-6)));
    }

    [Fact]
    public void IsoDateTimeParser_Unreadable_SaysWhatItGot()
    {
        var context = new ParseContext(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

        new IsoDateTimeParser().Parse("fridya", context, out var error).Should().BeNull();
        error.Should().Contain("fridya");
    }
}
