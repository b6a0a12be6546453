using System.Text.Json.Nodes;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Slack;

/// <summary>A rendered Slack message: the notification fallback text and the Block Kit blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The message as a JSON object (<c>text</c>, <c>blocks</c>), ready for extra fields such as <c>channel</c> or <c>response_type</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["text"] = Text,
        ["blocks"] = Blocks.DeepClone(),
    };
}

/// <summary>Renders a neutral <see cref="Reply"/> as Block Kit, within Slack's limits (splitting long text, truncating cleanly).</summary>
public static class SlackRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtonsPerBlock = 25;
    public const int MaxButtonValue = 2000;
    public const int MaxFallbackText = 3000;

    public static SlackMessage Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var content = new List<JsonObject>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            content.Add(new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(Truncate(OneLine(reply.Title.Trim()), MaxHeader)),
            });
        }

        AddSections(content, SlackMrkdwn.Render(reply.Text).Trim());
        AddFields(content, reply.Fields);
        if (reply.Bullets.Count > 0)
        {
            AddSections(content, string.Join('\n', reply.Bullets.Select(b => "• " + SlackMrkdwn.Render(b).Trim())));
        }

        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            content.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Mrkdwn(Truncate(SlackMrkdwn.Render(reply.Footer).Trim(), MaxSectionText))),
            });
        }

        var actions = Actions(reply.Buttons);
        var room = MaxBlocks - actions.Count;
        if (content.Count > room)
        {
            content = content.Take(room - 1).ToList();
            content.Add(new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Mrkdwn("… (this reply was too long for Slack and was cut short)")),
            });
        }

        var blocks = new JsonArray();
        foreach (var block in content.Concat(actions))
        {
            blocks.Add(block);
        }

        return new SlackMessage(Fallback(reply), blocks);
    }

    /// <summary>The body of a slash-command answer or <c>response_url</c> post: the message plus <c>response_type</c>.</summary>
    public static JsonObject Response(CommandResult result, bool? replaceOriginal = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        // The message was rendered for this answer alone, so its blocks move into the answer instead of being deep-copied.
        var message = Render(result.Reply);
        var json = new JsonObject
        {
            ["text"] = message.Text,
            ["blocks"] = message.Blocks,
        };
        json["response_type"] = result.Reply.Ephemeral ? "ephemeral" : "in_channel";
        if (replaceOriginal is { } replace)
        {
            json["replace_original"] = replace;
        }

        return json;
    }

    /// <summary>Splits mrkdwn into pieces of at most <paramref name="max"/> characters, at a line break or space when there is one, never inside an entity, a <c>&lt;…&gt;</c> token or a character pair.</summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1, max / 2);
            if (cut <= 0)
            {
                cut = rest.LastIndexOf(' ', max - 1, max / 2);
            }

            cut = SafeCut(rest, cut <= 0 ? max : cut);

            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Shortens text to at most <paramref name="max"/> characters, ending with an ellipsis, without breaking an entity or token.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..SafeCut(text, max - 1)].TrimEnd() + "…";
    }

    private static int SafeCut(string text, int cut)
    {
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        var open = text.LastIndexOf('<', cut - 1);
        if (open > 0 && open > text.LastIndexOf('>', cut - 1))
        {
            cut = open;
        }

        var amp = text.LastIndexOf('&', cut - 1);
        if (amp > 0 && cut - amp <= 5 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        return Math.Max(cut, 1);
    }

    private static void AddSections(List<JsonObject> blocks, string mrkdwn)
    {
        if (mrkdwn.Length == 0)
        {
            return;
        }

        foreach (var piece in Split(mrkdwn, MaxSectionText))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(piece) });
        }
    }

    private static void AddFields(List<JsonObject> blocks, IReadOnlyList<ReplyField> fields)
    {
        // Inline fields sit side by side in a section's fields (10 at most, 2000 characters each);
        // a full-width field becomes its own section, so a long list is split rather than cut.
        var row = new JsonArray();
        void FlushRow()
        {
            if (row.Count > 0)
            {
                blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = row });
                row = [];
            }
        }

        foreach (var field in fields)
        {
            var name = "*" + SlackMrkdwn.Escape(OneLine(field.Name.Trim())) + "*";
            var value = SlackMrkdwn.Render(field.Value).Trim();
            if (field.Inline)
            {
                row.Add(Mrkdwn(Truncate(name + "\n" + value, MaxFieldText)));
                if (row.Count == MaxFields)
                {
                    FlushRow();
                }

                continue;
            }

            FlushRow();
            AddSections(blocks, name + "\n" + value);
        }

        FlushRow();
    }

    private static List<JsonObject> Actions(IReadOnlyList<ReplyButton> buttons)
    {
        // action_id must be unique within a block: a repeated id (same handler, other value) starts a new block.
        var blocks = new List<JsonObject>();
        var elements = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons.Take((MaxBlocks / 2) * MaxButtonsPerBlock))
        {
            if (elements.Count == MaxButtonsPerBlock || !ids.Add(button.ActionId))
            {
                blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
                elements = [];
                ids.Clear();
                ids.Add(button.ActionId);
            }

            var element = new JsonObject
            {
                ["type"] = "button",
                ["text"] = PlainText(Truncate(OneLine(button.Label), MaxButtonText)),
                ["action_id"] = button.ActionId,
            };
            if (button.Value.Length > 0)
            {
                element["value"] = button.Value.Length <= MaxButtonValue ? button.Value : button.Value[..MaxButtonValue];
            }

            var style = button.Style switch
            {
                ButtonStyle.Primary or ButtonStyle.Success => "primary",
                ButtonStyle.Danger => "danger",
                _ => null,
            };
            if (style is not null)
            {
                element["style"] = style;
            }

            elements.Add(element);
        }

        if (elements.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        }

        return blocks;
    }

    private static string Fallback(Reply reply)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            parts.Add(reply.Title.Trim());
        }

        var body = Markup.ToPlainText(reply.Text).Trim();
        if (body.Length > 0)
        {
            parts.Add(body);
        }

        if (parts.Count == 0)
        {
            parts.Add(reply.Fields.Count > 0 ? reply.Fields[0].Name
                : reply.Bullets.Count > 0 ? Markup.ToPlainText(reply.Bullets[0])
                : Markup.ToPlainText(reply.Footer));
        }

        var text = SlackMrkdwn.Escape(string.Join('\n', parts).Trim());
        return text.Length == 0 ? "…" : Truncate(text, MaxFallbackText);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
