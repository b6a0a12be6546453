using System.Text;
using System.Text.Json.Nodes;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Reads a Slack answer (<c>response_type</c> and Block Kit blocks) back into what a person sees, as Slack's mrkdwn shows it.</summary>
public static class SlackMeaning
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>
    /// The meaning of an answer. A section that starts with a line that is all bold (<c>*Name*</c> and a line break) is a
    /// full-width field, as the renderer writes one (a person reads it as a name above its value); sections of fields are
    /// inline fields; context blocks are the footer.
    /// </summary>
    public static RenderedMeaning Read(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var title = string.Empty;
        var body = new List<string>();
        var fields = new List<MeaningField>();
        var footers = new List<string>();
        var buttons = new List<MeaningButton>();
        var images = new List<string>();
        foreach (var block in answer["blocks"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            switch ((string?)block["type"])
            {
                case "header":
                    title = (string?)block["text"]?["text"] ?? string.Empty;
                    break;
                case "section" when block["fields"] is JsonArray inline:
                    fields.AddRange(inline.Select(f => Field((string?)f?["text"] ?? string.Empty, inline: true)
                        ?? new MeaningField(string.Empty, Plain((string?)f?["text"] ?? string.Empty), Inline: true)));
                    break;
                case "section":
                    var text = (string?)block["text"]?["text"] ?? string.Empty;
                    if (Field(text, inline: false) is { } field)
                    {
                        fields.Add(field);
                    }
                    else
                    {
                        body.Add(Plain(text));
                    }

                    break;
                case "context":
                    footers.AddRange(block["elements"]?.AsArray().Select(e => Plain((string?)e?["text"] ?? string.Empty)) ?? []);
                    break;
                case "image":
                    images.Add(RenderedMeaning.Tidy((string?)block["alt_text"]));
                    break;
                case "actions":
                    buttons.AddRange(block["elements"]?.AsArray().OfType<JsonObject>().Select(Button) ?? []);
                    break;
            }
        }

        return new RenderedMeaning
        {
            Title = RenderedMeaning.OneLine(title),
            Body = RenderedMeaning.Tidy(string.Join('\n', body.Select(RenderedMeaning.Tidy).Where(b => b.Length > 0))),
            Fields = fields.Select(f => f with { Name = RenderedMeaning.OneLine(f.Name), Value = RenderedMeaning.Tidy(f.Value) }).ToList(),
            Footer = RenderedMeaning.Tidy(string.Join('\n', footers)),
            Buttons = buttons,
            Images = images,
            Ephemeral = (string?)answer["response_type"] == "ephemeral",
        };
    }

    /// <summary>
    /// What Slack shows for mrkdwn: entities decoded, markers fenced by zero-width spaces shown as themselves, paired markers as style
    /// (gone), code ticks gone, <c>&lt;url|label&gt;</c> as "label (url)", mentions as "@id"/"#id".
    /// </summary>
    public static string Plain(string mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        var text = new StringBuilder(mrkdwn.Length);
        var i = 0;
        AppendPlain(text, mrkdwn, ref i, closer: null);
        return text.ToString();
    }

    // "*Name*\nvalue": the name ends at the first star followed by the line break (a fenced star is followed by a zero-width space).
    private static MeaningField? Field(string mrkdwn, bool inline)
    {
        if (mrkdwn.Length < 2 || mrkdwn[0] != '*')
        {
            return null;
        }

        for (var j = 1; j < mrkdwn.Length; j++)
        {
            if (mrkdwn[j] == '*' && (j + 1 == mrkdwn.Length || mrkdwn[j + 1] == '\n'))
            {
                var value = j + 1 < mrkdwn.Length ? mrkdwn[(j + 2)..] : string.Empty;
                return new MeaningField(Plain(mrkdwn[1..j]), Plain(value), inline);
            }
        }

        return null;
    }

    private static MeaningButton Button(JsonObject button) => new(
        RenderedMeaning.OneLine((string?)button["text"]?["text"]),
        (string?)button["style"] switch
        {
            "primary" => ButtonEmphasis.Primary,
            "danger" => ButtonEmphasis.Danger,
            _ => ButtonEmphasis.Default,
        },
        (string?)button["action_id"] ?? string.Empty,
        (string?)button["value"] ?? string.Empty);

    private static bool AppendPlain(StringBuilder text, string s, ref int i, char? closer)
    {
        while (i < s.Length)
        {
            var c = s[i];
            var fenced = i > 0 && s[i - 1] == ZeroWidthSpace && i + 1 < s.Length && s[i + 1] == ZeroWidthSpace;
            if (closer is { } close && c == close && !fenced)
            {
                i++;
                return true;
            }

            if (c is '*' or '_' or '~' && !fenced && TryStyled(text, s, ref i, c))
            {
                continue;
            }

            if (c == '`' && !fenced && s.IndexOf('`', i + 1) is var end and > 0)
            {
                text.Append(Entities(s[(i + 1)..end]));
                i = end + 1;
                continue;
            }

            if (c == '<' && TryAngle(text, s, ref i))
            {
                continue;
            }

            if (c == '&' && TryEntity(text, s, ref i))
            {
                continue;
            }

            text.Append(c);
            i++;
        }

        return closer is null;
    }

    private static bool TryStyled(StringBuilder text, string s, ref int i, char marker)
    {
        var inner = new StringBuilder();
        var j = i + 1;
        if (j >= s.Length || char.IsWhiteSpace(s[j]) || !AppendPlain(inner, s, ref j, marker) || inner.Length == 0)
        {
            return false;
        }

        text.Append(inner);
        i = j;
        return true;
    }

    private static bool TryEntity(StringBuilder text, string s, ref int i)
    {
        foreach (var (entity, character) in new[] { ("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>') })
        {
            if (string.CompareOrdinal(s, i, entity, 0, entity.Length) == 0)
            {
                text.Append(character);
                i += entity.Length;
                return true;
            }
        }

        return false;
    }

    // <@U1>, <#C1|name>, <!here>, <url|label>, <url>.
    private static bool TryAngle(StringBuilder text, string s, ref int i)
    {
        var close = s.IndexOf('>', i + 1);
        if (close < 0)
        {
            return false;
        }

        var inside = s[(i + 1)..close];
        var bar = inside.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inside : inside[..bar];
        if (target.Length > 1 && target[0] is '@' or '#')
        {
            text.Append(target);
        }
        else if (target.Length > 1 && target[0] == '!')
        {
            // <!channel>, <!here>, <!everyone>: a ping of many people.
            text.Append('@').Append(target[1..]);
        }
        else if (target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("http://", StringComparison.Ordinal))
        {
            var url = Entities(target).Replace("%7C", "|", StringComparison.Ordinal);
            var label = bar < 0 ? url : Plain(inside[(bar + 1)..]);
            text.Append(label == url ? url : $"{label} ({url})");
        }
        else
        {
            return false;
        }

        i = close + 1;
        return true;
    }

    private static string Entities(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
