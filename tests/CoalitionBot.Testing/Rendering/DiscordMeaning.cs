using System.Text;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Reads Discord message bodies (embeds, components, flags, attachments) back into what a person sees, as Discord's markdown shows it.</summary>
public static class DiscordMeaning
{
    private const string Placeholder = "\u200B";

    private static readonly DiscordText Markdown = new();

    /// <summary>The meaning of the messages one reply became; fields split over several (a nameless continuation) are joined again.</summary>
    public static RenderedMeaning Read(IReadOnlyList<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var read = new RenderedMeaning.Parts { Ephemeral = messages.Count > 0 };
        var lastChunk = 0;
        foreach (var message in messages)
        {
            read.Ephemeral &= (((int?)message["flags"] ?? 0) & DiscordRenderer.EphemeralFlag) != 0;
            foreach (var embed in message["embeds"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if ((string?)embed["title"] is { } title)
                {
                    read.Title ??= Plain(title);
                }

                if ((string?)embed["description"] is { } description)
                {
                    read.Body.Add(Plain(description));
                }

                foreach (var field in embed["fields"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var name = (string)field["name"]!;
                    var raw = (string)field["value"]!;
                    var inline = (bool?)field["inline"] ?? false;
                    var value = Plain(raw);
                    var fields = read.Fields;

                    // A value too long for one field goes on in nameless fields; a field whose value was short is a field of its own.
                    if (name == Placeholder && fields.Count > 0 && fields[^1].Inline == inline && lastChunk > DiscordRenderer.FieldValueLimit / 2)
                    {
                        fields[^1] = fields[^1] with { Value = fields[^1].Value + "\n" + value };
                    }
                    else
                    {
                        fields.Add(new MeaningField(Plain(name), value, inline));
                    }

                    lastChunk = raw.Length;
                }

                if ((string?)embed["footer"]?["text"] is { } footer)
                {
                    read.Footers.Add(footer);
                }
            }

            read.Images.AddRange(message["attachments"]?.AsArray().Select(a => (string?)a?["description"] ?? string.Empty) ?? []);
            read.Buttons.AddRange(message["components"]?.AsArray().SelectMany(row => row?["components"]?.AsArray().OfType<JsonObject>() ?? []).Select(Button) ?? []);
        }

        return read.ToMeaning();
    }

    /// <summary>What Discord shows for a piece of markdown: escapes resolved, style markers and code ticks gone, links as "label (url)", mentions as "@id"/"#id".</summary>
    public static string Plain(string markdown) => Markdown.Read(markdown);

    private static MeaningButton Button(JsonObject button)
    {
        var customId = (string?)button["custom_id"];
        if (!DiscordRenderer.TryParseDirectCustomId(customId, out _, out var actionId, out var value)
            && !DiscordRenderer.TryParseCustomId(customId, out actionId, out value))
        {
            actionId = customId ?? string.Empty;
            value = string.Empty;
        }

        var emphasis = (int?)button["style"] switch
        {
            1 or 3 => ButtonEmphasis.Primary,
            4 => ButtonEmphasis.Danger,
            _ => ButtonEmphasis.Default,
        };
        return new MeaningButton(RenderedMeaning.OneLine((string?)button["label"]), emphasis, actionId, value);
    }

    private sealed class DiscordText : VisibleText
    {
        protected override bool ClosesAt(string s, int i, string closer) => string.CompareOrdinal(s, i, closer, 0, closer.Length) == 0;

        protected override bool TryNode(StringBuilder text, string s, ref int i) =>
            TryEscape(text, s, ref i)
            || TryCode(text, s, ref i)
            || (Marker(s, i) is { } marker && TryStyled(text, s, ref i, marker))
            || TryLink(text, s, ref i)
            || TryAngle(text, s, ref i);

        // A backslash before anything but a letter, digit or blank shows that character.
        private static bool TryEscape(StringBuilder text, string s, ref int i)
        {
            if (s[i] != '\\' || i + 1 >= s.Length || char.IsLetterOrDigit(s[i + 1]) || char.IsWhiteSpace(s[i + 1]))
            {
                return false;
            }

            text.Append(s[i + 1]);
            i += 2;
            return true;
        }

        private static readonly string[] Markers = ["**", "~~", "||", "__", "*", "_"];

        private static string? Marker(string s, int i) => Markers.FirstOrDefault(m => string.CompareOrdinal(s, i, m, 0, m.Length) == 0);

        private static bool TryCode(StringBuilder text, string s, ref int i)
        {
            if (s[i] != '`')
            {
                return false;
            }

            var (open, close) = string.CompareOrdinal(s, i, "`` ", 0, 3) == 0 ? ("`` ", " ``") : ("`", "`");
            var end = s.IndexOf(close, i + open.Length, StringComparison.Ordinal);
            if (end < 0 || (open == "`" && end == i + 1))
            {
                return false;
            }

            text.Append(s, i + open.Length, end - i - open.Length);
            i = end + close.Length;
            return true;
        }

        private bool TryLink(StringBuilder text, string s, ref int i)
        {
            if (s[i] != '[')
            {
                return false;
            }

            var j = i + 1;
            var label = new StringBuilder();
            if (!Append(label, s, ref j, "]("))
            {
                return false;
            }

            var close = s.IndexOf(')', j);
            var url = close < 0 ? string.Empty : s[j..close].Replace("%29", ")", StringComparison.Ordinal);
            if (!IsWebAddress(url))
            {
                return false;
            }

            text.Append(Link(label.ToString(), url));
            i = close + 1;
            return true;
        }

        // <@id>, <#id> show as mentions; <https://…> as the bare link.
        private static bool TryAngle(StringBuilder text, string s, ref int i)
        {
            var close = s[i] == '<' ? s.IndexOf('>', i + 1) : -1;
            var inside = close < 0 ? string.Empty : s[(i + 1)..close];
            if (!(inside.Length > 1 && inside[0] is '@' or '#' && inside[1..].All(char.IsAsciiDigit)) && !IsWebAddress(inside))
            {
                return false;
            }

            text.Append(inside);
            i = close + 1;
            return true;
        }
    }
}
