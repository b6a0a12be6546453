using CoalitionBot.Core.Replies;

namespace CoalitionBot.Testing.Rendering;

/// <summary>How strongly a button stands out: the distinctions every platform can draw (Slack has no "success" colour, so it counts as primary).</summary>
public enum ButtonEmphasis
{
    Default,
    Primary,
    Danger,
}

/// <summary>A field as a person reads it: its name and value in plain text, and whether it sits beside others.</summary>
public sealed record MeaningField(string Name, string Value, bool Inline);

/// <summary>A button as a person sees and presses it: its label and emphasis, and the action id and value a press sends back.</summary>
public sealed record MeaningButton(string Label, ButtonEmphasis Emphasis, string ActionId, string Value);

/// <summary>
/// What a reply means to the person reading it, free of any platform's markup: title, body (bullets included, as "• " lines),
/// fields, footer, buttons, images' alt texts and whether only the caller sees it. Read back from a renderer's real output,
/// two platforms agree when their meanings have no <see cref="DifferencesFrom">differences</see>.
/// </summary>
public sealed record RenderedMeaning
{
    private const string Bullet = "• ";

    public string Title { get; init; } = string.Empty;

    public string Body { get; init; } = string.Empty;

    public IReadOnlyList<MeaningField> Fields { get; init; } = [];

    public string Footer { get; init; } = string.Empty;

    public IReadOnlyList<MeaningButton> Buttons { get; init; } = [];

    /// <summary>The alt text of every image, in order.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    public bool Ephemeral { get; init; }

    /// <summary>The meaning the neutral reply asks for: what every platform must show.</summary>
    public static RenderedMeaning Of(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var body = new List<string>();
        if (Markup.ToPlainText(reply.Text).Trim() is { Length: > 0 } text)
        {
            body.Add(text);
        }

        body.AddRange(reply.Bullets.Select(b => Bullet + Markup.ToPlainText(b).Trim()));
        return new RenderedMeaning
        {
            Title = OneLine(reply.Title),
            Body = Tidy(string.Join('\n', body)),
            Fields = reply.Fields.Select(f => new MeaningField(OneLine(f.Name), Tidy(Markup.ToPlainText(f.Value)), f.Inline)).ToList(),
            Footer = Tidy(Markup.ToPlainText(reply.Footer)),
            Buttons = reply.Buttons.Select(b => new MeaningButton(OneLine(b.Label), EmphasisOf(b.Style), b.ActionId, b.Value)).ToList(),
            Images = reply.Attachments.Select(a => Tidy(a.AltText)).ToList(),
            Ephemeral = reply.Ephemeral,
        };
    }

    /// <summary>The pieces a reader collects from a payload, in order; <see cref="ToMeaning"/> puts them together the same way for every platform.</summary>
    public sealed class Parts
    {
        public string? Title { get; set; }

        public List<string> Body { get; } = [];

        public List<MeaningField> Fields { get; } = [];

        public List<string> Footers { get; } = [];

        public List<MeaningButton> Buttons { get; } = [];

        public List<string> Images { get; } = [];

        public bool Ephemeral { get; set; }

        public RenderedMeaning ToMeaning() => new()
        {
            Title = OneLine(Title),
            Body = Tidy(string.Join('\n', Body.Select(Tidy).Where(b => b.Length > 0))),
            Fields = Fields.Select(f => f with { Name = OneLine(f.Name), Value = Tidy(f.Value) }).ToList(),
            Footer = Tidy(string.Join('\n', Footers)),
            Buttons = Buttons,
            Images = Images.Select(Tidy).ToList(),
            Ephemeral = Ephemeral,
        };
    }

    /// <summary>The emphasis a neutral button style asks for.</summary>
    public static ButtonEmphasis EmphasisOf(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary or ButtonStyle.Success => ButtonEmphasis.Primary,
        ButtonStyle.Danger => ButtonEmphasis.Danger,
        _ => ButtonEmphasis.Default,
    };

    /// <summary>
    /// Text as compared: no zero-width spaces (platforms use them as placeholders and fences), one kind of line break, no blanks
    /// at the ends of lines or around the text (nobody sees them), and a lone surrogate as the replacement character every
    /// platform shows for it (it cannot travel as UTF-8).
    /// </summary>
    public static string Tidy(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Lone surrogates first: removing a zero-width space between two of them must not pair them up.
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        var visible = new string(chars).Replace("\u200B", string.Empty, StringComparison.Ordinal).ReplaceLineEndings("\n");
        return string.Join('\n', visible.Split('\n').Select(line => line.TrimEnd())).Trim();
    }

    /// <summary>Text that a platform shows on one line (a title, a field name, a label).</summary>
    public static string OneLine(string? text) => Tidy(text?.ReplaceLineEndings(" "));

    /// <summary>Every way this meaning differs from <paramref name="other"/>, one line each ("fields[1].Value: …"); empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(RenderedMeaning other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        void Compare<T>(string what, T mine, T theirs)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, theirs))
            {
                differences.Add($"{what}: {Show(mine)} ≠ {Show(theirs)}");
            }
        }

        void CompareLists<T>(string what, IReadOnlyList<T> mine, IReadOnlyList<T> theirs)
        {
            for (var i = 0; i < Math.Max(mine.Count, theirs.Count); i++)
            {
                Compare($"{what}[{i}]", i < mine.Count ? (object?)mine[i] : null, i < theirs.Count ? (object?)theirs[i] : null);
            }
        }

        Compare("title", Title, other.Title);
        Compare("body", Body, other.Body);
        CompareLists("fields", Fields, other.Fields);
        Compare("footer", Footer, other.Footer);
        CompareLists("buttons", Buttons, other.Buttons);
        CompareLists("images", Images, other.Images);
        Compare("ephemeral", Ephemeral, other.Ephemeral);
        return differences;
    }

    /// <summary>A neutral reply that means this, so that the console renderer can print it the way a console test expects.</summary>
    /// <remarks>Trailing bullet lines go back after the fields, where the console puts bullets.</remarks>
    public Reply ToReply()
    {
        var lines = Body.Length == 0 ? [] : Body.Split('\n').ToList();
        var bullets = new List<string>();
        while (Fields.Count > 0 && lines.Count > 0 && lines[^1].StartsWith(Bullet, StringComparison.Ordinal))
        {
            bullets.Insert(0, Markup.Escape(lines[^1][Bullet.Length..]));
            lines.RemoveAt(lines.Count - 1);
        }

        return new Reply
        {
            Title = Title.Length == 0 ? null : Title,
            Text = Markup.Escape(string.Join('\n', lines)),
            Fields = Fields.Select(f => new ReplyField(f.Name, Markup.Escape(f.Value), f.Inline)).ToList(),
            Bullets = bullets,
            Footer = Footer.Length == 0 ? null : Markup.Escape(Footer),
            Buttons = Buttons.Select(b => new ReplyButton(b.ActionId, b.Label, b.Value, b.Emphasis switch
            {
                ButtonEmphasis.Primary => ButtonStyle.Primary,
                ButtonEmphasis.Danger => ButtonStyle.Danger,
                _ => ButtonStyle.Secondary,
            })).ToList(),
            Ephemeral = Ephemeral,
        };
    }

    public override string ToString() =>
        $"title {Show(Title)}, body {Show(Body)}, fields [{string.Join(", ", Fields)}], footer {Show(Footer)}, buttons [{string.Join(", ", Buttons)}], images [{string.Join(", ", Images.Select(Show))}], ephemeral {Ephemeral}";

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        string s => "\"" + s.Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        _ => value.ToString() ?? string.Empty,
    };
}
