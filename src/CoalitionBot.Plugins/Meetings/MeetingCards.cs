using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Humanizer;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Turns meetings into neutral replies.</summary>
internal static class MeetingCards
{
    public const string RsvpAction = "meeting.rsvp";

    public static CultureInfo Culture(bool spanish) => CultureInfo.GetCultureInfo(spanish ? "es" : "en-US");

    /// <summary>"Tuesday, March 3, 6:00 PM (America/Chicago)" in the meeting's zone.</summary>
    public static string When(Meeting meeting, DateTimeOffset occurrence, bool spanish)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);
        var local = TimeZoneInfo.ConvertTime(occurrence, zone);
        if (meeting.AllDay)
        {
            return spanish
                ? local.ToString("dddd d 'de' MMMM", Culture(true)) + " (todo el día)"
                : local.ToString("dddd, MMMM d", Culture(false)) + " (all day)";
        }

        var text = spanish
            ? local.ToString("dddd d 'de' MMMM, HH:mm", Culture(true))
            : local.ToString("dddd, MMMM d, h:mm tt", Culture(false));
        return $"{text} ({meeting.TimeZone})";
    }

    public static string Relative(DateTimeOffset occurrence, DateTimeOffset now, bool spanish) =>
        occurrence.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: Culture(spanish));

    public static IReadOnlyList<ReplyButton> RsvpButtons(Meeting meeting, DateTimeOffset occurrence, bool spanish)
    {
        var at = occurrence.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return
        [
            new ReplyButton(RsvpAction, spanish ? "Voy" : "Going", $"{meeting.Id}|{at}|y", ButtonStyle.Success),
            new ReplyButton(RsvpAction, spanish ? "No puedo ir" : "Can't go", $"{meeting.Id}|{at}|n"),
        ];
    }

    public static Reply Reminder(Meeting meeting, DateTimeOffset occurrence, TimeSpan lead, bool spanish)
    {
        var fields = new List<ReplyField>();
        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            fields.Add(new ReplyField(spanish ? "Lugar" : "Where", Markup.Escape(meeting.Location), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Agenda))
        {
            fields.Add(new ReplyField(spanish ? "Agenda" : "Agenda", Markup.Escape(meeting.Agenda)));
        }

        var inTime = lead.Humanize(precision: 2, culture: Culture(spanish));
        return new Reply
        {
            Title = (spanish ? "Recordatorio: " : "Reminder: ") + meeting.Title,
            Text = spanish
                ? Markup.Format($"**{When(meeting, occurrence, true)}** — en {inTime}.")
                : Markup.Format($"**{When(meeting, occurrence, false)}** — in {inTime}."),
            Fields = fields,
            Footer = spanish
                ? "Prepárese con `/tp concejo`. ¿Va a ir? Responda con los botones."
                : "Get ready with `/tp council`. Going? Answer with the buttons.",
            Buttons = RsvpButtons(meeting, occurrence, spanish),
        };
    }

    /// <summary>"7 days, 1 day before, in #council", or "none": the reminders a meeting gets.</summary>
    public static string ReminderNote(IReadOnlyList<TimeSpan> leads, string? channelId, bool spanish)
    {
        var culture = Culture(spanish);
        var where = channelId is null ? "?" : $"<#{channelId}>";
        return leads.Count == 0
            ? Say("none", "ninguno", spanish)
            : Say($"{string.Join(", ", leads.Select(l => l.Humanize(culture: culture)))} before, in {where}",
                $"{string.Join(", ", leads.Select(l => l.Humanize(culture: culture)))} antes, en {where}", spanish);
    }

    /// <summary>The reminder times of an imported calendar or an agenda watch: its own, none, or the plugin's.</summary>
    public static string LeadTimesNote(string? leadMinutes, bool spanish)
    {
        var leads = leadMinutes is null ? null : Recurrence.ReadLeadMinutes(leadMinutes);
        return leads switch
        {
            null => Say("the plugin's reminder times", "los recordatorios del plugin", spanish),
            [] => Say("no reminders", "sin recordatorios", spanish),
            _ => Say("reminders ", "recordatorios ", spanish) + string.Join(", ", leads.Select(l => Markup.Escape(l.Humanize(culture: Culture(spanish))))) + Say(" before", " antes", spanish),
        };
    }

    /// <summary>When a feed or watch was last read ("2 hours ago", or never) and when it is read next ("in 28 minutes").</summary>
    public static (string Last, string Next) Checked(DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now, bool spanish)
    {
        var culture = Culture(spanish);
        var lastText = last is { } at ? at.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: culture) : Say("never", "nunca", spanish);
        return (lastText, next.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: culture));
    }

    /// <summary>"ok", or "error: " and the last error, unescaped.</summary>
    public static string Health(string? lastError, bool spanish) =>
        lastError is null ? Say("ok", "sin errores", spanish) : "error: " + lastError;

    /// <summary>The answer for a meeting number that does not exist (or was cancelled, for the commands that change one).</summary>
    public static CommandResult NotFound(int id, bool spanish) =>
        CommandResult.NotFound(Say($"There is no meeting #{id}. See them with `/meeting list`.", $"No existe la reunión #{id}. Véalas con `/meeting list`.", spanish));

    /// <summary>Shortens a text to <paramref name="max"/> characters, ending it with "…" when cut.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Say(string english, string spanish, bool inSpanish) => inSpanish ? spanish : english;
}
