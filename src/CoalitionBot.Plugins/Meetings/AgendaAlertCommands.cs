using System.Globalization;
using CoalitionBot.Core.Commands;
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
        return await WithItemAsync(value, taskDrafts, Say("The tasks plugin is off, so no task can be made.", "El plugin de tareas está apagado; no se puede crear la tarea."),
            (row, drafts) => CreateTaskAsync(row, drafts, cancellationToken), cancellationToken);
    }

    private async Task<CommandResult> CreateTaskAsync(AgendaWatchItem row, ITaskDrafts drafts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var start = await MeetingStartAsync(row, cancellationToken);
        if (start is { } began && began <= now)
        {
            return CommandResult.Invalid(Say("That meeting already took place.", "Esa reunión ya pasó."));
        }

        // Public comment sign-up usually closes the day before: due a day ahead, or at the meeting when that is already past.
        DateTimeOffset? due = start is { } at ? (at - TimeSpan.FromDays(1) > now ? at - TimeSpan.FromDays(1) : at) : null;
        var subject = row.MatterFile ?? MeetingCards.Cut(row.Title, 120);
        var title = Say($"Sign up for public comment on {subject}", $"Inscribirse para comentar en público sobre {subject}");
        var number = await drafts.CreateUnassignedAsync(title, due, Context.User, cancellationToken);
        var when = due is { } d ? Markup.Escape(TimeZoneInfo.ConvertTime(d, Context.TimeZone).ToString(Context.IsSpanish ? "dddd d 'de' MMMM, HH:mm" : "dddd, MMMM d, h:mm tt", MeetingCards.Culture(Context.IsSpanish))) : "?";
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Created task **#{number}** “{title}”, due ") + when + Markup.Format($". Nobody does it yet: a lead gives it out with `/task reassign {number} @someone`."),
                Markup.Format($"Tarea **#{number}** creada: “{title}”, vence ") + when + Markup.Format($". Nadie la tiene todavía: un coordinador la asigna con `/task reassign {number} @alguien`.")),
        });
    }

    [Button(AgendaCards.TalkingPointsAction)]
    public async Task<CommandResult> TalkingPointsAsync(string value, CancellationToken cancellationToken = default)
    {
        return await WithItemAsync(value, talkingPoints, Say("The talking points plugin is off.", "El plugin de puntos clave está apagado."),
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
            return CommandResult.Invalid(Say("That agenda item is no longer watched.", "Ese punto de agenda ya no se vigila."));
        }

        return plugins.FirstOrDefault() is { } plugin ? await work(row, plugin) : CommandResult.Invalid(pluginOff);
    }

    private async Task<DateTimeOffset?> MeetingStartAsync(AgendaWatchItem row, CancellationToken cancellationToken)
    {
        var meeting = row.MeetingId is { } meetingId ? await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken) : null;
        return meeting is null ? null : Recurrence.ToInstant(meeting.StartLocal, meeting.TimeZone);
    }

    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
