using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting</c> commands that show what is coming: list, next and show, and the RSVP buttons of meeting cards.</summary>
public sealed class UpcomingMeetingCommands(MeetingsDbContext db, MeetingPlanner planner, TimeProvider clock) : CommandModule
{
    private bool Spanish => Context.IsSpanish;

    [Command("meeting list", "Upcoming meetings", DescriptionEs = "Próximas reuniones")]
    public async Task<CommandResult> ListAsync(
        [Option("How many days ahead (default 14)", MinValue = 1, MaxValue = 120, DescriptionEs = "Cuántos días adelante (por defecto 14)")] int days = 14,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var upcoming = await UpcomingAsync(now, now + TimeSpan.FromDays(days), cancellationToken);
        if (upcoming.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say($"No meetings in the next {days} days. Leads add them with `/meeting add`.", $"No hay reuniones en los próximos {days} días. Los coordinadores las agregan con `/meeting add`."),
                Ephemeral = true,
            });
        }

        return CommandResult.Ok(new Reply
        {
            Title = Say($"Meetings in the next {days} days", $"Reuniones en los próximos {days} días"),
            Bullets = upcoming.Take(25).Select(u => Markup.Format($"{MeetingCards.When(u.Meeting, u.Start, Spanish)} — **#{u.Meeting.Number} {u.Meeting.Title}**{(u.Meeting.Location is null ? string.Empty : " · " + u.Meeting.Location)}")).ToList(),
            Footer = Say("Details and RSVP: `/meeting show <number>`", "Detalles y asistencia: `/meeting show <número>`"),
            Ephemeral = true,
        });
    }

    [Command("meeting next", "The next meeting, with RSVP buttons", DescriptionEs = "La próxima reunión, con botones de asistencia")]
    public async Task<CommandResult> NextAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var next = (await UpcomingAsync(now, now + TimeSpan.FromDays(3660), cancellationToken)).FirstOrDefault();
        return next.Meeting is null
            ? CommandResult.Ok(new Reply { Text = Say("No upcoming meetings.", "No hay reuniones próximas."), Ephemeral = true })
            : CommandResult.Ok(await CardAsync(next.Meeting, next.Start, cancellationToken));
    }

    [Command("meeting show", "One meeting: when, where, agenda and who is going", DescriptionEs = "Una reunión: cuándo, dónde, agenda y quién va")]
    public async Task<CommandResult> ShowAsync(
        [Option("The meeting number", MinValue = 1, DescriptionEs = "El número de la reunión")] int id,
        CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Number == id, cancellationToken);
        if (meeting is null)
        {
            return MeetingCards.NotFound(id, Spanish);
        }

        var now = clock.GetUtcNow();
        var next = Recurrence.Occurrences(meeting, now, now + TimeSpan.FromDays(3660), await planner.SkippedAsync(meeting, cancellationToken)).FirstOrDefault();
        if (next == default)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say(Markup.Format($"#{meeting.Number} {meeting.Title} has no upcoming date{(meeting.Cancelled ? " (cancelled)" : string.Empty)}."),
                    Markup.Format($"#{meeting.Number} {meeting.Title} no tiene fechas próximas{(meeting.Cancelled ? " (cancelada)" : string.Empty)}.")),
                Ephemeral = true,
            });
        }

        return CommandResult.Ok(await CardAsync(meeting, next, cancellationToken));
    }


    [Button(MeetingCards.RsvpAction)]
    public async Task<CommandResult> RsvpAsync(string value, CancellationToken cancellationToken = default)
    {
        var parts = value.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var meetingId)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds) || parts[2] is not ("y" or "n"))
        {
            return CommandResult.Invalid(Say("That button is broken; use `/meeting next`.", "Ese botón no funciona; use `/meeting next`."));
        }

        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        var occurrence = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (meeting is null || meeting.Cancelled || await db.Skips.AnyAsync(s => s.MeetingId == meetingId && s.OccurrenceStart == occurrence, cancellationToken))
        {
            return CommandResult.Invalid(Say("That meeting was cancelled.", "Esa reunión se canceló."));
        }

        if (occurrence < clock.GetUtcNow())
        {
            return CommandResult.Invalid(Say("That meeting already started.", "Esa reunión ya empezó."));
        }

        var going = parts[2] == "y";
        var rsvp = await db.Rsvps.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.OccurrenceStart == occurrence && r.UserId == Context.User.Id, cancellationToken);
        if (rsvp is null)
        {
            rsvp = new Rsvp { MeetingId = meetingId, OccurrenceStart = occurrence, UserId = Context.User.Id };
            db.Rsvps.Add(rsvp);
        }

        rsvp.UserName = Context.User.DisplayName;
        rsvp.Going = going;
        rsvp.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var (yes, no) = await CountsAsync(meeting, occurrence, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = going
                ? Say(Markup.Format($"You're going to **{meeting.Title}** on {MeetingCards.When(meeting, occurrence, false)}. Going: {yes} · Can't go: {no}."),
                    Markup.Format($"Usted va a **{meeting.Title}** el {MeetingCards.When(meeting, occurrence, true)}. Van: {yes} · No pueden: {no}."))
                : Say(Markup.Format($"Noted: you can't make **{meeting.Title}**. Going: {yes} · Can't go: {no}."),
                    Markup.Format($"Anotado: no puede ir a **{meeting.Title}**. Van: {yes} · No pueden: {no}.")),
            Ephemeral = true,
        });
    }

    private async Task<Reply> CardAsync(Meeting meeting, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (yes, no) = await CountsAsync(meeting, occurrence, cancellationToken);
        var fields = new List<ReplyField>
        {
            new(Say("When", "Cuándo"), Markup.Escape($"{MeetingCards.When(meeting, occurrence, Spanish)} — {MeetingCards.Relative(occurrence, now, Spanish)}")),
        };
        if (meeting.Rule is not null)
        {
            // A lead's own words ("every 1st tuesday") as typed; a calendar feed's rule (stored as RRULE:…) in words.
            var repeats = meeting.RuleText is { } typed && !typed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? typed : Recurrence.Describe(meeting.Rule, Spanish);
            fields.Add(new ReplyField(Say("Repeats", "Se repite"), Markup.Escape(repeats), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            fields.Add(new ReplyField(Say("Where", "Lugar"), Markup.Escape(meeting.Location), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Agenda))
        {
            fields.Add(new ReplyField("Agenda", Markup.Escape(meeting.Agenda)));
        }

        if (meeting.SubscriptionId is not null)
        {
            var source = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == meeting.SubscriptionId, cancellationToken);
            var name = source is null ? "?" : $"#{source.Number} {source.Name}";
            fields.Add(new ReplyField(Say("Source", "Origen"), Say(Markup.Format($"from feed {name} (kept in sync; change it at the source)"),
                Markup.Format($"del calendario {name} (se mantiene al día; se cambia en la fuente)"))));
        }

        fields.Add(new ReplyField(Say("RSVPs", "Asistencia"), Say($"Going: {yes} · Can't go: {no}", $"Van: {yes} · No pueden: {no}"), Inline: true));
        fields.Add(new ReplyField(Say("Reminders", "Recordatorios"), MeetingCards.ReminderNote(planner.LeadTimes(meeting), meeting.ChannelId, Spanish)));
        return new Reply
        {
            Title = $"#{meeting.Number} {meeting.Title}",
            Fields = fields,
            Footer = Say("Get ready with `/tp council`.", "Prepárese con `/tp concejo`."),
            Buttons = MeetingCards.RsvpButtons(meeting, occurrence, Spanish),
            Ephemeral = true,
        };
    }

    private async Task<(int Going, int NotGoing)> CountsAsync(Meeting meeting, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var answers = await db.Rsvps.Where(r => r.MeetingId == meeting.Id && r.OccurrenceStart == occurrence).Select(r => r.Going).ToListAsync(cancellationToken);
        return (answers.Count(a => a), answers.Count(a => !a));
    }

    private async Task<List<(Meeting Meeting, DateTimeOffset Start)>> UpcomingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.Where(m => !m.Cancelled).ToListAsync(cancellationToken);
        var skips = (await db.Skips.ToListAsync(cancellationToken)).GroupBy(s => s.MeetingId).ToDictionary(g => g.Key, g => (IReadOnlySet<DateTimeOffset>)g.Select(s => s.OccurrenceStart).ToHashSet());
        return meetings
            .SelectMany(m => Recurrence.Occurrences(m, from, to, skips.GetValueOrDefault(m.Id)).Take(60).Select(o => (m, o)))
            .OrderBy(x => x.o).ThenBy(x => x.m.Number)
            .ToList();
    }


    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
