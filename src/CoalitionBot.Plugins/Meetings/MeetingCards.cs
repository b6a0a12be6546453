using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Turns meetings into neutral replies, in the reader's language (every text from the meetings catalog).</summary>
internal static class MeetingCards
{
    public const string RsvpAction = "meeting.rsvp";

    /// <summary>"Tuesday, March 3, 6:00 PM (America/Chicago)" in the meeting's zone, as markup.</summary>
    public static string When(Meeting meeting, DateTimeOffset occurrence, Reader reader)
    {
        var local = reader with { Zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone) };
        return meeting.AllDay
            ? reader.T("meetings.when.all-day", new { date = local.Date(occurrence, DateStyle.Weekday) })
            : reader.T("meetings.when.at", new { date = local.Date(occurrence, DateStyle.WeekdayTime), zone = meeting.TimeZone });
    }

    /// <summary>"Tuesday, March 3, 6:00 PM (America/Chicago) — in 2 days", as markup; days are counted in the meeting's zone.</summary>
    public static string WhenFromNow(Meeting meeting, DateTimeOffset occurrence, Reader reader) =>
        reader.T("meetings.when.from-now", new
        {
            when = new TrustedMarkup(When(meeting, occurrence, reader)),
            relative = (reader with { Zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone) }).Relative(occurrence),
        });

    public static IReadOnlyList<ReplyButton> RsvpButtons(Meeting meeting, DateTimeOffset occurrence, Reader reader)
    {
        var at = occurrence.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return
        [
            new ReplyButton(RsvpAction, reader.T("meetings.rsvp.going"), $"{meeting.Id}|{at}|y", ButtonStyle.Success),
            new ReplyButton(RsvpAction, reader.T("meetings.rsvp.not-going"), $"{meeting.Id}|{at}|n"),
        ];
    }

    public static Reply Reminder(Meeting meeting, DateTimeOffset occurrence, TimeSpan lead, Reader reader)
    {
        var fields = new List<ReplyField>();
        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            fields.Add(new ReplyField(reader.T("meetings.card.where"), Markup.Escape(meeting.Location), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Agenda))
        {
            fields.Add(new ReplyField(reader.T("meetings.card.agenda"), Markup.Escape(meeting.Agenda)));
        }

        return new Reply
        {
            Title = reader.T("meetings.reminder.title", new { title = meeting.Title }),
            Text = reader.T("meetings.reminder.text", new { when = new TrustedMarkup(When(meeting, occurrence, reader)), span = reader.Duration(lead, TimeUnits.Week, precision: 2) }),
            Fields = fields,
            Footer = reader.T("meetings.reminder.footer"),
            Buttons = RsvpButtons(meeting, occurrence, reader),
        };
    }

    /// <summary>The late notice the outbox adds to a reminder it sends after its time.</summary>
    public static string LateNotice(Reader reader) => reader.T("meetings.reminder.late");

    /// <summary>"7 days, 1 day before, in #council", or "none": the reminders a meeting gets.</summary>
    public static string ReminderNote(IReadOnlyList<TimeSpan> leads, string? channelId, Reader reader) =>
        leads.Count == 0
            ? reader.T("meetings.reminders.none")
            : reader.T("meetings.reminders.before-in", new { times = Spans(leads, reader), channel = new TrustedMarkup(channelId is null ? "?" : $"<#{channelId}>") });

    /// <summary>The reminder times of an imported calendar or an agenda watch: its own, none, or the plugin's.</summary>
    public static string LeadTimesNote(string? leadMinutes, Reader reader)
    {
        var leads = leadMinutes is null ? null : Recurrence.ReadLeadMinutes(leadMinutes);
        return leads switch
        {
            null => reader.T("meetings.reminders.plugin"),
            [] => reader.T("meetings.reminders.off"),
            _ => reader.T("meetings.reminders.before", new { times = Spans(leads, reader) }),
        };
    }

    /// <summary>When a feed or watch was last read ("2 hours ago", or never) and when it is read next ("in 28 minutes").</summary>
    public static (TrustedMarkup Last, TrustedMarkup Next) Checked(DateTimeOffset? last, DateTimeOffset next, Reader reader) =>
        (last is { } at ? reader.Relative(at) : new TrustedMarkup(reader.T("meetings.checked.never")), reader.Relative(next));

    /// <summary>"ok", or "error: " and the last error as stored (<see cref="CatalogText.Stored"/>), in the reader's language (markup).</summary>
    public static string Health(string? lastError, Reader reader) =>
        lastError is null ? reader.T("meetings.health.ok") : reader.T("meetings.health.error", new { error = CatalogText.FromStored(lastError).Markup(reader.Strings) });

    /// <summary>The answer for a meeting number that does not exist (or was cancelled, for the commands that change one).</summary>
    public static CommandResult NotFound(int id, Reader reader) =>
        CommandResult.NotFound(reader.T("meetings.not-found", new { id }));

    /// <summary>Shortens a text to <paramref name="max"/> characters, ending it with "…" when cut.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Lead times as "7 days, 1 day" in the reader's language, as trusted markup for a sentence.</summary>
    private static TrustedMarkup Spans(IReadOnlyList<TimeSpan> leads, Reader reader) =>
        new(string.Join(reader.T("meetings.join.separator"), leads.Select(l => reader.Duration(l, TimeUnits.Week).Value)));
}
