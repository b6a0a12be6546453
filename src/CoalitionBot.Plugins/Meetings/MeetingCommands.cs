using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting</c> commands that schedule and change meetings: add, edit, cancel and agenda.</summary>
public sealed class MeetingCommands(
    MeetingsDbContext db,
    MeetingPlanner planner,
    Outbox outbox,
    TimeProvider clock) : CommandModule
{
    [Command("meeting add", "Schedule a meeting or hearing, with reminders", Role = Role.Lead)]
    public async Task<CommandResult> AddAsync(
        [Option("What it is, like: City council", MaxLength = 120)] string title,
        [Option("When the (first) meeting starts, like 2026-12-01 18:00")] DateTimeOffset when,
        [Option("Where", MaxLength = 200)] string? where = null,
        [Option("The channel for reminders (default: the coalition's reminders channel, else this one)")] ChannelRef? channel = null,
        [Option("How it repeats, like: every 1st and 3rd tuesday", MaxLength = 200)] string? repeat = null,
        [Option("Reminder times before it, like 7d,1d,2h (or none)", MaxLength = 100)] string? remind = null,
        [Option("Agenda text or link", MaxLength = 1000)] string? agenda = null,
        [Option("IANA time zone if not the coalition's, like America/Los_Angeles", MaxLength = 64)] string? zone = null,
        CancellationToken cancellationToken = default)
    {
        var zoneId = zone?.Trim() ?? Context.TimeZone.Id;
        if (CommandContextFactory.FindZone(zoneId) is null)
        {
            return CommandResult.Invalid(Context.T("meetings.add.bad-zone", new { zone = zoneId }));
        }

        // The date was read in the coalition's zone; keep its wall-clock time in the meeting's own zone.
        var local = TimeZoneInfo.ConvertTime(when, Context.TimeZone).DateTime;
        var meeting = new Meeting
        {
            Title = title.Trim(),
            StartLocal = local,
            TimeZone = zoneId,
            Location = where?.Trim(),
            ChannelId = Context.ChannelFor(CoalitionChannel.Reminders, channel)?.Id,
            ChannelName = Context.ChannelFor(CoalitionChannel.Reminders, channel)?.Name,
            Agenda = agenda?.Trim(),
            CreatedBy = Context.User.Name,
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
        };
        var problem = ApplyRepeat(meeting, repeat) ?? ApplyReminders(meeting, remind);
        if (problem is not null)
        {
            return CommandResult.Invalid(problem);
        }

        var first = Recurrence.Occurrences(meeting, clock.GetUtcNow(), clock.GetUtcNow() + TimeSpan.FromDays(3660)).FirstOrDefault();
        if (first == default)
        {
            return CommandResult.Invalid(Context.T("meetings.add.past"));
        }

        meeting.Number = (await db.Meetings.MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0) + 1;
        db.Meetings.Add(meeting);
        await outbox.SaveThenAsync(db, () => planner.PlanAsync(meeting, cancellationToken), cancellationToken);
        var reader = Context.ReaderAt(clock.GetUtcNow());
        var firstTime = new TrustedMarkup(MeetingCards.When(meeting, first, reader));
        var reminders = new TrustedMarkup(MeetingCards.ReminderNote(planner.LeadTimes(meeting), meeting.ChannelId, reader));
        return CommandResult.Ok(new Reply
        {
            Text = meeting.RuleText is null
                ? Context.T("meetings.add.done", new { number = meeting.Number, title = meeting.Title, when = firstTime })
                : Context.T("meetings.add.done-repeating", new { number = meeting.Number, title = meeting.Title, when = firstTime, repeat = meeting.RuleText }),
            Fields = [new ReplyField(Context.T("meetings.card.reminders"), channel is null && Context.HasCoalitionChannel(CoalitionChannel.Reminders)
                ? Context.T("meetings.add.reminders-coalition-channel", new { reminders })
                : reminders.Value)],
        });
    }


    [Command("meeting edit", "Change a meeting", Role = Role.Lead)]
    public async Task<CommandResult> EditAsync(
        [Option("The meeting number", MinValue = 1)] int id,
        [Option("New title", MaxLength = 120)] string? title = null,
        [Option("New start")] DateTimeOffset? when = null,
        [Option("New place", MaxLength = 200)] string? where = null,
        [Option("New reminder channel")] ChannelRef? channel = null,
        [Option("New repeat, or none", MaxLength = 200)] string? repeat = null,
        [Option("New reminder times, like 1d,2h", MaxLength = 100)] string? remind = null,
        [Option("New agenda text or link", MaxLength = 1000)] string? agenda = null,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return MeetingCards.NotFound(id, Context.ReaderAt(clock.GetUtcNow()));
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (title is null && when is null && where is null && channel is null && repeat is null && remind is null && agenda is null)
        {
            return CommandResult.Invalid(Context.T("meetings.edit.nothing"));
        }

        var problem = (repeat is null ? null : ApplyRepeat(meeting, repeat)) ?? (remind is null ? null : ApplyReminders(meeting, remind));
        if (problem is not null)
        {
            return CommandResult.Invalid(problem);
        }

        meeting.Title = title?.Trim() ?? meeting.Title;
        meeting.Location = where?.Trim() ?? meeting.Location;
        meeting.Agenda = agenda?.Trim() ?? meeting.Agenda;
        if (channel is not null)
        {
            meeting.ChannelId = channel.Id;
            meeting.ChannelName = channel.Name;
        }

        if (when is { } start)
        {
            meeting.StartLocal = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone)).DateTime;
        }

        meeting.UpdatedAt = clock.GetUtcNow();
        await SaveAndReplanAsync(meeting, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Context.T("meetings.edit.done", new { number = meeting.Number }),
        });
    }

    [Command("meeting cancel", "Cancel a meeting, or one date of a recurring one", Role = Role.Lead)]
    public async Task<CommandResult> CancelAsync(
        [Option("The meeting number", MinValue = 1)] int id,
        [Option("Only this date, like 2026-12-15")] DateTimeOffset? date = null,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return MeetingCards.NotFound(id, Context.ReaderAt(clock.GetUtcNow()));
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (date is null)
        {
            meeting.Cancelled = true;
            meeting.UpdatedAt = clock.GetUtcNow();
            var withdrawn = 0;
            await outbox.SaveThenAsync(db, async () => withdrawn = await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken), cancellationToken);
            return CommandResult.Ok(new Reply
            {
                Text = Context.T("meetings.cancel.done", new { number = meeting.Number, title = meeting.Title, withdrawn }),
            });
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(date.Value, Context.TimeZone).DateTime);
        var dayStart = Recurrence.ToInstant(day.ToDateTime(TimeOnly.MinValue), meeting.TimeZone);
        var occurrence = Recurrence.Occurrences(meeting, dayStart, dayStart + TimeSpan.FromDays(1))
            .FirstOrDefault(o => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o, zone).DateTime) == day);
        if (occurrence == default)
        {
            return CommandResult.Invalid(Context.T("meetings.cancel.no-such-date", new { number = meeting.Number, date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        }

        if (!await db.Skips.AnyAsync(s => s.MeetingId == meeting.Id && s.OccurrenceStart == occurrence, cancellationToken))
        {
            db.Skips.Add(new MeetingSkip { MeetingId = meeting.Id, OccurrenceStart = occurrence, SkippedBy = Context.User.Name, SkippedAt = clock.GetUtcNow() });
        }

        await outbox.SaveThenAsync(db, () => outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting, occurrence), cancellationToken), cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Context.T("meetings.cancel.date-done", new { number = meeting.Number, title = meeting.Title, when = new TrustedMarkup(MeetingCards.When(meeting, occurrence, Context.ReaderAt(clock.GetUtcNow()))) }),
        });
    }

    [Command("meeting agenda", "Set a meeting's agenda (text or link)", Role = Role.Lead)]
    public async Task<CommandResult> AgendaAsync(
        [Option("The meeting number", MinValue = 1)] int id,
        [Option("The agenda text or link", Remainder = true, MaxLength = 1000)] string agenda,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return MeetingCards.NotFound(id, Context.ReaderAt(clock.GetUtcNow()));
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        meeting.Agenda = agenda.Trim();
        meeting.UpdatedAt = clock.GetUtcNow();

        // Pending reminders carry the agenda, so they are rewritten with it.
        await SaveAndReplanAsync(meeting, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("meetings.agenda.done", new { number = meeting.Number }) });
    }


    /// <summary>Refuses a hand edit of an imported meeting: the feed is its source, and the next refresh would undo the edit.</summary>
    private async Task<CommandResult?> ImportedAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        if (meeting.WatchId is { } watchId)
        {
            var watch = await db.Watches.AsNoTracking().FirstOrDefaultAsync(w => w.Id == watchId, cancellationToken);
            var source = watch is null ? "?" : $"#{watch.Number} {watch.Client}";
            return CommandResult.Invalid(Context.T("meetings.imported.from-watch", new { number = meeting.Number, source }));
        }

        if (meeting.SubscriptionId is null)
        {
            return null;
        }

        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == meeting.SubscriptionId, cancellationToken);
        var name = subscription is null ? "?" : $"#{subscription.Number} {subscription.Name}";
        return CommandResult.Invalid(Context.T("meetings.imported.from-feed", new { number = meeting.Number, name }));
    }

    private Task<Meeting?> FindAsync(int number, CancellationToken cancellationToken) =>
        db.Meetings.FirstOrDefaultAsync(m => m.Number == number, cancellationToken);


    private string? ApplyRepeat(Meeting meeting, string? repeat)
    {
        if (repeat is null || repeat.Trim() is "none" or "no" or "never" or "nunca")
        {
            meeting.Rule = null;
            meeting.RuleText = null;
            return null;
        }

        var rule = Recurrence.Parse(repeat, out var error);
        if (rule is null)
        {
            return error!.In(Context.Strings);
        }

        meeting.Rule = rule;
        meeting.RuleText = repeat.Trim();
        return null;
    }

    private string? ApplyReminders(Meeting meeting, string? remind)
    {
        if (remind is null)
        {
            return null;
        }

        if (Recurrence.ParseLeadMinutes(remind, out var error) is not { } minutes)
        {
            return error!.In(Context.Strings);
        }

        meeting.LeadMinutes = minutes;
        return null;
    }

    /// <summary>Saves the meeting's change and rewrites its pending reminders in one transaction: both or neither.</summary>
    private Task SaveAndReplanAsync(Meeting meeting, CancellationToken cancellationToken) =>
        outbox.SaveThenAsync(db, () => planner.ReplanAsync(meeting, cancellationToken), cancellationToken);

}
