using System.Text;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Reads a platform's markup into the text a person sees there: one walk, each platform saying what starts a node and what closes a style.</summary>
public abstract class VisibleText
{
    /// <summary>What the markup shows.</summary>
    public string Read(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var text = new StringBuilder(markup.Length);
        var i = 0;
        Append(text, markup, ref i, closer: null);
        return text.ToString();
    }

    /// <summary>Whether the closing marker of a style starts at <paramref name="i"/>.</summary>
    protected abstract bool ClosesAt(string s, int i, string closer);

    /// <summary>Reads a node (escape, style, code, link, mention, entity) starting at <paramref name="i"/>, if one does.</summary>
    protected abstract bool TryNode(StringBuilder text, string s, ref int i);

    /// <summary>Reads until <paramref name="closer"/> (inside a style) or the end; false when the closer never comes.</summary>
    protected bool Append(StringBuilder text, string s, ref int i, string? closer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(s);
        while (i < s.Length)
        {
            if (closer is not null && ClosesAt(s, i, closer))
            {
                i += closer.Length;
                return true;
            }

            if (!TryNode(text, s, ref i))
            {
                text.Append(s[i]);
                i++;
            }
        }

        return closer is null;
    }

    /// <summary>A style: its markers vanish and its text shows; a marker without a partner, or before a blank, shows as itself.</summary>
    protected bool TryStyled(StringBuilder text, string s, ref int i, string marker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(marker);
        var inner = new StringBuilder();
        var j = i + marker.Length;
        if (j >= s.Length || char.IsWhiteSpace(s[j]) || !Append(inner, s, ref j, marker) || inner.Length == 0)
        {
            return false;
        }

        text.Append(inner);
        i = j;
        return true;
    }

    /// <summary>"label (url)", or the bare url when the label is the url: how the neutral markup's plain text shows a link.</summary>
    protected static string Link(string label, string url) => label == url ? url : $"{label} ({url})";

    /// <summary>Whether the text is a web address a chat platform makes a link of.</summary>
    protected static bool IsWebAddress(string text) =>
        text.StartsWith("https://", StringComparison.Ordinal) || text.StartsWith("http://", StringComparison.Ordinal);
}
