using System.Buffers;
using System.Text;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Turns neutral markup into Slack mrkdwn; literal text is escaped so it can never become a mention, link or formatting.</summary>
public static class SlackMrkdwn
{
    private const char ZeroWidthSpace = '\u200B';

    private static readonly Writer Instance = new();

    private static readonly SearchValues<char> Escaped = SearchValues.Create("&<>*_~`");

    /// <summary>Renders neutral markup (see <see cref="Markup"/>) as mrkdwn.</summary>
    public static string Render(string? markup) => Instance.Render(markup);

    /// <summary>Escapes literal text for mrkdwn: <c>&amp; &lt; &gt;</c> as entities, and <c>* _ ~ `</c> fenced by zero-width spaces so they cannot open or close formatting.</summary>
    public static string Escape(string? text)
    {
        var builder = new StringBuilder();
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            // Runs without a character to escape are copied in one piece.
            var next = rest.IndexOfAny(Escaped);
            if (next < 0)
            {
                builder.Append(rest);
                return;
            }

            builder.Append(rest[..next]);
            var c = rest[next];
            rest = rest[(next + 1)..];
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
            }
        }
    }

    private static string EscapeEntities(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string EscapeUrl(string url) =>
        EscapeEntities(url).Replace("|", "%7C", StringComparison.Ordinal);

    // Slack ids are letters and digits (U012ABC, C012ABC, W012ABC); anything else is shown as text.
    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    private sealed class Writer : MarkupWriter
    {
        protected override void WriteText(StringBuilder builder, string text) => AppendEscaped(builder, text);

        protected override string StyleMarker(TextStyle style) => style switch
        {
            TextStyle.Bold => "*",
            TextStyle.Italic => "_",
            _ => "~",
        };

        // Inside code Slack applies no formatting, but still reads &, < and >; a backtick would end the span.
        protected override void WriteCode(StringBuilder builder, string code) =>
            builder.Append('`').Append(EscapeEntities(code).Replace('`', 'ˋ')).Append('`');

        protected override void WriteLink(StringBuilder builder, string url, string label)
        {
            builder.Append('<').Append(EscapeUrl(url)).Append('|');
            AppendEscaped(builder, label.Replace('|', '¦'));
            builder.Append('>');
        }

        protected override void WriteMention(StringBuilder builder, char sigil, string id)
        {
            if (IsId(id))
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
