using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The Create task and Talking points buttons of agenda watch alerts.</summary>
public sealed class AgendaAlertCommands(
    MeetingsDbContext db,
    TimeProvider clock,
    IEnumerable<ITaskDrafts> taskDrafts,
    IEnumerable<ICouncilTalkingPoints> talkingPoints) : CommandModule
{
    [Button(AgendaCards.TaskAction)]
    public async Task<CommandResult> CreateTaskAsync(string value, CancellationToken cancellationToken = default)
    {
        return await WithItemAsync(value, taskDrafts, Context.T("meetings.alert.tasks-off"),
            (row, drafts) => CreateTaskAsync(row, drafts, cancellationToken), cancellationToken);
    }

    private async Task<CommandResult> CreateTaskAsync(AgendaWatchItem row, ITaskDrafts drafts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var start = await MeetingStartAsync(row, cancellationToken);
        if (start is { } began && began <= now)
        {
            return CommandResult.Invalid(Context.T("meetings.alert.meeting-past"));
        }

        // Public comment sign-up usually closes the day before: due a day ahead, or at the meeting when that is already past.
        DateTimeOffset? due = start is { } at ? (at - TimeSpan.FromDays(1) > now ? at - TimeSpan.FromDays(1) : at) : null;
        var subject = row.MatterFile ?? MeetingCards.Cut(row.Title, 120);

        // The task's title is plain text (the tasks plugin escapes it where it shows it), so the subject goes in unescaped.
        var title = Context.T("meetings.alert.task-title", new { subject = new TrustedMarkup(subject) });
        var number = await drafts.CreateUnassignedAsync(title, due, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = due is { } d
                ? Context.T("meetings.alert.task-created", new { number, title, due = Context.ReaderAt(now).Date(d, DateStyle.WeekdayTime) })
                : Context.T("meetings.alert.task-created-undated", new { number, title }),
        });
    }

    [Button(AgendaCards.TalkingPointsAction)]
    public async Task<CommandResult> TalkingPointsAsync(string value, CancellationToken cancellationToken = default)
    {
        return await WithItemAsync(value, talkingPoints, Context.T("meetings.alert.tp-off"),
            async (row, points) => CommandResult.Ok(await points.ForCouncilAsync(row.Keyword, Context, cancellationToken)), cancellationToken);
    }

    /// <summary>Runs a button's work on the agenda item it names, with the plugin that does it; answers plainly when either is gone.</summary>
    private async Task<CommandResult> WithItemAsync<TPlugin>(string value, IEnumerable<TPlugin> plugins, string pluginOff,
        Func<AgendaWatchItem, TPlugin, Task<CommandResult>> work, CancellationToken cancellationToken)
    {
        var row = long.TryParse(value, CultureInfo.InvariantCulture, out var rowId)
            ? await db.WatchItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == rowId, cancellationToken)
            : null;
        if (row is null)
        {
            return CommandResult.Invalid(Context.T("meetings.alert.item-gone"));
        }

        return plugins.FirstOrDefault() is { } plugin ? await work(row, plugin) : CommandResult.Invalid(pluginOff);
    }

    private async Task<DateTimeOffset?> MeetingStartAsync(AgendaWatchItem row, CancellationToken cancellationToken)
    {
        var meeting = row.MeetingId is { } meetingId ? await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken) : null;
        return meeting is null ? null : Recurrence.ToInstant(meeting.StartLocal, meeting.TimeZone);
    }
}
