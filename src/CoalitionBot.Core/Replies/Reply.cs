namespace CoalitionBot.Core.Replies;

/// <summary>A platform-neutral message: renderers turn it into Discord embeds, Slack Block Kit or console text.</summary>
/// <remarks>Text values are neutral markup (see <see cref="Markup"/>); put user-supplied text through <see cref="Markup.Escape"/> or <see cref="Markup.Format"/>.</remarks>
public sealed record Reply
{
    /// <summary>A short heading, plain text (never markup).</summary>
    public string? Title { get; init; }

    /// <summary>The body, in neutral markup.</summary>
    public string? Text { get; init; }

    /// <summary>Named values shown under the body.</summary>
    public IReadOnlyList<ReplyField> Fields { get; init; } = [];

    /// <summary>A bullet list shown after the fields, each item in neutral markup.</summary>
    public IReadOnlyList<string> Bullets { get; init; } = [];

    /// <summary>A small line at the end (sources, hints), in neutral markup.</summary>
    public string? Footer { get; init; }

    /// <summary>Buttons under the message; pressing one calls the handler registered for its action id.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Only the caller sees it (Discord ephemeral, Slack ephemeral response).</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Images sent with the reply; the adapter delivers them as the platform allows, and the text stays their long description.</summary>
    public IReadOnlyList<ReplyAttachment> Attachments { get; init; } = [];
}

/// <summary>A named value: the name is plain text, the value neutral markup.</summary>
public sealed record ReplyField(string Name, string Value, bool Inline = false);

/// <summary>How a button looks.</summary>
public enum ButtonStyle
{
    Secondary,
    Primary,
    Success,
    Danger,
}

/// <summary>A button: the action id routes the press to a plugin handler, which receives the value.</summary>
/// <param name="ActionId">The handler's action id (<see cref="Commands.ButtonAttribute"/>).</param>
/// <param name="Label">What the button says, plain text.</param>
/// <param name="Value">Data handed back to the handler on press (an id, a choice); keep it short.</param>
/// <param name="Style">How the button looks.</param>
public sealed record ReplyButton(string ActionId, string Label, string Value = "", ButtonStyle Style = ButtonStyle.Secondary);
