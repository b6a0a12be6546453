using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace CoalitionBot.Core.Replies;

/// <summary>The neutral markup of reply text: a small Markdown subset that each renderer turns into its platform's format.</summary>
/// <remarks>
/// Syntax: <c>**bold**</c>, <c>_italic_</c>, <c>~~strike~~</c>, <c>`code`</c>, <c>[label](https://url)</c>,
/// user mention <c>&lt;@id&gt;</c>, channel mention <c>&lt;#id&gt;</c>, and a backslash before any of
/// <c>\ * _ ~ ` [ ] ( ) &lt; &gt;</c> to mean the character itself. Anything else is plain text.
/// </remarks>
public static class Markup
{
    private const string Special = "\\*_~`[]()<>";

    /// <summary>The characters that escaping guards.</summary>
    private static readonly SearchValues<char> SpecialValues = SearchValues.Create(Special);

    /// <summary>The characters where a node can begin; text between them is copied in one piece.</summary>
    private static readonly SearchValues<char> NodeStarts = SearchValues.Create("\\*_~`[<");

    /// <summary>Escapes text so that it shows literally on every platform and can never become a mention, link or formatting.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.AsSpan().ContainsAny(SpecialValues))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (SpecialValues.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Builds markup from an interpolated string, escaping every interpolated value: <c>Markup.Format($"**{title}** for {name}")</c>.</summary>
    public static string Format([InterpolatedStringHandlerArgument] ref EscapingHandler text) => text.ToStringAndClear();

    /// <summary>Bold text, with the content escaped.</summary>
    public static string Bold(string? text) => $"**{Escape(text)}**";

    /// <summary>Parses markup into nodes; malformed markup falls back to plain text, never throws.</summary>
    public static IReadOnlyList<MarkupNode> Parse(string? markup)
    {
        if (string.IsNullOrEmpty(markup))
        {
            return [];
        }

        // Most text (a talking point, a name) has no markup at all: one node, no copy.
        if (!markup.AsSpan().ContainsAny(NodeStarts))
        {
            return [new MarkupNode.Text(markup)];
        }

        var position = 0;
        return ParseRun(markup, ref position);
    }

    /// <summary>The text with all markup removed, as a person would read it.</summary>
    public static string ToPlainText(string? markup) => PlainText(Parse(markup));

    internal static string PlainText(IEnumerable<MarkupNode> nodes)
    {
        var builder = new StringBuilder();
        foreach (var node in nodes)
        {
            builder.Append(node switch
            {
                MarkupNode.Text t => t.Value,
                MarkupNode.Styled s => PlainText(s.Children),
                MarkupNode.Code c => c.Value,
                MarkupNode.Link l => l.Label == l.Url ? l.Url : $"{l.Label} ({l.Url})",
                MarkupNode.UserMention u => $"@{u.UserId}",
                MarkupNode.ChannelMention ch => $"#{ch.ChannelId}",
                _ => string.Empty,
            });
        }

        return builder.ToString();
    }

    private static List<MarkupNode> ParseRun(string s, ref int i)
    {
        var nodes = new List<MarkupNode>();
        var text = new StringBuilder();

        void Flush()
        {
            if (text.Length > 0)
            {
                nodes.Add(new MarkupNode.Text(text.ToString()));
                text.Clear();
            }
        }

        while (i < s.Length)
        {
            // Plain text up to the next character that could start a node goes in one piece.
            var plain = s.AsSpan(i).IndexOfAny(NodeStarts);
            if (plain != 0)
            {
                var run = plain < 0 ? s.Length - i : plain;
                text.Append(s, i, run);
                i += run;
                continue;
            }

            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                text.Append(s[i + 1]);
                i += 2;
                continue;
            }

            if (TryNode(s, ref i, out var node))
            {
                Flush();
                nodes.Add(node!);
                continue;
            }

            text.Append(c);
            i++;
        }

        Flush();
        return nodes;
    }

    /// <summary>Reads the styled text, code, link or mention that starts at <paramref name="i"/>; on success <paramref name="i"/> is past it.</summary>
    private static bool TryNode(string s, ref int i, out MarkupNode? node)
    {
        var c = s[i];
        if (TryStyle(s, ref i, "**", TextStyle.Bold, out node)
            || TryStyle(s, ref i, "~~", TextStyle.Strike, out node)
            || (c == '_' && IsWordStart(s, i) && TryStyle(s, ref i, "_", TextStyle.Italic, out node)))
        {
            return true;
        }

        if (c == '`')
        {
            var end = FindUnescaped(s, i + 1, "`");
            if (end > i + 1)
            {
                node = new MarkupNode.Code(Unescape(s[(i + 1)..end]));
                i = end + 1;
                return true;
            }
        }

        if ((c == '[' && TryLink(s, i, out node, out var next)) || (c == '<' && TryMention(s, i, out node, out next)))
        {
            i = next;
            return true;
        }

        node = null;
        return false;
    }

    private static string Unescape(string s)
    {
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            builder.Append(s[i]);
        }

        return builder.ToString();
    }

    private static bool IsWordStart(string s, int i) => i == 0 || !char.IsLetterOrDigit(s[i - 1]);

    private static bool TryStyle(string s, ref int i, string marker, TextStyle style, out MarkupNode? node)
    {
        node = null;
        if (string.CompareOrdinal(s, i, marker, 0, marker.Length) != 0)
        {
            return false;
        }

        var close = FindUnescaped(s, i + marker.Length, marker);
        if (close <= i + marker.Length)
        {
            return false;
        }

        var inner = i + marker.Length;
        var children = ParseRun(s[..close], ref inner);
        node = new MarkupNode.Styled(style, children);
        i = close + marker.Length;
        return true;
    }

    private static int FindUnescaped(string s, int from, string marker)
    {
        for (var j = from; j <= s.Length - marker.Length; j++)
        {
            if (s[j] == '\\')
            {
                j++;
                continue;
            }

            if (string.CompareOrdinal(s, j, marker, 0, marker.Length) == 0)
            {
                return j;
            }
        }

        return -1;
    }

    private static bool TryLink(string s, int i, out MarkupNode? node, out int next)
    {
        node = null;
        next = i;
        var closeLabel = FindUnescaped(s, i + 1, "](");
        if (closeLabel < 0)
        {
            return false;
        }

        var closeUrl = s.IndexOf(')', closeLabel + 2);
        if (closeUrl < 0)
        {
            return false;
        }

        var url = s[(closeLabel + 2)..closeUrl];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var labelStart = i + 1;
        var label = PlainText(ParseRun(s[..closeLabel], ref labelStart));
        node = new MarkupNode.Link(url, label.Length == 0 ? url : label);
        next = closeUrl + 1;
        return true;
    }

    private static bool TryMention(string s, int i, out MarkupNode? node, out int next)
    {
        node = null;
        next = i;
        if (i + 2 >= s.Length || (s[i + 1] != '@' && s[i + 1] != '#'))
        {
            return false;
        }

        var close = s.IndexOf('>', i + 2);
        if (close < 0)
        {
            return false;
        }

        var id = s[(i + 2)..close];
        if (id.Length == 0 || id.Any(ch => char.IsWhiteSpace(ch) || ch is '<' or '@' or '#' or '&' or '!'))
        {
            return false;
        }

        node = s[i + 1] == '@' ? new MarkupNode.UserMention(id) : new MarkupNode.ChannelMention(id);
        next = close + 1;
        return true;
    }

    /// <summary>Builds markup from an interpolated string, escaping every interpolated value.</summary>
    [InterpolatedStringHandler]
    public ref struct EscapingHandler
    {
        private readonly StringBuilder _builder;

        public EscapingHandler(int literalLength, int formattedCount)
        {
            _ = formattedCount;
            _builder = new StringBuilder(literalLength + 32);
        }

        public readonly void AppendLiteral(string value) => _builder.Append(value);

        public readonly void AppendFormatted<T>(T value) =>
            _builder.Append(value is TrustedMarkup trusted ? trusted.Value : Escape(Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture)));

        public readonly void AppendFormatted<T>(T value, string? format) =>
            _builder.Append(value is IFormattable formattable
                ? Escape(formattable.ToString(format, System.Globalization.CultureInfo.CurrentCulture))
                : Escape(Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture)));

        internal readonly string ToStringAndClear()
        {
            var result = _builder.ToString();
            _builder.Clear();
            return result;
        }
    }
}

/// <summary>Markup that is already safe (built by the plugin, not typed by a user): inserted by <see cref="Markup.Format"/> as is.</summary>
public readonly record struct TrustedMarkup(string Value)
{
    /// <summary>The markup itself, for code that builds text from it.</summary>
    public static implicit operator string(TrustedMarkup markup) => markup.Value;

    public override string ToString() => Value;
}

/// <summary>Inline styles of neutral markup.</summary>
public enum TextStyle
{
    Bold,
    Italic,
    Strike,
}

/// <summary>A node of parsed neutral markup.</summary>
public abstract record MarkupNode
{
    private MarkupNode()
    {
    }

    /// <summary>Literal text: renderers escape it for their platform.</summary>
    public sealed record Text(string Value) : MarkupNode;

    public sealed record Styled(TextStyle Style, IReadOnlyList<MarkupNode> Children) : MarkupNode;

    public sealed record Code(string Value) : MarkupNode;

    public sealed record Link(string Url, string Label) : MarkupNode;

    public sealed record UserMention(string UserId) : MarkupNode;

    public sealed record ChannelMention(string ChannelId) : MarkupNode;
}
