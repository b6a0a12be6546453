using System.Text;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Reads Discord message bodies (embeds, components, flags, attachments) back into what a person sees, as Discord's markdown shows it.</summary>
public static class DiscordMeaning
{
    private const string Placeholder = "\u200B";

    /// <summary>The meaning of the messages one reply became; fields split over several (a nameless continuation) are joined again.</summary>
    public static RenderedMeaning Read(IReadOnlyList<JsonObject> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string? title = null;
        var body = new List<string>();
        var fields = new List<MeaningField>();
        var footers = new List<string>();
        var buttons = new List<MeaningButton>();
        var images = new List<string>();
        var ephemeral = messages.Count > 0;
        var lastChunk = 0;
        foreach (var message in messages)
        {
            ephemeral &= (((int?)message["flags"] ?? 0) & DiscordRenderer.EphemeralFlag) != 0;
            foreach (var embed in message["embeds"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if ((string?)embed["title"] is { } t)
                {
                    title ??= Plain(t);
                }

                if ((string?)embed["description"] is { } description)
                {
                    body.Add(Plain(description));
                }

                foreach (var field in embed["fields"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var name = (string)field["name"]!;
                    var raw = (string)field["value"]!;
                    var inline = (bool?)field["inline"] ?? false;
                    var value = Plain(raw);

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
                    footers.Add(footer);
                }
            }

            foreach (var attachment in message["attachments"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                images.Add(RenderedMeaning.Tidy((string?)attachment["description"]));
            }

            foreach (var row in message["components"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                foreach (var button in row["components"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    buttons.Add(Button(button));
                }
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
            Ephemeral = ephemeral,
        };
    }

    /// <summary>What Discord shows for a piece of markdown: escapes resolved, style markers and code ticks gone, links as "label (url)", mentions as "@id"/"#id".</summary>
    public static string Plain(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new StringBuilder(markdown.Length);
        var i = 0;
        AppendPlain(text, markdown, ref i, closer: null);
        return text.ToString();
    }

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

    // Reads until the closing marker (when inside a style) or the end; an opening marker without a partner is shown as itself, as Discord does.
    private static bool AppendPlain(StringBuilder text, string s, ref int i, string? closer)
    {
        while (i < s.Length)
        {
            if (closer is not null && string.CompareOrdinal(s, i, closer, 0, closer.Length) == 0)
            {
                i += closer.Length;
                return true;
            }

            var c = s[i];
            if (c == '\\' && i + 1 < s.Length && !char.IsLetterOrDigit(s[i + 1]) && !char.IsWhiteSpace(s[i + 1]))
            {
                text.Append(s[i + 1]);
                i += 2;
                continue;
            }

            if (c == '`' && TryCode(text, s, ref i))
            {
                continue;
            }

            if (Marker(s, i) is { } marker && TryStyled(text, s, ref i, marker))
            {
                continue;
            }

            if (c == '[' && TryLink(text, s, ref i))
            {
                continue;
            }

            if (c == '<' && TryAngle(text, s, ref i))
            {
                continue;
            }

            text.Append(c);
            i++;
        }

        return closer is null;
    }

    private static string? Marker(string s, int i) =>
        string.CompareOrdinal(s, i, "**", 0, 2) == 0 ? "**"
        : string.CompareOrdinal(s, i, "~~", 0, 2) == 0 ? "~~"
        : string.CompareOrdinal(s, i, "||", 0, 2) == 0 ? "||"
        : string.CompareOrdinal(s, i, "__", 0, 2) == 0 ? "__"
        : s[i] is '*' or '_' ? s[i].ToString()
        : null;

    private static bool TryStyled(StringBuilder text, string s, ref int i, string marker)
    {
        var inner = new StringBuilder();
        var j = i + marker.Length;
        if (j >= s.Length || char.IsWhiteSpace(s[j]) || !AppendPlain(inner, s, ref j, marker) || inner.Length == 0)
        {
            return false;
        }

        text.Append(inner);
        i = j;
        return true;
    }

    private static bool TryCode(StringBuilder text, string s, ref int i)
    {
        if (string.CompareOrdinal(s, i, "`` ", 0, 3) == 0 && s.IndexOf(" ``", i + 3, StringComparison.Ordinal) is var end and > 0)
        {
            text.Append(s, i + 3, end - i - 3);
            i = end + 3;
            return true;
        }

        var close = s.IndexOf('`', i + 1);
        if (close <= i + 1)
        {
            return false;
        }

        text.Append(s, i + 1, close - i - 1);
        i = close + 1;
        return true;
    }

    private static bool TryLink(StringBuilder text, string s, ref int i)
    {
        var j = i + 1;
        var label = new StringBuilder();
        if (!AppendPlain(label, s, ref j, "]("))
        {
            return false;
        }

        var close = s.IndexOf(')', j);
        if (close < 0)
        {
            return false;
        }

        var url = s[j..close].Replace("%29", ")", StringComparison.Ordinal);
        if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
        {
            return false;
        }

        text.Append(label.ToString() == url ? url : $"{label} ({url})");
        i = close + 1;
        return true;
    }

    // <@id>, <#id> show as mentions; <https://…> as the bare link.
    private static bool TryAngle(StringBuilder text, string s, ref int i)
    {
        var close = s.IndexOf('>', i + 1);
        if (close < 0)
        {
            return false;
        }

        var inside = s[(i + 1)..close];
        if (inside.Length > 1 && inside[0] is '@' or '#' && inside[1..].All(char.IsAsciiDigit))
        {
            text.Append(inside);
        }
        else if (inside.StartsWith("https://", StringComparison.Ordinal) || inside.StartsWith("http://", StringComparison.Ordinal))
        {
            text.Append(inside);
        }
        else
        {
            return false;
        }

        i = close + 1;
        return true;
    }
}
