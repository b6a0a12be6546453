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
