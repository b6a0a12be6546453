using System.Text;

namespace CoalitionBot.Core.Replies;

/// <summary>Walks parsed markup and writes it in one platform's syntax; a renderer says how each kind of node is spelled.</summary>
/// <remarks>The walk is shared so that every platform sees the same nodes in the same order; only the spelling differs.</remarks>
public abstract class MarkupWriter
{
    /// <summary>Renders neutral markup (see <see cref="Markup"/>) in this writer's syntax.</summary>
    public string Render(string? markup)
    {
        // Every reply renders several pieces of text: one builder per thread is reused (taken while in use, so a nested render gets its own).
        var builder = _cached ?? new StringBuilder(1024);
        _cached = null;
        Write(builder, Markup.Parse(markup));
        var text = builder.ToString();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            builder.Clear();
            _cached = builder;
        }

        return text;
    }

    private const int MaxCachedCapacity = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? _cached;

    /// <summary>Writes the nodes in order, recursing into styled runs.</summary>
    protected void Write(StringBuilder builder, IEnumerable<MarkupNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MarkupNode.Text text:
                    WriteText(builder, text.Value);
                    break;
                case MarkupNode.Styled styled:
                    var marker = StyleMarker(styled.Style);
                    builder.Append(marker);
                    Write(builder, styled.Children);
                    builder.Append(marker);
                    break;
                case MarkupNode.Code code:
                    WriteCode(builder, code.Value);
                    break;
                case MarkupNode.Link link:
                    WriteLink(builder, link.Url, link.Label);
                    break;
                case MarkupNode.UserMention user:
                    WriteMention(builder, '@', user.UserId);
                    break;
                case MarkupNode.ChannelMention channel:
                    WriteMention(builder, '#', channel.ChannelId);
                    break;
            }
        }
    }

    /// <summary>Writes literal text so that it can never format, link or mention.</summary>
    protected abstract void WriteText(StringBuilder builder, string text);

    /// <summary>The marker written before and after a styled run.</summary>
    protected abstract string StyleMarker(TextStyle style);

    /// <summary>Writes an inline code span.</summary>
    protected abstract void WriteCode(StringBuilder builder, string code);

    /// <summary>Writes a link; <paramref name="label"/> equals <paramref name="url"/> for a bare URL.</summary>
    protected abstract void WriteLink(StringBuilder builder, string url, string label);

    /// <summary>Writes a mention of a user (<paramref name="sigil"/> '@') or a channel ('#').</summary>
    protected abstract void WriteMention(StringBuilder builder, char sigil, string id);
}
