using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Tests;

public class MarkupTests
{
    [Fact]
    public void Parse_Subset_BuildsNodes()
    {
        var nodes = Markup.Parse("**Bold** and _it_ with `code`, [site](https://example.org) for <@U1> in <#C1>");

        nodes.Should().ContainEquivalentOf(new MarkupNode.Link("https://example.org", "site"));
        nodes.OfType<MarkupNode.Styled>().Select(s => s.Style).Should().Equal(TextStyle.Bold, TextStyle.Italic);
        nodes.Should().ContainEquivalentOf(new MarkupNode.UserMention("U1"));
        nodes.Should().ContainEquivalentOf(new MarkupNode.ChannelMention("C1"));
    }

    [Theory]
    [InlineData("<!channel> *ping* <@U123> [x](https://evil.example)")]
    [InlineData("@everyone **hi** `code` ~~s~~ _i_ \\")]
    public void Escape_UserText_StaysLiteralText(string userText)
    {
        var nodes = Markup.Parse(Markup.Format($"Task: {userText}"));

        nodes.Should().ContainSingle().Which.Should().Be(new MarkupNode.Text("Task: " + userText));
    }

    [Fact]
    public void Format_TrustedMarkup_IsNotEscaped()
    {
        var text = Markup.Format($"{new TrustedMarkup("**x**")} {"**y**"}");

        Markup.ToPlainText(text).Should().Be("x **y**");
    }

    [Fact]
    public void Parse_CodeSpan_UnescapesItsContent()
    {
        Markup.ToPlainText(Markup.Format($"`{"/task <title>"}`")).Should().Be("/task <title>");
    }

    [Theory]
    [InlineData("snake_case_name", "snake_case_name")]
    [InlineData("unclosed **bold", "unclosed **bold")]
    [InlineData("[label](javascript:alert(1))", "[label](javascript:alert(1))")]
    [InlineData("a < b > c", "a < b > c")]
    public void Parse_MalformedOrPlain_FallsBackToText(string text, string plain) =>
        Markup.ToPlainText(text).Should().Be(plain);

    [Fact]
    public void Parse_LongPlainRunsBetweenNodes_KeepEveryCharacter()
    {
        // Plain text is copied in runs up to the next possible node start; single markers and lone brackets stay text.
        var text = "a * b ~ c " + new string('x', 500) + " **bold** then [x] and <y and a_b, _it_ end\\*";

        var nodes = Markup.Parse(text);

        nodes.OfType<MarkupNode.Styled>().Select(s => s.Style).Should().Equal(TextStyle.Bold, TextStyle.Italic);
        Markup.ToPlainText(text).Should().Be("a * b ~ c " + new string('x', 500) + " bold then [x] and <y and a_b, it end*");
    }

    [Fact]
    public void Escape_TextWithoutSpecialCharacters_IsReturnedAsIs()
    {
        const string text = "Call Council Member Ruiz before 18:00";

        Markup.Escape(text).Should().BeSameAs(text);
        Markup.Escape("a_b").Should().Be("a\\_b");
    }
}
