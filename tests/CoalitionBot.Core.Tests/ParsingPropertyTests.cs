using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using CsCheck;

namespace CoalitionBot.Core.Tests;

/// <summary>Every option kind once, for the binder's properties.</summary>
public sealed class EveryKindCommands : CommandModule
{
    [Command("every", "Every option kind")]
    public CommandResult Every(
        [Option("A person")] UserRef who,
        [Option("A title", MaxLength = 80)] string title,
        [Option("A count")] int count = 0,
        [Option("A big number")] long big = 0,
        [Option("A weight")] double weight = 0,
        [Option("A flag")] bool flag = false,
        [Option("A channel")] ChannelRef? where = null,
        [Option("A role")] RoleRef? role = null,
        [Option("When")] DateTimeOffset? due = null,
        [Option("How long")] TimeSpan? remind = null,
        [Option("A stance")] Stance? stance = null,
        [Option("The rest", Remainder = true)] string? note = null) =>
        new Reply { Text = Markup.Format($"{who.Id}{title}{count}{big}{weight}{flag}{where}{role}{due}{remind}{stance}{note}") };

    [Command("crowd", "Several people")]
    public CommandResult Crowd([Option("People")] IReadOnlyList<UserRef> people, [Option("Why", Remainder = true)] string why) =>
        new Reply { Text = Markup.Format($"{people.Count}{why}") };
}

/// <summary>Properties of the text readers: any input is read without an exception, in linear work, and a refusal is a message.</summary>
public class ParsingPropertyTests
{
    private static readonly IReadOnlyList<CommandDescriptor> Commands = CommandCatalog.Describe("every", [typeof(EveryKindCommands)]).Commands;
    private static readonly OptionBinder Binder = new(new NaturalDateTimeParser());
    private static readonly string[] Zones = ["America/Chicago", "Pacific/Kiritimati", "Etc/GMT+12", "UTC", "Australia/Lord_Howe", "America/Santiago"];

    private static ParseContext Context(string zone = "America/Chicago", string culture = "en-US") =>
        new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-6)), TimeZoneInfo.FindSystemTimeZoneById(zone), CultureInfo.GetCultureInfo(culture));

    /// <summary>A bound command has a value (or null) for every option; a refused one has a message and no values.</summary>
    private static void ShouldBeValuesOrAMessage(BindResult result, CommandDescriptor command)
    {
        if (result.IsSuccess)
        {
            result.Values.Keys.Should().BeEquivalentTo(command.Options.Select(o => o.Name));
        }
        else
        {
            result.Error.Should().NotBeNullOrWhiteSpace();
            result.Values.Should().BeEmpty();
        }
    }

    /// <summary>Quotes text the way the tokenizer reads it back: backslashes and quotes escaped.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [Fact]
    public void Tokenize_AnyText_NeverThrowsAndKeepsEveryWord()
    {
        HostileText.Text(40).Sample(text =>
        {
            var tokens = Tokenizer.Tokenize(text);
            // Every token is a piece of the text as typed, in order.
            var at = 0;
            foreach (var token in tokens)
            {
                var found = text.IndexOf(token.Raw, at, StringComparison.Ordinal);
                found.Should().BeGreaterThanOrEqualTo(0, "token {0} is typed in {1}", token.Raw, text);
                at = found + token.Raw.Length;
            }
        }, iter: 2000);
    }

    [Fact]
    public void Tokenize_QuotedText_ReadsBackAsOneValue()
    {
        HostileText.Text().Sample(text =>
        {
            var tokens = Tokenizer.Tokenize("note " + Quote(text) + " due:" + Quote(text));

            tokens.Should().HaveCount(3);
            tokens[1].Value.Should().Be(text);
            tokens[1].Quoted.Should().BeTrue();
            tokens[2].Name.Should().Be("due");
            tokens[2].Value.Should().Be(text);
        }, iter: 1000);
    }

    [Fact]
    public void Tokenize_RepeatedText_WorkGrowsLinearly()
    {
        // Work is measured as bytes allocated on this thread (the same on a slow machine as on a fast one): four times the
        // text may cost about four times the work, never sixteen.
        HostileText.Text(8).Where(u => u.Length > 0).Sample(unit =>
        {
            var small = string.Concat(Enumerable.Repeat(unit, Math.Max(1, 1200 / unit.Length)));
            var large = string.Concat(Enumerable.Repeat(unit, 4 * Math.Max(1, 1200 / unit.Length)));
            Tokenizer.Tokenize(small);

            var before = GC.GetAllocatedBytesForCurrentThread();
            Tokenizer.Tokenize(small);
            var smallWork = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            Tokenizer.Tokenize(large);
            var largeWork = GC.GetAllocatedBytesForCurrentThread() - before;

            largeWork.Should().BeLessThan((6 * smallWork) + 64 * 1024, "the unit {0} repeated", unit);
        }, iter: 200);
    }

    [Fact]
    public void MarkupEscape_AnyText_ParsesBackAsThatTextOnly()
    {
        HostileText.Text(40).Sample(text =>
        {
            var nodes = Markup.Parse(Markup.Escape(text));

            nodes.Should().AllBeOfType<MarkupNode.Text>("escaped text never becomes a mention, link, code or style");
            Markup.ToPlainText(Markup.Escape(text)).Should().Be(text);
        }, iter: 2000);
    }

    [Fact]
    public void MarkupParse_AnyMarkup_NeverThrows()
    {
        HostileText.Text(40).Sample(text => Markup.ToPlainText(text), iter: 2000);
    }

    [Fact]
    public void Bind_AnyWords_IsValuesOrAMessage()
    {
        var gen = Gen.Select(Gen.OneOfConst(Commands.ToArray()), HostileText.Text(16), Gen.OneOfConst("en-US", "es"));
        gen.Sample((command, text, culture) =>
        {
            ShouldBeValuesOrAMessage(Binder.Bind(command, Tokenizer.Tokenize(text), Context(culture: culture)), command);
        }, iter: 400);
    }

    [Fact]
    public void BindNamed_AnyValues_IsValuesOrAMessage()
    {
        var every = Commands.Single(c => c.Path == "every");
        var names = every.Options.Select(o => o.Name).Append("nope").ToArray();
        var gen = Gen.Select(Gen.OneOfConst(names), HostileText.Text(6)).Array[0, 6];
        gen.Sample(pairs =>
        {
            var raw = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in pairs)
            {
                raw[name] = value;
            }

            ShouldBeValuesOrAMessage(Binder.BindNamed(every, raw, Context()), every);
        }, iter: 400);
    }

    [Fact]
    public void Bind_AnyWholeNumber_IsThatNumberOrRefused()
    {
        var every = Commands.Single(c => c.Path == "every");
        Gen.Long.Sample(n =>
        {
            var text = n.ToString(CultureInfo.InvariantCulture);

            var result = Binder.BindNamed(every, new Dictionary<string, string> { ["who"] = "@ana", ["title"] = "x", ["count"] = text, ["big"] = text }, Context());

            if (n is < int.MinValue or > int.MaxValue)
            {
                result.IsSuccess.Should().BeFalse("{0} does not fit the option", n);
                result.Error.Should().Contain("count");
            }
            else
            {
                result.Values["count"].Should().Be((int)n);
                result.Values["big"].Should().Be(n);
            }
        }, iter: 400);
    }

    [Fact]
    public void DateParse_AnyText_IsAnInstantOrAMessage()
    {
        var parser = new NaturalDateTimeParser();
        var gen = Gen.Select(HostileText.Text(6), Gen.OneOfConst(Zones), Gen.OneOfConst("en-US", "es"));
        gen.Sample((text, zone, culture) =>
        {
            var value = parser.Parse(text, Context(zone, culture), out var error);

            (value is null).Should().Be(error is not null, "an answer is a value or a message, never both or neither");
        }, iter: 300);
    }

    [Fact]
    public void DateParse_AnyCalendarDate_IsAnInstantOrAMessage()
    {
        // The edges of the calendar: 0001-01-01 in UTC+14 and 9999-12-31 in UTC-12 are outside what an instant can hold.
        var natural = new NaturalDateTimeParser();
        var iso = new IsoDateTimeParser();
        var gen = Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 23], Gen.OneOfConst(Zones), Gen.Bool);
        gen.Sample((year, month, day, hour, zone, withTime) =>
        {
            var text = $"{year:0000}-{month:00}-{day:00}" + (withTime ? $" {hour:00}:30" : string.Empty);
            foreach (IDateTimeParser parser in new IDateTimeParser[] { natural, iso })
            {
                var context = Context(zone) with { DefaultTimeOfDay = new TimeOnly(23, 0) };
                var value = parser.Parse(text, context, out var error);

                (value is null).Should().Be(error is not null);
            }
        }, iter: 300);
        foreach (var edge in new[] { "0001-01-01", "0001-01-01 00:30", "9999-12-31 23:30", "9999-12-31" })
        {
            foreach (var zone in Zones)
            {
                var context = Context(zone) with { DefaultTimeOfDay = new TimeOnly(23, 0) };
                var value = natural.Parse(edge, context, out var error);
                (value is null).Should().Be(error is not null, "{0} in {1}", edge, zone);
            }
        }
    }

    [Fact]
    public void ParseDuration_AnyText_IsADurationOrNull()
    {
        var numbers = Gen.Long[0, long.MaxValue].Select(n => n.ToString(CultureInfo.InvariantCulture));
        var gen = Gen.OneOf(
            HostileText.Text(8),
            numbers.Select(n => "P" + n + "D"),
            numbers.Select(n => "PT" + n + "H"),
            Gen.Int[1, 400].Select(k => string.Concat(Enumerable.Repeat("100000w", k))),
            Gen.Select(numbers, Gen.OneOfConst("w", "d", "h", "m", "s")).Array[1, 30].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2))));
        gen.Sample(text =>
        {
            var value = ValueParsers.ParseDuration(text);

            if (value is { } duration)
            {
                duration.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
            }
        }, iter: 1000);
    }

    [Theory]
    [InlineData("note \"C:\\\\temp\\\\\"", "C:\\temp\\")]
    [InlineData("note \"say \\\"no\\\"\"", "say \"no\"")]
    public void Tokenize_EscapedBackslashAndQuote_ReadAsThemselves(string text, string value) =>
        Tokenizer.Tokenize(text)[1].Value.Should().Be(value);

    [Theory]
    [InlineData("P99999999999D")]
    [InlineData("PT99999999999999H")]
    [InlineData("100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w100000w")]
    [InlineData("36526d")]
    public void ParseDuration_BeyondAHundredYears_IsNull(string text) => ValueParsers.ParseDuration(text).Should().BeNull();

    [Theory]
    [InlineData("0001-01-01", "Pacific/Kiritimati")]
    [InlineData("9999-12-31 23:30", "Etc/GMT+12")]
    public void DateParse_EdgeOfTheCalendar_IsRefusedWithAMessage(string text, string zone)
    {
        var value = new NaturalDateTimeParser().Parse(text, Context(zone), out var error);

        value.Should().BeNull();
        error.Should().Contain("out of range");
    }
}
