using System.Globalization;
using CoalitionBot.Core.Localization;
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

    public static Reply Alert(AgendaAlert alert, Reader reader)
    {
        var body = alert.Event.EventBodyName ?? "Legistar";
        var meeting = alert.Meeting ?? new Meeting { Title = body, TimeZone = alert.Watch.TimeZone };
        var title = reader.T(alert.Kind switch
        {
            AgendaAlertKind.New => "meetings.alert.new",
            AgendaAlertKind.Updated => "meetings.alert.updated",
            _ => "meetings.alert.removed",
        }, new { body });
        var item = alert.Item;
        var text = item is not null && alert.Hit is { } hit
            ? AgendaKeywords.Highlight(alert.Row.Title, hit)
            : Markup.Escape(alert.Row.Title);
        var fields = new List<ReplyField> { new(reader.T("meetings.alert.meeting"), MeetingCards.WhenFromNow(meeting, alert.Start, reader with { Now = alert.Now })) };
        var file = item is null
            ? Markup.Escape(alert.Row.MatterFile)
            : string.Join(" · ", new[]
            {
                Markup.Escape(item.EventItemMatterFile), Markup.Escape(item.EventItemMatterType),
                item.EventItemAgendaNumber is { Length: > 0 } n ? reader.T("meetings.alert.item-number", new { number = n }) : null,
            }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (!string.IsNullOrWhiteSpace(file))
        {
            fields.Add(new ReplyField(reader.T("meetings.alert.file"), file, Inline: true));
        }

        if (item?.EventItemMatterName is { Length: > 0 } name && name != alert.Row.Title)
        {
            fields.Add(new ReplyField(reader.T("meetings.alert.matter"), Markup.Escape(name)));
        }

        if (alert.Kind != AgendaAlertKind.Removed)
        {
            fields.Add(new ReplyField(reader.T("meetings.alert.why"), reader.T("meetings.alert.mentions", new { keyword = alert.Row.Keyword }), Inline: true));
        }

        if (Link(alert.Watch.Client, alert.Event, item) is { } link)
        {
            fields.Add(new ReplyField(reader.T("meetings.alert.link"), link));
        }

        return new Reply
        {
            Title = title,
            Text = alert.Kind == AgendaAlertKind.Removed ? reader.T("meetings.alert.no-longer", new { item = new TrustedMarkup(text) }) : text,
            Fields = fields,
            Footer = alert.Kind == AgendaAlertKind.Removed
                ? null
                : reader.T("meetings.alert.footer", new { number = alert.Watch.Number, client = alert.Watch.Client }),
            Buttons = alert.Kind == AgendaAlertKind.Removed
                ? []
                :
                [
                    new ReplyButton(TaskAction, reader.T("meetings.alert.create-task"), alert.Row.Id.ToString(CultureInfo.InvariantCulture), ButtonStyle.Primary),
                    new ReplyButton(TalkingPointsAction, reader.T("meetings.alert.talking-points"), alert.Row.Id.ToString(CultureInfo.InvariantCulture)),
                ],
        };
    }

    public static Reply MatterScheduled(AgendaWatch watch, LegistarMatter matter, Reader reader)
    {
        var date = LegistarClient.LocalStart(matter.MatterAgendaDate, null) is { } start
            ? (reader with { Zone = TimeZoneInfo.Utc }).Date(new DateTimeOffset(DateTime.SpecifyKind(start.Local, DateTimeKind.Unspecified), TimeSpan.Zero), DateStyle.Day)
            : new TrustedMarkup(Markup.Escape(matter.MatterAgendaDate));
        return MatterReply(watch, matter, reader, matter.MatterBodyName is null
            ? reader.T("meetings.matter.scheduled", new { date })
            : reader.T("meetings.matter.scheduled-body", new { date, body = matter.MatterBodyName }));
    }

    public static Reply MatterStatus(AgendaWatch watch, LegistarMatter matter, string before, Reader reader) =>
        MatterReply(watch, matter, reader, reader.T("meetings.matter.status", new { before, after = matter.MatterStatusName }));

    public static Reply MatterVote(AgendaWatch watch, LegistarMatter matter, LegistarMatterHistory vote, Reader reader) =>
        MatterReply(watch, matter, reader, vote.MatterHistoryPassedFlagName is { Length: > 0 } passed
            ? reader.T("meetings.matter.vote-outcome", new { body = vote.MatterHistoryActionBodyName, action = vote.MatterHistoryActionName, outcome = passed, tally = vote.MatterHistoryTally })
            : reader.T("meetings.matter.vote", new { body = vote.MatterHistoryActionBodyName, action = vote.MatterHistoryActionName, tally = vote.MatterHistoryTally }));

    private static Reply MatterReply(AgendaWatch watch, LegistarMatter matter, Reader reader, string text) => new()
    {
        Title = reader.T("meetings.matter.title", new { file = matter.MatterFile ?? watch.MatterFile }),
        Text = text,
        Fields = [new ReplyField(reader.T("meetings.matter.subject"), Markup.Escape(matter.MatterTitle ?? matter.MatterName ?? string.Empty))],
        Footer = reader.T("meetings.matter.footer", new { number = watch.Number, client = watch.Client }),
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

    /// <summary>A watch's settings: bodies, keywords, channel, reminders and whether it has a token (markup).</summary>
    public static string Settings(AgendaWatch w, Reader reader)
    {
        var bodies = w.BodyNames is null ? reader.T("meetings.watch.every-body") : Markup.Escape(w.BodyNames.Replace("|", ", ", StringComparison.Ordinal));
        var words = AgendaKeywords.Of(w.Keywords).Words;
        var keywords = w.Keywords is null
            ? reader.T("meetings.watch.default-keywords", new { words = string.Join(", ", words.Take(6)) })
            : reader.T("meetings.watch.keywords", new { words = string.Join(", ", words) });
        var where = w.ChannelId is null ? reader.T("meetings.watch.no-channel") : $"<#{w.ChannelId}>";
        var remind = MeetingCards.LeadTimesNote(w.LeadMinutes, reader);
        return reader.T(w.ProtectedToken is null ? "meetings.watch.settings" : "meetings.watch.settings-token", new
        {
            bodies = new TrustedMarkup(bodies), keywords = new TrustedMarkup(keywords), channel = new TrustedMarkup(where), reminders = new TrustedMarkup(remind),
        });
    }
}
