using System.Buffers;
using System.Text;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Turns neutral markup into Discord markdown; user text is backslash-escaped so it can never format, link or mention.</summary>
public static class DiscordMarkdown
{
    // Everything Discord's markdown (or its mention syntax) gives a meaning to; a backslash before punctuation shows it literally.
    private const string Special = "\\*_~`|<>[]()@#";

    private static readonly Writer Instance = new();

    // What AppendEscaped stops at: a character to escape, or a line break (after which list markers are escaped too).
    private static readonly SearchValues<char> Escaped = SearchValues.Create(Special + "\n");

    /// <summary>Renders neutral markup as Discord markdown.</summary>
    public static string Render(string? markup) => Instance.Render(markup);

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

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        var lineStart = builder.Length == 0 || builder[^1] == '\n';
        var i = 0;
        while (i < text.Length)
        {
            if (lineStart)
            {
                lineStart = false;
                var first = text[i];
                if (first is '-' or '+' or '=')
                {
                    // A list or heading marker at a line start.
                    builder.Append('\\').Append(first);
                    i++;
                    continue;
                }

                if (char.IsAsciiDigit(first))
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

                    i = j;
                    continue;
                }
            }

            // Runs with nothing to escape are copied in one piece.
            var next = text.AsSpan(i).IndexOfAny(Escaped);
            if (next < 0)
            {
                builder.Append(text, i, text.Length - i);
                return;
            }

            builder.Append(text, i, next);
            i += next;
            var c = text[i++];
            if (c == '\n')
            {
                builder.Append('\n');
                lineStart = true;
            }
            else
            {
                builder.Append('\\').Append(c);
            }
        }
    }

    private sealed class Writer : MarkupWriter
    {
        protected override void WriteText(StringBuilder builder, string text) => AppendEscaped(builder, text);

        protected override string StyleMarker(TextStyle style) => style switch
        {
            TextStyle.Bold => "**",
            TextStyle.Italic => "_",
            _ => "~~",
        };

        protected override void WriteCode(StringBuilder builder, string code)
        {
            // Backslashes are literal inside code; a backtick in the value needs the double-backtick form.
            var value = code.Replace('\n', ' ');
            if (value.Contains('`', StringComparison.Ordinal))
            {
                builder.Append("`` ").Append(value.Replace("``", "` `", StringComparison.Ordinal)).Append(" ``");
            }
            else
            {
                builder.Append('`').Append(value).Append('`');
            }
        }

        protected override void WriteLink(StringBuilder builder, string url, string label)
        {
            if (label == url)
            {
                builder.Append(url);
                return;
            }

            builder.Append('[');
            AppendEscaped(builder, label);
            builder.Append("](").Append(url.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
        }

        // Mentions come from plugins; an id that is not a Discord snowflake (a console name) is shown as text.
        protected override void WriteMention(StringBuilder builder, char sigil, string id)
        {
            if (DiscordOptionsValidator.IsSnowflake(id))
            {
                builder.Append('<').Append(sigil).Append(id).Append('>');
            }
            else
            {
                AppendEscaped(builder, sigil + id);
            }
        }
    }
}
