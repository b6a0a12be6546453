using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting</c> commands that show what is coming: list, next and show, and the RSVP buttons of meeting cards.</summary>
public sealed class UpcomingMeetingCommands(MeetingsDbContext db, MeetingPlanner planner, TimeProvider clock) : CommandModule
{
    [Command("meeting list", "Upcoming meetings")]
    public async Task<CommandResult> ListAsync(
        [Option("How many days ahead (default 14)", MinValue = 1, MaxValue = 120)] int days = 14,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var reader = Context.ReaderAt(now);
        var upcoming = await UpcomingAsync(now, now + TimeSpan.FromDays(days), cancellationToken);
        if (upcoming.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Context.T("meetings.list.empty", new { days }),
                Ephemeral = true,
            });
        }

        return CommandResult.Ok(new Reply
        {
            Title = Context.T("meetings.list.title", new { days }),
            Bullets = upcoming.Take(25).Select(u => u.Meeting.Location is null
                ? Context.T("meetings.list.item", new { when = new TrustedMarkup(MeetingCards.When(u.Meeting, u.Start, reader)), number = u.Meeting.Number, title = u.Meeting.Title })
                : Context.T("meetings.list.item-at", new { when = new TrustedMarkup(MeetingCards.When(u.Meeting, u.Start, reader)), number = u.Meeting.Number, title = u.Meeting.Title, where = u.Meeting.Location })).ToList(),
            Footer = Context.T("meetings.list.footer"),
            Ephemeral = true,
        });
    }

    [Command("meeting next", "The next meeting, with RSVP buttons")]
    public async Task<CommandResult> NextAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var next = (await UpcomingAsync(now, now + TimeSpan.FromDays(3660), cancellationToken)).FirstOrDefault();
        return next.Meeting is null
            ? CommandResult.Ok(new Reply { Text = Context.T("meetings.next.none"), Ephemeral = true })
            : CommandResult.Ok(await CardAsync(next.Meeting, next.Start, cancellationToken));
    }

    [Command("meeting show", "One meeting: when, where, agenda and who is going")]
    public async Task<CommandResult> ShowAsync(
        [Option("The meeting number", MinValue = 1)] int id,
        CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Number == id, cancellationToken);
        if (meeting is null)
        {
            return MeetingCards.NotFound(id, Context.ReaderAt(clock.GetUtcNow()));
        }

        var now = clock.GetUtcNow();
        var next = Recurrence.Occurrences(meeting, now, now + TimeSpan.FromDays(3660), await planner.SkippedAsync(meeting, cancellationToken)).FirstOrDefault();
        if (next == default)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Context.T(meeting.Cancelled ? "meetings.show.cancelled" : "meetings.show.no-date", new { number = meeting.Number, title = meeting.Title }),
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
            return CommandResult.Invalid(Context.T("meetings.rsvp.broken"));
        }

        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        var occurrence = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (meeting is null || meeting.Cancelled || await db.Skips.AnyAsync(s => s.MeetingId == meetingId && s.OccurrenceStart == occurrence, cancellationToken))
        {
            return CommandResult.Invalid(Context.T("meetings.rsvp.cancelled"));
        }

        if (occurrence < clock.GetUtcNow())
        {
            return CommandResult.Invalid(Context.T("meetings.rsvp.started"));
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
                ? Context.T("meetings.rsvp.yes", new { title = meeting.Title, when = new TrustedMarkup(MeetingCards.When(meeting, occurrence, Context.ReaderAt(clock.GetUtcNow()))), yes, no })
                : Context.T("meetings.rsvp.no", new { title = meeting.Title, yes, no }),
            Ephemeral = true,
        });
    }

    private async Task<Reply> CardAsync(Meeting meeting, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var reader = Context.ReaderAt(clock.GetUtcNow());
        var (yes, no) = await CountsAsync(meeting, occurrence, cancellationToken);
        var fields = new List<ReplyField>
        {
            new(Context.T("meetings.card.when"), MeetingCards.WhenFromNow(meeting, occurrence, reader)),
        };
        if (meeting.Rule is not null)
        {
            // A lead's own words ("every 1st tuesday") as typed; a calendar feed's rule (stored as RRULE:…) in words.
            var repeats = meeting.RuleText is { } typed && !typed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? Markup.Escape(typed) : Recurrence.Describe(meeting.Rule, reader.Strings);
            fields.Add(new ReplyField(Context.T("meetings.card.repeats"), repeats, Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            fields.Add(new ReplyField(Context.T("meetings.card.where"), Markup.Escape(meeting.Location), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Agenda))
        {
            fields.Add(new ReplyField(Context.T("meetings.card.agenda"), Markup.Escape(meeting.Agenda)));
        }

        if (meeting.SubscriptionId is not null)
        {
            var source = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == meeting.SubscriptionId, cancellationToken);
            var name = source is null ? "?" : $"#{source.Number} {source.Name}";
            fields.Add(new ReplyField(Context.T("meetings.card.source"), Context.T("meetings.card.from-feed", new { name })));
        }

        fields.Add(new ReplyField(Context.T("meetings.card.rsvps"), Context.T("meetings.card.rsvp-counts", new { yes, no }), Inline: true));
        fields.Add(new ReplyField(Context.T("meetings.card.reminders"), MeetingCards.ReminderNote(planner.LeadTimes(meeting), meeting.ChannelId, reader)));
        return new Reply
        {
            Title = Context.T("meetings.card.title", new { number = meeting.Number, title = meeting.Title }),
            Fields = fields,
            Footer = Context.T("meetings.card.footer"),
            Buttons = MeetingCards.RsvpButtons(meeting, occurrence, reader),
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

}
