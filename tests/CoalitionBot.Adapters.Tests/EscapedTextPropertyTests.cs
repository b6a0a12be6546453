using System.Text;
using CoalitionBot.Adapters.Console;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using CsCheck;

namespace CoalitionBot.Adapters.Tests;

/// <summary>Escaped user text shows as itself on every platform (the same visible characters) and never becomes a mention, link or style.</summary>
public class EscapedTextPropertyTests
{
    private const char ZeroWidthSpace = '\u200B';
    private const string DiscordSpecial = "\\*_~`|<>[]()@#";

    [Fact]
    public void SlackRender_EscapedText_ShowsTheTextAndNothingElse()
    {
        HostileText.Text(40).Sample(text =>
        {
            var rendered = SlackMrkdwn.Render(Markup.Escape(text));

            // Every '<' Slack reads opens a link or mention; every marker outside zero-width spaces can open a style.
            rendered.Should().NotContainAny("<", ">");
            for (var i = 0; i < rendered.Length; i++)
            {
                if (rendered[i] is '*' or '_' or '~' or '`')
                {
                    (i > 0 && rendered[i - 1] == ZeroWidthSpace && i + 1 < rendered.Length && rendered[i + 1] == ZeroWidthSpace)
                        .Should().BeTrue("marker {0} at {1} of {2} is fenced", rendered[i], i, rendered);
                }
            }

            SlackVisible(rendered).Should().Be(text.Replace(ZeroWidthSpace.ToString(), string.Empty, StringComparison.Ordinal));
        }, iter: 2000);
    }

    [Fact]
    public void DiscordRender_EscapedText_ShowsTheTextAndNothingElse()
    {
        HostileText.Text(40).Sample(text =>
        {
            var rendered = DiscordMarkdown.Render(Markup.Escape(text));

            DiscordUnescapedSyntax(rendered).Should().BeNull("nothing in {0} may format, link or mention", rendered);
            DiscordVisible(rendered).Should().Be(text);
        }, iter: 2000);
    }

    [Fact]
    public void ConsoleRender_EscapedText_ShowsTheText()
    {
        HostileText.Text(40).Where(t => !string.IsNullOrWhiteSpace(t)).Sample(text =>
        {
            var rendered = ConsoleRenderer.Render(new Reply { Text = Markup.Escape(text) });

            rendered.TrimEnd().Should().Be(text.TrimEnd());
        }, iter: 2000);
    }

    [Fact]
    public void Render_AnyMarkup_NeverThrows()
    {
        HostileText.Text(40).Sample(markup =>
        {
            _ = SlackMrkdwn.Render(markup);
            _ = DiscordMarkdown.Render(markup);
            _ = ConsoleRenderer.Render(new Reply { Title = markup, Text = markup, Bullets = [markup], Footer = markup });
        }, iter: 2000);
    }

    /// <summary>What Slack shows for mrkdwn without links or styles: entities decoded, zero-width spaces invisible.</summary>
    private static string SlackVisible(string mrkdwn) =>
        mrkdwn.Replace(ZeroWidthSpace.ToString(), string.Empty, StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>What Discord shows: a backslash before any character that is not a letter, digit or space shows that character.</summary>
    private static string DiscordVisible(string markdown)
    {
        var visible = new StringBuilder();
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && !char.IsLetterOrDigit(markdown[i + 1]) && !char.IsWhiteSpace(markdown[i + 1]))
            {
                i++;
            }

            visible.Append(markdown[i]);
        }

        return visible.ToString();
    }

    /// <summary>The first piece of Discord syntax left unescaped (a marker, a list or heading at a line start), or null.</summary>
    private static string? DiscordUnescapedSyntax(string markdown)
    {
        var lineStart = true;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length && !char.IsLetterOrDigit(markdown[i + 1]) && !char.IsWhiteSpace(markdown[i + 1]))
            {
                i++;
                lineStart = false;
                continue;
            }

            if (DiscordSpecial.Contains(c, StringComparison.Ordinal))
            {
                return $"'{c}' at {i}";
            }

            if (lineStart && c is '-' or '+' or '=')
            {
                return $"a line starting with '{c}' at {i}";
            }

            if (lineStart && char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < markdown.Length && char.IsAsciiDigit(markdown[j]))
                {
                    j++;
                }

                if (j < markdown.Length && markdown[j] == '.')
                {
                    return $"a numbered list at {i}";
                }
            }

            lineStart = c == '\n';
        }

        return null;
    }
}
