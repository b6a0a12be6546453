using System.Globalization;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Why an agenda alert is posted.</summary>
public enum AgendaAlertKind
{
    New,
    Updated,
    Removed,
}

/// <summary>Everything an agenda alert shows.</summary>
public sealed record AgendaAlert(
    AgendaAlertKind Kind,
    AgendaWatch Watch,
    LegistarEvent Event,
    DateTimeOffset Start,
    Meeting? Meeting,
    AgendaWatchItem Row,
    LegistarEventItem? Item,
    KeywordHit? Hit,
    DateTimeOffset Now);

/// <summary>Turns agenda watch findings into neutral replies, in the coalition's language.</summary>
internal static class AgendaCards
{
    public const string TaskAction = "meeting.agenda.task";
    public const string TalkingPointsAction = "meeting.agenda.tp";

    public static Reply Alert(AgendaAlert alert, bool spanish)
    {
        var body = alert.Event.EventBodyName ?? "Legistar";
        var meeting = alert.Meeting ?? new Meeting { Title = body, TimeZone = alert.Watch.TimeZone };
        var when = MeetingCards.When(meeting, alert.Start, spanish) + " — " + MeetingCards.Relative(alert.Start, alert.Now, spanish);
        var title = alert.Kind switch
        {
            AgendaAlertKind.New => (spanish ? "En la agenda: " : "On the agenda: ") + body,
            AgendaAlertKind.Updated => (spanish ? "Punto de agenda actualizado: " : "Agenda item updated: ") + body,
            _ => (spanish ? "Retirado de la agenda: " : "Removed from the agenda: ") + body,
        };
        var item = alert.Item;
        var text = item is not null && alert.Hit is { } hit
            ? AgendaKeywords.Highlight(alert.Row.Title, hit)
            : Markup.Escape(alert.Row.Title);
        var fields = new List<ReplyField> { new(spanish ? "Reunión" : "Meeting", Markup.Escape(when)) };
        var file = item is null
            ? alert.Row.MatterFile
            : string.Join(" · ", new[] { item.EventItemMatterFile, item.EventItemMatterType, item.EventItemAgendaNumber is { Length: > 0 } n ? (spanish ? "punto " : "item ") + n : null }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (!string.IsNullOrWhiteSpace(file))
        {
            fields.Add(new ReplyField(spanish ? "Expediente" : "File", Markup.Escape(file), Inline: true));
        }

        if (item?.EventItemMatterName is { Length: > 0 } name && name != alert.Row.Title)
        {
            fields.Add(new ReplyField(spanish ? "Asunto" : "Matter", Markup.Escape(name)));
        }

        if (alert.Kind != AgendaAlertKind.Removed)
        {
            fields.Add(new ReplyField(spanish ? "Por qué" : "Why", spanish
                ? "contiene " + Markup.Bold(alert.Row.Keyword)
                : "mentions " + Markup.Bold(alert.Row.Keyword), Inline: true));
        }

        if (Link(alert.Watch.Client, alert.Event, item) is { } link)
        {
            fields.Add(new ReplyField(spanish ? "Enlace" : "Link", link));
        }

        return new Reply
        {
            Title = title,
            Text = alert.Kind == AgendaAlertKind.Removed
                ? (spanish ? "Este punto ya no está en la agenda: " : "This item is no longer on the agenda: ") + text
                : text,
            Fields = fields,
            Footer = alert.Kind == AgendaAlertKind.Removed
                ? null
                : spanish
                    ? Markup.Format($"Vigilancia #{alert.Watch.Number} ({alert.Watch.Client}). Inscríbase para comentar en público antes de la reunión.")
                    : Markup.Format($"Watch #{alert.Watch.Number} ({alert.Watch.Client}). Sign up for public comment before the meeting."),
            Buttons = alert.Kind == AgendaAlertKind.Removed
                ? []
                :
                [
                    new ReplyButton(TaskAction, spanish ? "Crear tarea" : "Create task", alert.Row.Id.ToString(CultureInfo.InvariantCulture), ButtonStyle.Primary),
                    new ReplyButton(TalkingPointsAction, spanish ? "Puntos clave" : "Talking points", alert.Row.Id.ToString(CultureInfo.InvariantCulture)),
                ],
        };
    }

    public static Reply MatterScheduled(AgendaWatch watch, LegistarMatter matter, bool spanish)
    {
        var date = LegistarClient.LocalStart(matter.MatterAgendaDate, null)?.Local.ToString(spanish ? "dddd d 'de' MMMM yyyy" : "dddd, MMMM d, yyyy", MeetingCards.Culture(spanish)) ?? matter.MatterAgendaDate;
        return MatterReply(watch, matter, spanish,
            spanish ? Markup.Format($"En la agenda del {date}{(matter.MatterBodyName is null ? string.Empty : " · " + matter.MatterBodyName)}.")
                : Markup.Format($"On the agenda for {date}{(matter.MatterBodyName is null ? string.Empty : " · " + matter.MatterBodyName)}."));
    }

    public static Reply MatterStatus(AgendaWatch watch, LegistarMatter matter, string before, bool spanish) =>
        MatterReply(watch, matter, spanish, spanish
            ? Markup.Format($"Estado: {before} → **{matter.MatterStatusName}**")
            : Markup.Format($"Status: {before} → **{matter.MatterStatusName}**"));

    public static Reply MatterVote(AgendaWatch watch, LegistarMatter matter, LegistarMatterHistory vote, bool spanish)
    {
        var outcome = vote.MatterHistoryPassedFlagName is { Length: > 0 } passed ? $" ({passed})" : string.Empty;
        return MatterReply(watch, matter, spanish, spanish
            ? Markup.Format($"Votación: {vote.MatterHistoryActionBodyName} — {vote.MatterHistoryActionName}{outcome}, **{vote.MatterHistoryTally}**")
            : Markup.Format($"Vote: {vote.MatterHistoryActionBodyName} — {vote.MatterHistoryActionName}{outcome}, **{vote.MatterHistoryTally}**"));
    }

    private static Reply MatterReply(AgendaWatch watch, LegistarMatter matter, bool spanish, string text) => new()
    {
        Title = (spanish ? "Expediente " : "Matter ") + (matter.MatterFile ?? watch.MatterFile),
        Text = text,
        Fields = [new ReplyField(spanish ? "Asunto" : "Title", Markup.Escape(matter.MatterTitle ?? matter.MatterName ?? string.Empty))],
        Footer = spanish
            ? Markup.Format($"Seguimiento #{watch.Number} ({watch.Client}); `/meeting unwatch {watch.Number}` lo detiene.")
            : Markup.Format($"Follow-up #{watch.Number} ({watch.Client}); `/meeting unwatch {watch.Number}` stops it."),
    };

    /// <summary>The item's legislation page when its matter is known, else the meeting's page or agenda, as a markup link.</summary>
    private static string? Link(string client, LegistarEvent evt, LegistarEventItem? item)
    {
        var site = Uri.TryCreate(evt.EventInSiteURL, UriKind.Absolute, out var inSite) ? $"{inSite.Scheme}://{inSite.Authority}" : $"https://{client}.legistar.com";
        var url = item is { EventItemMatterId: { } id, EventItemMatterGuid: { Length: > 0 } guid }
            ? $"{site}/LegislationDetail.aspx?ID={id.ToString(CultureInfo.InvariantCulture)}&GUID={Uri.EscapeDataString(guid)}"
            : evt.EventInSiteURL ?? evt.EventAgendaFile;
        return url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !url.AsSpan().ContainsAny("()<> ")
            ? $"[{Markup.Escape(uri.Host)}]({url})"
            : null;
    }

    /// <summary>A watch's settings: bodies, keywords, channel, reminders and whether it has a token.</summary>
    public static string Settings(AgendaWatch w, bool spanish)
    {
        var bodies = w.BodyNames is null ? Say("every body", "todos los órganos", spanish) : Markup.Escape(w.BodyNames.Replace("|", ", ", StringComparison.Ordinal));
        var words = AgendaKeywords.Of(w.Keywords).Words;
        var keywords = w.Keywords is null
            ? Say("default keywords", "palabras por defecto", spanish) + Markup.Format($" ({string.Join(", ", words.Take(6))}, …)")
            : Say("keywords ", "palabras ", spanish) + Markup.Format($"{string.Join(", ", words)}");
        var where = w.ChannelId is null ? Say("no channel", "sin canal", spanish) : $"<#{w.ChannelId}>";
        var remind = MeetingCards.LeadTimesNote(w.LeadMinutes, spanish);
        var token = w.ProtectedToken is null ? string.Empty : Say(" · token saved (encrypted)", " · token guardado (cifrado)", spanish);
        return bodies + " · " + keywords + " → " + where + " · " + remind + token;
    }

    private static string Say(string english, string spanish, bool inSpanish) => inSpanish ? spanish : english;
}
