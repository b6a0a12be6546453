using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>
/// The strings a talking-point answer is written with: those of the language its points are shown in, which is the caller's own
/// unless the <c>lang</c> option (or a shared button) asks for another, so the points and the words around them agree.
/// </summary>
internal sealed class PointVoice(CatalogStringLocalizer strings, string language, LanguageCatalogs? languages, TimeZoneInfo zone)
{
    /// <summary>The language code the points are shown in.</summary>
    public string Language => language;

    public string T(string key, object? arguments = null) => strings.Format(key, arguments);

    /// <summary>When a shipped point was last checked against its sources, from <paramref name="now"/>: "today", "yesterday", "3 weeks ago".</summary>
    public TrustedMarkup Reviewed(DateOnly date, DateTimeOffset now)
    {
        var reader = new Reader(strings, zone, now);
        if (date >= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))
        {
            // Checked today (or dated ahead): "today", never "now" or "in 2 days".
            return new TrustedMarkup(reader.T("time.today"));
        }

        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return reader.Relative(new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)), largest: TimeUnits.Week, smallest: TimeUnits.Day);
    }

    /// <summary>The name of an audience in this language.</summary>
    public string Audience(Audience audience) => T(AudienceNames.LabelKey(audience));

    /// <summary>The key for a point shown in <paramref name="shown"/> rather than this language: the English, Spanish or other-language form.</summary>
    public (string Key, TrustedMarkup Name) OnlyIn(string prefix, string shown) => shown switch
    {
        LanguageCatalogs.English or LanguageCatalogs.Spanish => ($"{prefix}.{shown}", new TrustedMarkup(shown)),
        _ => ($"{prefix}.other", LanguageNames.OwnName(languages, shown)),
    };

    /// <summary>The caller's strings for <paramref name="language"/>; their own when it is their language.</summary>
    public static PointVoice For(CommandContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        var own = context.Strings as CatalogStringLocalizer ?? CatalogStringLocalizer.None;
        return language == context.Language || context.Languages is null
            ? new PointVoice(own, context.Language, context.Languages, context.TimeZone)
            : new PointVoice(new CatalogStringLocalizer(context.Languages, language, LanguageCatalogs.CultureFor(language)), language, context.Languages, context.TimeZone);
    }
}

/// <summary>Turns talking points into neutral replies.</summary>
internal static class TalkingPointCards
{
    public const string ShareAction = "tp.share";
    public const string MoreAction = "tp.more";

    /// <summary>The language codes people may choose, as code (they are typed as they are): <c>`en`, `es`, `ht`</c>.</summary>
    public static TrustedMarkup Codes(LanguageCatalogs? languages) =>
        new(string.Join(", ", LanguageNames.Offered(languages).Split(", ").Select(c => Markup.Format($"`{c}`"))));

    /// <summary>A point's text as markup: the pack's is its authors' own Markdown; a coalition's text is user-supplied and shown literally.</summary>
    public static TrustedMarkup Body(TalkingPoint point, string text) => new(point.IsCustom ? Markup.Escape(text) : text);

    public static Reply Results(PointVoice voice, TalkingPointLibrary library, string heading, string? note, IReadOnlyList<TalkingPoint> points)
    {
        var fields = points.Select((p, i) => Field(voice, p, i)).ToList();
        var buttons = new List<ReplyButton>
        {
            new(ShareAction, voice.T("tp.card.share"), library.Encode(voice.Language, points), ButtonStyle.Primary),
        };
        buttons.AddRange(points.Select((p, i) => new ReplyButton(MoreAction, voice.T("tp.card.more", new { number = i + 1 }), library.Encode(voice.Language, [p]))));
        return new Reply
        {
            Title = heading,
            Text = note,
            Fields = fields,
            Footer = voice.T("tp.card.footer"),
            Buttons = buttons,
            Ephemeral = true,
        };
    }

    public static Reply Shared(CommandContext context, PointVoice voice, IReadOnlyList<TalkingPoint> points) => new()
    {
        Title = voice.T("tp.results.title"),
        Fields = points.Select((p, i) => Field(voice, p, i)).ToList(),
        Footer = voice.T("tp.card.shared", new { person = new TrustedMarkup(context.User.Mention) }),
        Ephemeral = false,
    };

    /// <summary>A point as a numbered field; one written only in another language says so in its title.</summary>
    private static ReplyField Field(PointVoice voice, TalkingPoint point, int index)
    {
        var (shown, text) = point.In(voice.Language);
        var title = Body(point, text.Title);
        var name = shown == voice.Language
            ? voice.T("tp.card.point", new { number = index + 1, title })
            : voice.OnlyIn("tp.card.point.only-in", shown) is var (key, language) ? voice.T(key, new { number = index + 1, title, language }) : null;
        return new ReplyField(name!, Body(point, text.Summary).Value);
    }

    public static Reply Detail(PointVoice voice, TalkingPoint point, DateTimeOffset now, TalkingPointLibrary library)
    {
        var (shown, text) = point.In(voice.Language);
        var body = Body(point, text.Summary).Value + (text.Details is null ? string.Empty : "\n\n" + Body(point, text.Details).Value);
        var fields = new List<ReplyField>();
        if (text.Objection is not null)
        {
            fields.Add(new ReplyField(voice.T("tp.detail.objection"), voice.T("tp.quote", new { text = Body(point, text.Objection) })));
        }

        fields.Add(new ReplyField(voice.T("tp.detail.for"), string.Join(", ", point.Audiences.Select(voice.Audience)), Inline: true));
        // Topic tags are typed as they are (/tp detainers), so they show as code.
        fields.Add(new ReplyField(voice.T("tp.detail.topics"), string.Join(", ", point.Topics.Select(t => Markup.Format($"`{t}`"))), Inline: true));
        var source = point.IsCustom
            ? voice.T("tp.detail.custom", new { id = point.Id })
            : voice.T("tp.detail.source", new { source = Body(point, text.Source), reviewed = point.Reviewed is { } date ? voice.Reviewed(date, now) : new TrustedMarkup(string.Empty), id = point.Id });
        var note = shown == voice.Language ? string.Empty
            : voice.OnlyIn("tp.detail.only-in", shown) is var (key, language) ? voice.T(key, new { language }) + "\n\n" : string.Empty;
        return new Reply
        {
            Title = Body(point, text.Title).Value,
            Text = note + body,
            Fields = fields,
            Footer = source,
            Buttons = [new ReplyButton(ShareAction, voice.T("tp.card.share"), library.Encode(voice.Language, [point]), ButtonStyle.Primary)],
            Ephemeral = true,
        };
    }
}
