using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Turns a neutral reply into Discord message bodies (embeds and buttons) within Discord's limits, splitting long replies.</summary>
/// <remarks>Every body carries <c>allowed_mentions: {"parse": []}</c>, so nothing a plugin or a user wrote can ping anyone.</remarks>
public static class DiscordRenderer
{
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldsPerEmbed = 25;
    public const int FieldNameLimit = 256;
    public const int FieldValueLimit = 1024;
    public const int FooterLimit = 2048;
    public const int MessageTextLimit = 6000;
    public const int EmbedsPerMessage = 10;
    public const int ButtonsPerRow = 5;
    public const int Rows = 5;
    public const int LabelLimit = 80;
    public const int CustomIdLimit = 100;
    public const int EphemeralFlag = 1 << 6;
    public const int Color = 0x2E7D32;

    /// <summary>The separator between a button's action id and its value in <c>custom_id</c>.</summary>
    public const char CustomIdSeparator = '|';

    /// <summary>Ends the server id that a button in a direct message carries before its action id (<c>123…~tasks.done|12</c>).</summary>
    /// <remarks>A press in a direct message comes with no <c>guild_id</c>; the id in the button says which coalition it belongs to.</remarks>
    public const char CoalitionSeparator = '~';

    /// <summary>The message bodies for a reply, in order; buttons go on the last one.</summary>
    /// <param name="reply">The reply.</param>
    /// <param name="ephemeral">Set flag 64 (interaction responses and follow-ups only).</param>
    /// <param name="dropped">Called with a reason for every button left out because it cannot be sent.</param>
    /// <param name="coalition">For a direct message: the server id to put in every button's <c>custom_id</c>, so a press there finds its coalition.</param>
    public static IReadOnlyList<JsonObject> Render(Reply reply, bool ephemeral = false, Action<string>? dropped = null, string? coalition = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        // Discord renders markdown (links, mentions) in embed titles and field names: plain text is escaped there like any text.
        var title = TruncateEscaped(reply.Title?.Trim(), TitleLimit);
        var footer = Truncate(Markup.ToPlainText(reply.Footer).Trim(), FooterLimit);
        var reserved = (title?.Length ?? 0) + (footer?.Length ?? 0);

        var messages = Pack(Blocks(reply, Math.Min(DescriptionLimit, MessageTextLimit - reserved)), title, footer);
        var components = Buttons(reply.Buttons, dropped, coalition is null ? string.Empty : coalition + CoalitionSeparator);
        if (components is not null)
        {
            if (messages.Count == 0)
            {
                messages.Add([]);
            }

            messages[^1].Components = components;
        }

        if (messages.Count == 0)
        {
            // Discord rejects an empty message; an empty reply still answers.
            messages.Add([new JsonObject { ["description"] = "\u200b", ["color"] = Color }]);
        }

        return messages.Select(m => Body(m, ephemeral)).ToList();
    }

    /// <summary>The reply's text and bullets in description chunks of at most <paramref name="descriptionLimit"/>, then its fields (long values continue in unnamed fields).</summary>
    private static List<Block> Blocks(Reply reply, int descriptionLimit)
    {
        var body = new StringBuilder(DiscordMarkdown.Render(reply.Text).Trim());
        foreach (var bullet in reply.Bullets)
        {
            body.Append(body.Length == 0 ? string.Empty : "\n").Append("• ").Append(DiscordMarkdown.Render(bullet).Trim());
        }

        var blocks = new List<Block>();
        foreach (var chunk in Split(body.ToString(), descriptionLimit))
        {
            blocks.Add(new Block(null, chunk));
        }

        foreach (var field in reply.Fields)
        {
            var name = TruncateEscaped(field.Name.Trim(), FieldNameLimit) is { Length: > 0 } n ? n : "\u200b";
            var first = true;
            foreach (var chunk in Split(DiscordMarkdown.Render(field.Value).Trim(), FieldValueLimit).DefaultIfEmpty("\u200b"))
            {
                blocks.Add(new Block(first ? name : "\u200b", chunk, field.Inline));
                first = false;
            }
        }

        return blocks;
    }

    /// <summary>One message body: its embeds and buttons, mentions disabled, flagged ephemeral when asked.</summary>
    private static JsonObject Body(Message message, bool ephemeral)
    {
        var json = new JsonObject
        {
            ["embeds"] = new JsonArray(message.Select(e => (JsonNode)e).ToArray()),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        if (message.Components is not null)
        {
            json["components"] = message.Components;
        }

        if (ephemeral)
        {
            json["flags"] = EphemeralFlag;
        }

        return json;
    }

    /// <summary>
    /// A copy of a rendered message that shows the images: an <c>attachments</c> entry per file (id = its <c>files[n]</c>
    /// index, the alt text as description), the first image in the first embed and each further one in an embed of its own.
    /// </summary>
    public static JsonObject WithImages(JsonObject message, IReadOnlyList<ReplyAttachment> images)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(images);
        var copy = message.DeepClone().AsObject();
        var embeds = copy["embeds"] as JsonArray ?? [];
        copy["embeds"] = embeds;
        var attachments = new JsonArray();
        for (var i = 0; i < images.Count; i++)
        {
            attachments.Add(new JsonObject { ["id"] = i, ["filename"] = images[i].FileName, ["description"] = images[i].AltTextWithin() });
            var image = new JsonObject { ["url"] = "attachment://" + images[i].FileName };
            if (i == 0 && embeds.Count > 0 && embeds[0] is JsonObject first && first["image"] is null)
            {
                first["image"] = image;
            }
            else if (embeds.Count < EmbedsPerMessage)
            {
                embeds.Add(new JsonObject { ["color"] = Color, ["image"] = image });
            }
        }

        copy["attachments"] = attachments;
        return copy;
    }

    /// <summary>A short plain message (errors, notes) with mentions disabled.</summary>
    public static JsonObject Text(string markup, bool ephemeral = false) => Render(new Reply { Text = markup }, ephemeral)[0];

    /// <summary>Reads a <c>custom_id</c> back into the action id and value; false when it is not one of ours.</summary>
    public static bool TryParseCustomId(string? customId, out string actionId, out string value)
    {
        actionId = value = string.Empty;
        if (string.IsNullOrEmpty(customId) || customId.Length > CustomIdLimit)
        {
            return false;
        }

        var separator = customId.IndexOf(CustomIdSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        actionId = customId[..separator];
        value = customId[(separator + 1)..];
        return true;
    }

    /// <summary>Reads the <c>custom_id</c> of a button in a direct message: the coalition's server id, then the action id and value.</summary>
    public static bool TryParseDirectCustomId(string? customId, [NotNullWhen(true)] out string? guildId, out string actionId, out string value)
    {
        guildId = null;
        actionId = value = string.Empty;
        var end = customId?.IndexOf(CoalitionSeparator, StringComparison.Ordinal) ?? -1;
        if (customId is null || customId.Length > CustomIdLimit || end <= 0 || !DiscordOptionsValidator.IsSnowflake(customId[..end])
            || !TryParseCustomId(customId[(end + 1)..], out actionId, out value))
        {
            return false;
        }

        guildId = customId[..end];
        return true;
    }

    private static List<Message> Pack(List<Block> blocks, string? title, string? footer)
    {
        var packer = new Packer(title, MessageTextLimit - (footer?.Length ?? 0));
        foreach (var block in blocks)
        {
            packer.Add(block);
        }

        return packer.Finish(footer);
    }

    private static JsonArray? Buttons(IReadOnlyList<ReplyButton> buttons, Action<string>? dropped, string prefix)
    {
        if (buttons.Count == 0)
        {
            return null;
        }

        var rows = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        JsonArray? row = null;
        foreach (var button in buttons)
        {
            var customId = prefix + button.ActionId + CustomIdSeparator + button.Value;
            if (customId.Length > CustomIdLimit || button.ActionId.Length == 0)
            {
                dropped?.Invoke($"button \"{button.ActionId}\": action id and value exceed {CustomIdLimit} characters");
                continue;
            }

            if (!seen.Add(customId))
            {
                dropped?.Invoke($"button \"{button.ActionId}\": the same action and value appear twice in one message");
                continue;
            }

            if (row is null || row.Count == ButtonsPerRow)
            {
                if (rows.Count == Rows)
                {
                    dropped?.Invoke($"button \"{button.ActionId}\": a message holds at most {Rows * ButtonsPerRow} buttons");
                    continue;
                }

                row = [];
                rows.Add(new JsonObject { ["type"] = (int)ComponentType.ActionRow, ["components"] = row });
            }

            row.Add(new JsonObject
            {
                ["type"] = (int)ComponentType.Button,
                ["style"] = button.Style switch
                {
                    ButtonStyle.Primary => 1,
                    ButtonStyle.Success => 3,
                    ButtonStyle.Danger => 4,
                    _ => 2,
                },
                ["label"] = Truncate(button.Label.Trim(), LabelLimit) is { Length: > 0 } label ? label : "…",
                ["custom_id"] = customId,
            });
        }

        return rows.Count == 0 ? null : rows;
    }

    /// <summary>Splits text into chunks of at most <paramref name="limit"/> characters, at line breaks, else spaces, never inside an escape.</summary>
    internal static IEnumerable<string> Split(string text, int limit)
    {
        var rest = text.AsMemory();
        while (rest.Length > 0)
        {
            if (rest.Length <= limit)
            {
                yield return rest.ToString();
                yield break;
            }

            var window = rest.Span[..limit];
            var cut = window.LastIndexOf('\n');
            if (cut < limit / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < limit / 2)
            {
                cut = limit;
                if (window[cut - 1] == '\\' || char.IsHighSurrogate(window[cut - 1]))
                {
                    cut--;
                }
            }

            yield return rest[..cut].ToString().TrimEnd();
            rest = rest[cut..].TrimStart("\n ".AsSpan());
        }
    }

    private static string? Truncate(string? text, int limit) =>
        text is null || text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 1).TrimEnd(), "…");

    // Plain text escaped for Discord markdown, then cut to the limit without leaving half an escape (a lone backslash) at the end.
    private static string? TruncateEscaped(string? text, int limit)
    {
        if (text is null)
        {
            return null;
        }

        var escaped = DiscordMarkdown.Escape(text.ReplaceLineEndings(" "));
        if (escaped.Length <= limit)
        {
            return escaped;
        }

        var cut = escaped.AsSpan(0, limit - 1);
        var slashes = cut.Length - cut.TrimEnd('\\').Length;
        return string.Concat(cut[..(cut.Length - (slashes % 2))].TrimEnd(), "…");
    }

    private sealed record Block(string? Name, string Text, bool Inline = false);

    private sealed class Message : List<JsonObject>
    {
        public JsonArray? Components { get; set; }
    }

    /// <summary>Fills messages with embeds block by block, within a message's text budget and the embeds and fields that fit; the title goes on the first embed.</summary>
    private sealed class Packer
    {
        private readonly List<Message> _messages = [];
        private readonly string? _title;
        private readonly int _budget;
        private Message? _message;
        private JsonObject? _embed;
        private int _used;
        private bool _titlePending;

        public Packer(string? title, int budget)
        {
            _title = title;
            _budget = budget;
            _titlePending = title is { Length: > 0 };
        }

        public void Add(Block block)
        {
            var size = block.Text.Length + (block.Name?.Length ?? 0);
            if (_message is null || _used + size > _budget)
            {
                NewMessage();
            }

            if (block.Name is null)
            {
                // A description chunk always starts a new embed.
                NewEmbed()["description"] = block.Text;
            }
            else
            {
                AddField(block);
            }

            _used += size;
        }

        public List<Message> Finish(string? footer)
        {
            if (_titlePending)
            {
                NewEmbed();
            }

            if (footer is { Length: > 0 })
            {
                var last = _messages.Count > 0 ? _messages[^1] : null;
                var lastEmbed = last?[^1] ?? NewEmbed();
                lastEmbed["footer"] = new JsonObject { ["text"] = footer };
            }

            return _messages;
        }

        private void AddField(Block block)
        {
            var target = _embed is not null && _embed["fields"] is JsonArray { Count: < FieldsPerEmbed } ? _embed
                : _embed is not null && _embed["fields"] is null ? _embed
                : NewEmbed();
            if (target["fields"] is not JsonArray fields)
            {
                fields = [];
                target["fields"] = fields;
            }

            fields.Add(new JsonObject { ["name"] = block.Name, ["value"] = block.Text, ["inline"] = block.Inline });
        }

        [MemberNotNull(nameof(_message))]
        private void NewMessage()
        {
            _message = [];
            _messages.Add(_message);
            _embed = null;
            _used = 0;
        }

        private JsonObject NewEmbed()
        {
            if (_message is null || _message.Count >= EmbedsPerMessage)
            {
                NewMessage();
            }

            var embed = new JsonObject { ["color"] = Color };
            _embed = embed;
            if (_titlePending)
            {
                embed["title"] = _title;
                _used += _title!.Length;
                _titlePending = false;
            }

            _message.Add(embed);
            return embed;
        }
    }
}
