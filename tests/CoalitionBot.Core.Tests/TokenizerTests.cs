using CoalitionBot.Core.Commands.Parsing;

namespace CoalitionBot.Core.Tests;

public class TokenizerTests
{
    [Fact]
    public void Tokenize_QuotesAndNamedOptions_SplitsAsTyped()
    {
        var tokens = Tokenizer.Tokenize("task assign @ana \"Call Council Member Ruiz\" due:friday note:\"by phone\"");

        tokens.Select(t => t.Value).Should().Equal("task", "assign", "@ana", "Call Council Member Ruiz", "friday", "by phone");
        tokens.Select(t => t.Name).Should().Equal(null, null, null, null, "due", "note");
        tokens[3].Quoted.Should().BeTrue();
    }

    [Fact]
    public void Tokenize_ColonAfterALongNonName_StillSplitsLaterOptions()
    {
        var tokens = Tokenizer.Tokenize("1:1:1 abcdefghijklmnopqrstuvwxyz0123456789:x due:friday");

        tokens.Select(t => t.Name).Should().Equal(null, null, "due");
        tokens[0].Value.Should().Be("1:1:1");
    }

    [Fact]
    public void Tokenize_ManyColonsInOneWord_ReadsInLinearSteps()
    {
        // "1:1:1…" once copied and re-checked the whole word at every colon (quadratic). Measured in bytes allocated, not in
        // time, so the test is as strict on a slow machine as on a fast one: linear work allocates a few times the text.
        var text = "1" + string.Concat(Enumerable.Repeat(":1", 2999));
        Tokenizer.Tokenize(text);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Tokenizer.Tokenize(text);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(20L * text.Length * sizeof(char));
    }

    [Fact]
    public void Tokenize_CurlyQuotesFromPhones_AreQuotes()
    {
        var tokens = Tokenizer.Tokenize("tp “fondos federales” lang:es");

        tokens.Select(t => t.Value).Should().Equal("tp", "fondos federales", "es");
    }

    [Fact]
    public void Tokenize_UrlsAndTimes_AreNotNamedOptions()
    {
        var tokens = Tokenizer.Tokenize("agenda https://city.example/agenda mailto:clerk@city.example");

        tokens.Should().OnlyContain(t => t.Name == null);
        tokens[1].Value.Should().Be("https://city.example/agenda");
    }

    [Fact]
    public void Tokenize_UnclosedQuote_RunsToTheEnd()
    {
        var tokens = Tokenizer.Tokenize("note \"half a thought");

        tokens.Should().HaveCount(2);
        tokens[1].Value.Should().Be("half a thought");
    }

    [Fact]
    public void Tokenize_EmptyOrBlank_GivesNothing()
    {
        Tokenizer.Tokenize("   ").Should().BeEmpty();
        Tokenizer.Tokenize(null).Should().BeEmpty();
    }
}
