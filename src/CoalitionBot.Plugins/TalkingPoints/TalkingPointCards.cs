using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using Humanizer;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>Turns talking points into neutral replies.</summary>
internal static class TalkingPointCards
{
    public const string ShareAction = "tp.share";
    public const string MoreAction = "tp.more";

    /// <summary>Pack text is our own Markdown; a coalition's text is user-supplied and shown literally.</summary>
    public static string Body(TalkingPoint point, string text) => point.IsCustom ? Markup.Escape(text) : text;

    public static Reply Results(
        CommandContext context, TalkingPointLibrary library, string heading, string? note, PointLanguage language, IReadOnlyList<TalkingPoint> points)
    {
        var spanish = language == PointLanguage.Es;
        var fields = points.Select((p, i) => Field(p, i, language)).ToList();
        var buttons = new List<ReplyButton>
        {
            new(ShareAction, spanish ? "Compartir en el canal" : "Share in channel", library.Encode(language, points), ButtonStyle.Primary),
        };
        buttons.AddRange(points.Select((p, i) => new ReplyButton(MoreAction, spanish ? $"Más sobre {i + 1}" : $"More on {i + 1}", library.Encode(language, [p]))));
        return new Reply
        {
            Title = heading,
            Text = note,
            Fields = fields,
            Footer = spanish
                ? "Solo usted ve esto. Compártalo con el botón, o vea detalles y fuentes con «Más»."
                : "Only you can see this. Share it with the button, or see details and sources with “More”.",
            Buttons = buttons,
            Ephemeral = true,
        };
    }

    public static Reply Shared(CommandContext context, PointLanguage language, IReadOnlyList<TalkingPoint> points)
    {
        var spanish = language == PointLanguage.Es;
        return new Reply
        {
            Title = spanish ? "Puntos clave" : "Talking points",
            Fields = points.Select((p, i) => Field(p, i, language)).ToList(),
            Footer = spanish
                ? Markup.Format($"Compartido por {new TrustedMarkup(context.User.Mention)} · /tp para más")
                : Markup.Format($"Shared by {new TrustedMarkup(context.User.Mention)} · /tp for more"),
            Ephemeral = false,
        };
    }

    /// <summary>A point as a numbered field; one written only in the other language says so in its title.</summary>
    private static ReplyField Field(TalkingPoint point, int index, PointLanguage language)
    {
        var (shown, text) = point.In(language);
        var note = shown == language ? string.Empty
            : language == PointLanguage.Es ? " (solo en inglés)" : " (only in Spanish)";
        return new ReplyField($"{index + 1}. {text.Title}{note}", Body(point, text.Summary));
    }

    public static Reply Detail(CommandContext context, TalkingPoint point, PointLanguage language, DateTimeOffset now, TalkingPointLibrary library)
    {
        var spanish = language == PointLanguage.Es;
        var (shown, text) = point.In(language);
        var body = Body(point, text.Summary) + (text.Details is null ? string.Empty : "\n\n" + Body(point, text.Details));
        var fields = new List<ReplyField>();
        if (text.Objection is not null)
        {
            fields.Add(new ReplyField(spanish ? "Objeción" : "Objection", Markup.Format($"“{text.Objection}”")));
        }

        fields.Add(new ReplyField(spanish ? "Para" : "For", Markup.Escape(string.Join(", ", point.Audiences.Select(a => AudienceNames.Label(a, spanish)))), Inline: true));
        fields.Add(new ReplyField(spanish ? "Temas" : "Topics", Markup.Escape(string.Join(", ", point.Topics)), Inline: true));
        var culture = CultureInfo.GetCultureInfo(spanish ? "es" : "en");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var reviewed = point.Reviewed switch
        {
            { } date when date >= today => spanish ? "hoy" : "today",
            { } date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                .Humanize(utcDate: true, dateToCompareAgainst: today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), culture: culture),
            null => null,
        };
        var source = point.IsCustom
            ? (spanish ? $"Escrito por la coalición · id {point.Id}" : $"Written by your coalition · id {point.Id}")
            : (spanish ? $"Fuente: {text.Source} · revisado {reviewed} · id {point.Id}" : $"Source: {text.Source} · reviewed {reviewed} · id {point.Id}");
        var note = shown != language
            ? (spanish ? "_Este punto solo está en inglés._\n\n" : "_This point is only in Spanish._\n\n")
            : string.Empty;
        return new Reply
        {
            Title = text.Title,
            Text = note + body,
            Fields = fields,
            Footer = Markup.Escape(source),
            Buttons = [new ReplyButton(ShareAction, spanish ? "Compartir en el canal" : "Share in channel", library.Encode(language, [point]), ButtonStyle.Primary)],
            Ephemeral = true,
        };
    }
}
