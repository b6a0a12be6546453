using System.Text;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Turns neutral markup into Slack mrkdwn; literal text is escaped so it can never become a mention, link or formatting.</summary>
public static class SlackMrkdwn
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>Renders neutral markup (see <see cref="Markup"/>) as mrkdwn.</summary>
    public static string Render(string? markup)
    {
        var builder = new StringBuilder();
        Append(builder, Markup.Parse(markup));
        return builder.ToString();
    }

    /// <summary>Escapes literal text for mrkdwn: <c>&amp; &lt; &gt;</c> as entities, and <c>* _ ~ `</c> fenced by zero-width spaces so they cannot open or close formatting.</summary>
    public static string Escape(string? text)
    {
        var builder = new StringBuilder();
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, IEnumerable<MarkupNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MarkupNode.Text text:
                    AppendEscaped(builder, text.Value);
                    break;
                case MarkupNode.Styled styled:
                    var marker = styled.Style switch
                    {
                        TextStyle.Bold => '*',
                        TextStyle.Italic => '_',
                        _ => '~',
                    };
                    builder.Append(marker);
                    Append(builder, styled.Children);
                    builder.Append(marker);
                    break;
                case MarkupNode.Code code:
                    // Inside code Slack applies no formatting, but still reads &, < and >; a backtick would end the span.
                    builder.Append('`').Append(EscapeEntities(code.Value).Replace('`', 'ˋ')).Append('`');
                    break;
                case MarkupNode.Link link:
                    builder.Append('<').Append(EscapeUrl(link.Url)).Append('|');
                    AppendEscaped(builder, link.Label.Replace('|', '¦'));
                    builder.Append('>');
                    break;
                case MarkupNode.UserMention user when IsId(user.UserId):
                    builder.Append("<@").Append(user.UserId).Append('>');
                    break;
                case MarkupNode.UserMention user:
                    AppendEscaped(builder, "@" + user.UserId);
                    break;
                case MarkupNode.ChannelMention channel when IsId(channel.ChannelId):
                    builder.Append("<#").Append(channel.ChannelId).Append('>');
                    break;
                case MarkupNode.ChannelMention channel:
                    AppendEscaped(builder, "#" + channel.ChannelId);
                    break;
            }
        }
    }

    private static void AppendEscaped(StringBuilder builder, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '*' or '_' or '~' or '`':
                    // mrkdwn has no backslash escape; a marker between zero-width spaces never opens or closes a style.
                    builder.Append(ZeroWidthSpace).Append(c).Append(ZeroWidthSpace);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private static string EscapeEntities(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string EscapeUrl(string url) =>
        EscapeEntities(url).Replace("|", "%7C", StringComparison.Ordinal);

    // Slack ids are letters and digits (U012ABC, C012ABC, W012ABC); anything else is shown as text.
    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
}
