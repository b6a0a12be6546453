using System.Text;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Turns neutral markup into Discord markdown; user text is backslash-escaped so it can never format, link or mention.</summary>
public static class DiscordMarkdown
{
    // Everything Discord's markdown (or its mention syntax) gives a meaning to; a backslash before punctuation shows it literally.
    private const string Special = "\\*_~`|<>[]()@#";

    /// <summary>Renders neutral markup as Discord markdown.</summary>
    public static string Render(string? markup)
    {
        var builder = new StringBuilder();
        Append(builder, Markup.Parse(markup));
        return builder.ToString();
    }

    /// <summary>Escapes literal text for Discord markdown.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
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
                        TextStyle.Bold => "**",
                        TextStyle.Italic => "_",
                        _ => "~~",
                    };
                    builder.Append(marker);
                    Append(builder, styled.Children);
                    builder.Append(marker);
                    break;
                case MarkupNode.Code code:
                    // Backslashes are literal inside code; a backtick in the value needs the double-backtick form.
                    var value = code.Value.Replace('\n', ' ');
                    if (value.Contains('`', StringComparison.Ordinal))
                    {
                        builder.Append("`` ").Append(value.Replace("``", "` `", StringComparison.Ordinal)).Append(" ``");
                    }
                    else
                    {
                        builder.Append('`').Append(value).Append('`');
                    }

                    break;
                case MarkupNode.Link link:
                    if (link.Label == link.Url)
                    {
                        builder.Append(link.Url);
                    }
                    else
                    {
                        builder.Append('[');
                        AppendEscaped(builder, link.Label);
                        builder.Append("](").Append(link.Url.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
                    }

                    break;
                case MarkupNode.UserMention user:
                    AppendMention(builder, "<@", user.UserId);
                    break;
                case MarkupNode.ChannelMention channel:
                    AppendMention(builder, "<#", channel.ChannelId);
                    break;
            }
        }
    }

    // Mentions come from plugins; an id that is not a Discord snowflake (a console name) is shown as text.
    private static void AppendMention(StringBuilder builder, string prefix, string id)
    {
        if (DiscordOptionsValidator.IsSnowflake(id))
        {
            builder.Append(prefix).Append(id).Append('>');
        }
        else
        {
            AppendEscaped(builder, prefix[1..] + id);
        }
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineStart = builder.Length == 0 || builder[^1] == '\n';
            if (Special.Contains(c, StringComparison.Ordinal) || (lineStart && c is '-' or '+' or '='))
            {
                builder.Append('\\');
            }
            else if (lineStart && char.IsAsciiDigit(c))
            {
                // "1. text" at a line start would become a numbered list.
                var j = i;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                builder.Append(text, i, j - i);
                if (j < text.Length && text[j] == '.')
                {
                    builder.Append('\\');
                }

                i = j - 1;
                continue;
            }

            builder.Append(c);
        }
    }
}
