using System.Text;
using System.Text.Json.Nodes;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Reads a Slack answer (<c>response_type</c> and Block Kit blocks) back into what a person sees, as Slack's mrkdwn shows it.</summary>
public static class SlackMeaning
{
    private const char ZeroWidthSpace = '\u200B';

    private static readonly SlackText Mrkdwn = new();

    /// <summary>
    /// The meaning of an answer. A section that starts with a line that is all bold (<c>*Name*</c> and a line break) is a
    /// full-width field, as the renderer writes one (a person reads it as a name above its value); sections of fields are
    /// inline fields; context blocks are the footer.
    /// </summary>
    public static RenderedMeaning Read(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var read = new RenderedMeaning.Parts { Ephemeral = (string?)answer["response_type"] == "ephemeral" };
        foreach (var block in answer["blocks"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            switch ((string?)block["type"])
            {
                case "header":
                    read.Title = (string?)block["text"]?["text"];
                    break;
                case "section" when block["fields"] is JsonArray inline:
                    read.Fields.AddRange(inline.Select(f => (string?)f?["text"] ?? string.Empty)
                        .Select(f => Field(f, inline: true) ?? new MeaningField(string.Empty, Plain(f), Inline: true)));
                    break;
                case "section":
                    var text = (string?)block["text"]?["text"] ?? string.Empty;
                    if (Field(text, inline: false) is { } field)
                    {
                        read.Fields.Add(field);
                    }
                    else
                    {
                        read.Body.Add(Plain(text));
                    }

                    break;
                case "context":
                    read.Footers.AddRange(block["elements"]?.AsArray().Select(e => Plain((string?)e?["text"] ?? string.Empty)) ?? []);
                    break;
                case "image":
                    read.Images.Add((string?)block["alt_text"] ?? string.Empty);
                    break;
                case "actions":
                    read.Buttons.AddRange(block["elements"]?.AsArray().OfType<JsonObject>().Select(Button) ?? []);
                    break;
            }
        }

        return read.ToMeaning();
    }

    /// <summary>
    /// What Slack shows for mrkdwn: entities decoded, markers fenced by zero-width spaces shown as themselves, paired markers as style
    /// (gone), code ticks gone, <c>&lt;url|label&gt;</c> as "label (url)", mentions as "@id"/"#id", <c>&lt;!here&gt;</c> as "@here".
    /// </summary>
    public static string Plain(string mrkdwn) => Mrkdwn.Read(mrkdwn);

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

    private sealed class SlackText : VisibleText
    {
        // "&amp;" last, so that "&amp;lt;" decodes to "&lt;" and no further.
        private static readonly (string Entity, char Character)[] Entities = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&')];

        // A marker between zero-width spaces is the renderer's escape: it shows as itself.
        private static bool Fenced(string s, int i) => i > 0 && s[i - 1] == ZeroWidthSpace && i + 1 < s.Length && s[i + 1] == ZeroWidthSpace;

        protected override bool ClosesAt(string s, int i, string closer) => s[i] == closer[0] && !Fenced(s, i);

        protected override bool TryNode(StringBuilder text, string s, ref int i) =>
            (s[i] is '*' or '_' or '~' && !Fenced(s, i) && TryStyled(text, s, ref i, s[i].ToString()))
            || TryCode(text, s, ref i)
            || TryAngle(text, s, ref i)
            || TryEntity(text, s, ref i);

        private static bool TryCode(StringBuilder text, string s, ref int i)
        {
            var end = s[i] == '`' && !Fenced(s, i) ? s.IndexOf('`', i + 1) : -1;
            if (end < 0)
            {
                return false;
            }

            text.Append(Decode(s[(i + 1)..end]));
            i = end + 1;
            return true;
        }

        private static bool TryEntity(StringBuilder text, string s, ref int i)
        {
            foreach (var (entity, character) in Entities)
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
            var close = s[i] == '<' ? s.IndexOf('>', i + 1) : -1;
            var inside = close < 0 ? string.Empty : s[(i + 1)..close];
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
            else if (IsWebAddress(target))
            {
                var url = Decode(target).Replace("%7C", "|", StringComparison.Ordinal);
                text.Append(Link(bar < 0 ? url : Plain(inside[(bar + 1)..]), url));
            }
            else
            {
                return false;
            }

            i = close + 1;
            return true;
        }

        private static string Decode(string text) =>
            Entities.Aggregate(text, (decoded, e) => decoded.Replace(e.Entity, e.Character.ToString(), StringComparison.Ordinal));
    }
}
