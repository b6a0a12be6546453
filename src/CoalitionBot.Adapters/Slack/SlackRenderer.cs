using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Slack;

/// <summary>A rendered Slack message: the notification fallback text and the Block Kit blocks, written straight to JSON.</summary>
/// <remarks>The blocks are kept as a small model and written with <see cref="Utf8JsonWriter"/>: building a JSON tree for every answer showed up in the load benchmark.</remarks>
public sealed class SlackMessage
{
    private readonly IReadOnlyList<SlackBlock> _blocks;

    internal SlackMessage(string text, IReadOnlyList<SlackBlock> blocks)
    {
        Text = text;
        _blocks = blocks;
    }

    /// <summary>The fallback text shown in notifications (escaped mrkdwn).</summary>
    public string Text { get; }

    /// <summary>The blocks as a JSON array (a new one on every call).</summary>
    public JsonArray Blocks => ToJson()["blocks"]!.AsArray();

    /// <summary>The message as a JSON object (<c>text</c>, <c>blocks</c>), ready for extra fields such as <c>channel</c> or <c>response_type</c>.</summary>
    public JsonObject ToJson() => JsonAnswer.ToNode(WriteTo);

    /// <summary>Writes <c>{"text":…,"blocks":[…]}</c>, with any fields <paramref name="more"/> adds before the object closes.</summary>
    public void WriteTo(Utf8JsonWriter writer, Action<Utf8JsonWriter>? more = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("text", Text);
        writer.WriteStartArray("blocks");
        foreach (var block in _blocks)
        {
            block.WriteTo(writer);
        }

        writer.WriteEndArray();
        more?.Invoke(writer);
        writer.WriteEndObject();
    }

    private void WriteTo(Utf8JsonWriter writer) => WriteTo(writer, null);
}

/// <summary>The answer to a slash command or a <c>response_url</c> post: the message, whether everyone sees it, and whether it replaces the original.</summary>
public sealed class SlackAnswer(SlackMessage message, bool ephemeral, bool? replaceOriginal = null)
{
    public SlackMessage Message { get; } = message;

    public bool Ephemeral { get; } = ephemeral;

    public bool? ReplaceOriginal { get; } = replaceOriginal;

    /// <summary>The answer as a JSON object (for Socket Mode's acknowledgement payload and <c>response_url</c>).</summary>
    public JsonObject ToJson() => JsonAnswer.ToNode(WriteTo);

    /// <summary>Writes the answer's JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer) => Message.WriteTo(writer, w =>
    {
        w.WriteString("response_type", Ephemeral ? "ephemeral" : "in_channel");
        if (ReplaceOriginal is { } replace)
        {
            w.WriteBoolean("replace_original", replace);
        }
    });
}

/// <summary>One Block Kit block, written as Slack expects it.</summary>
internal abstract class SlackBlock
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    protected static void PlainText(Utf8JsonWriter writer, string property, string text)
    {
        writer.WriteStartObject(property);
        writer.WriteString("type", "plain_text");
        writer.WriteString("text", text);
        writer.WriteBoolean("emoji", true);
        writer.WriteEndObject();
    }

    protected static void Mrkdwn(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "mrkdwn");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }
}

internal sealed class HeaderBlock(string text) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "header");
        PlainText(writer, "text", text);
        writer.WriteEndObject();
    }
}

internal sealed class SectionBlock(string mrkdwn) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "section");
        writer.WritePropertyName("text");
        Mrkdwn(writer, mrkdwn);
        writer.WriteEndObject();
    }
}

/// <summary>A section of side-by-side fields (mrkdwn).</summary>
internal sealed class FieldsBlock(List<string> fields) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "section");
        writer.WriteStartArray("fields");
        foreach (var field in fields)
        {
            Mrkdwn(writer, field);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

internal sealed class ImageBlock(string url, string alt) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "image");
        writer.WriteString("image_url", url);
        writer.WriteString("alt_text", alt);
        writer.WriteEndObject();
    }
}

internal sealed class ContextBlock(string mrkdwn) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "context");
        writer.WriteStartArray("elements");
        Mrkdwn(writer, mrkdwn);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A button as rendered: label (plain text), <c>action_id</c>, optional value and style.</summary>
internal sealed record SlackButton(string Label, string ActionId, string? Value, string? Style);

internal sealed class ActionsBlock(List<SlackButton> buttons) : SlackBlock
{
    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "actions");
        writer.WriteStartArray("elements");
        foreach (var button in buttons)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "button");
            PlainText(writer, "text", button.Label);
            writer.WriteString("action_id", button.ActionId);
            if (button.Value is not null)
            {
                writer.WriteString("value", button.Value);
            }

            if (button.Style is not null)
            {
                writer.WriteString("style", button.Style);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
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
    public const int MaxAltText = 2000;

    /// <summary>The message for a reply; <paramref name="imageUrls"/> adds an <c>image</c> block per public image link (alt text within Slack's 2000 characters).</summary>
    public static SlackMessage Render(Reply reply, IReadOnlyList<(string Url, string Alt)>? imageUrls = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var content = new List<SlackBlock>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            content.Add(new HeaderBlock(Truncate(OneLine(reply.Title.Trim()), MaxHeader)));
        }

        AddSections(content, SlackMrkdwn.Render(reply.Text).Trim());
        AddFields(content, reply.Fields);
        if (reply.Bullets.Count > 0)
        {
            AddSections(content, string.Join('\n', reply.Bullets.Select(b => "• " + SlackMrkdwn.Render(b).Trim())));
        }

        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            content.Add(new ContextBlock(Truncate(SlackMrkdwn.Render(reply.Footer).Trim(), MaxSectionText)));
        }

        foreach (var (url, alt) in imageUrls ?? [])
        {
            content.Add(new ImageBlock(url, Truncate(alt, MaxAltText)));
        }

        var actions = Actions(reply.Buttons);
        var room = MaxBlocks - actions.Count;
        if (content.Count > room)
        {
            content = content.Take(room - 1).ToList();
            content.Add(new ContextBlock("… (this reply was too long for Slack and was cut short)"));
        }

        content.AddRange(actions);
        return new SlackMessage(Fallback(reply), content);
    }

    /// <summary>The body of a slash-command answer or <c>response_url</c> post: the message plus <c>response_type</c>.</summary>
    public static SlackAnswer Response(CommandResult result, bool? replaceOriginal = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SlackAnswer(Render(result.Reply), result.Reply.Ephemeral, replaceOriginal);
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

    private static void AddSections(List<SlackBlock> blocks, string mrkdwn)
    {
        if (mrkdwn.Length == 0)
        {
            return;
        }

        foreach (var piece in Split(mrkdwn, MaxSectionText))
        {
            blocks.Add(new SectionBlock(piece));
        }
    }

    private static void AddFields(List<SlackBlock> blocks, IReadOnlyList<ReplyField> fields)
    {
        // Inline fields sit side by side in a section's fields (10 at most, 2000 characters each);
        // a full-width field becomes its own section, so a long list is split rather than cut.
        var row = new List<string>();
        void FlushRow()
        {
            if (row.Count > 0)
            {
                blocks.Add(new FieldsBlock(row));
                row = [];
            }
        }

        foreach (var field in fields)
        {
            var name = "*" + SlackMrkdwn.Escape(OneLine(field.Name.Trim())) + "*";
            var value = SlackMrkdwn.Render(field.Value).Trim();
            if (field.Inline)
            {
                row.Add(Truncate(name + "\n" + value, MaxFieldText));
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

    private static List<SlackBlock> Actions(IReadOnlyList<ReplyButton> buttons)
    {
        // action_id must be unique within a block: a repeated id (same handler, other value) starts a new block.
        var blocks = new List<SlackBlock>();
        var elements = new List<SlackButton>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons.Take((MaxBlocks / 2) * MaxButtonsPerBlock))
        {
            if (elements.Count == MaxButtonsPerBlock || !ids.Add(button.ActionId))
            {
                blocks.Add(new ActionsBlock(elements));
                elements = [];
                ids.Clear();
                ids.Add(button.ActionId);
            }

            var style = button.Style switch
            {
                ButtonStyle.Primary or ButtonStyle.Success => "primary",
                ButtonStyle.Danger => "danger",
                _ => null,
            };
            // Slack refuses a button without text (the whole message fails), so a blank label shows as an ellipsis, as on Discord.
            elements.Add(new SlackButton(
                Truncate(OneLine(button.Label).Trim(), MaxButtonText) is { Length: > 0 } label ? label : "…",
                button.ActionId,
                button.Value.Length == 0 ? null : button.Value.Length <= MaxButtonValue ? button.Value : button.Value[..MaxButtonValue],
                style));
        }

        if (elements.Count > 0)
        {
            blocks.Add(new ActionsBlock(elements));
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
}
