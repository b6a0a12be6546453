using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The <c>/task</c> commands that move a task on (done, reopen, reassign, cancel) and the Done / Can't do it buttons.</summary>
public sealed class TaskProgressCommands(
    TaskBoard board,
    TaskNotifier notifier,
    TaskInputs inputs,
    TimeProvider clock,
    IEnumerable<IPowerMap> powerMaps) : CommandModule
{
    private bool IsLead => Context.Role >= Role.Lead;

    private Reader Reader => Context.ReaderAt(clock.GetUtcNow());

    [Command("task done", "Mark a task done; a note logs the contact with its stakeholder")]
    public async Task<CommandResult> DoneAsync(
        [Option("The task number, like 12", MaxLength = 12)] string id,
        [Option("What happened, like: she will vote yes", Remainder = true, MaxLength = TaskCommands.NoteMax)] string? note = null,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            DoesItOrLeads,
            t => Context.T("tasks.done.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return CommandResult.Invalid(Context.T("tasks.done.already", new { number = task.Number, status = new TrustedMarkup(TaskCards.Status(task, Reader)) }));
        }

        var logged = await FinishAsync(task, note, cancellationToken);
        return new Reply
        {
            Text = logged.Length == 0
                ? Context.T("tasks.done.answer", new { number = task.Number, title = task.Title })
                : Context.T("tasks.done.answer-logged", new { number = task.Number, title = task.Title, logged = new TrustedMarkup(logged) }),
        };
    }

    [Command("task reopen", "Open a finished task again, maybe with a new due time")]
    public async Task<CommandResult> ReopenAsync(
        [Option("The task number, like 12", MaxLength = 12)] string id,
        [Option("A new due time, like next tuesday 18:00", MaxLength = 100)] string? due = null,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            DoesItOrLeads,
            t => Context.T("tasks.reopen.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status == OutreachTaskStatus.Cancelled)
        {
            return CommandResult.Invalid(Context.T("tasks.reopen.cancelled", new { number = task.Number }));
        }

        var (dueAt, dueError) = inputs.ParseDue(due, Context);
        if (dueError is not null)
        {
            return CommandResult.Invalid(dueError);
        }

        if (task.Status == OutreachTaskStatus.Open && dueAt is null)
        {
            return CommandResult.Invalid(Context.T("tasks.reopen.still-open", new { number = task.Number }));
        }

        task.Status = OutreachTaskStatus.Open;
        task.DoneAt = null;
        task.DoneByName = null;
        task.DoneNote = null;
        task.DueAt = dueAt?.ToUniversalTime() ?? task.DueAt;
        task.UpdatedAt = clock.GetUtcNow();
        await notifier.SaveThenAsync(() => notifier.ReplanAsync(task, cancellationToken), cancellationToken);
        return new Reply
        {
            Text = Context.T("tasks.reopen.answer", new { line = new TrustedMarkup(TaskCards.Line(task, Reader)) }),
        };
    }

    [Command("task reassign", "Give a task to someone else (leads or its creator)")]
    public async Task<CommandResult> ReassignAsync(
        [Option("The task number, like 12", MaxLength = 12)] string id,
        [Option("Who does it now")] UserRef who,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var (task, answer) = await TaskToChangeAsync(
            id,
            CreatedItOrLeads,
            t => Context.T("tasks.reassign.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (!IsLead && who.Id != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.T("tasks.reassign.members-only-self"));
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return CommandResult.Invalid(Context.T("tasks.reassign.closed", new { number = task.Number, status = new TrustedMarkup(TaskCards.Status(task, Reader)) }));
        }

        if (task.AssigneeId == who.Id)
        {
            return CommandResult.Invalid(Context.T("tasks.reassign.same", new { number = task.Number, person = who.Name }));
        }

        task.AssigneeId = who.Id;
        task.AssigneeName = who.Name;
        task.AssignedById = Context.User.Id;
        task.AssignedByName = Context.User.Name;
        task.Revision++;
        task.UpdatedAt = clock.GetUtcNow();
        await notifier.SaveThenAsync(
            async () =>
            {
                await notifier.WithdrawAsync(task, cancellationToken);
                await notifier.AssignedAsync(task, cancellationToken);
            },
            cancellationToken);
        return new Reply
        {
            Text = Context.T("tasks.reassign.answer", new { number = task.Number, title = task.Title, who = new TrustedMarkup(who.Mention) }),
        };
    }

    [Command("task cancel", "Withdraw a task (leads or its creator)")]
    public async Task<CommandResult> CancelAsync(
        [Option("The task number, like 12", MaxLength = 12)] string id,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            CreatedItOrLeads,
            t => Context.T("tasks.cancel.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status == OutreachTaskStatus.Cancelled)
        {
            return CommandResult.Invalid(Context.T("tasks.cancel.already", new { number = task.Number }));
        }

        task.Status = OutreachTaskStatus.Cancelled;
        task.UpdatedAt = clock.GetUtcNow();
        var withdrawn = 0;
        await notifier.SaveThenAsync(async () => withdrawn = await notifier.WithdrawAsync(task, cancellationToken), cancellationToken);
        return new Reply
        {
            Text = Context.T("tasks.cancel.answer", new { number = task.Number, title = task.Title, withdrawn }),
        };
    }

    /// <summary>The task a typed number means, when the caller may change it; else the answer to give: not a number, no such task, or <paramref name="refusal"/>.</summary>
    private async Task<(OutreachTask? Task, CommandResult? Answer)> TaskToChangeAsync(string id, Func<OutreachTask, bool> mayChange, Func<OutreachTask, string> refusal, CancellationToken cancellationToken)
    {
        var (task, missing) = await inputs.FindAsync(id, Context, cancellationToken);
        if (task is null)
        {
            return (null, missing);
        }

        return mayChange(task) ? (task, null) : (null, CommandResult.Forbidden(refusal(task)));
    }

    /// <summary>Whether the caller does the task or is a lead.</summary>
    private bool DoesItOrLeads(OutreachTask task) => IsLead || task.AssigneeId == Context.User.Id;

    /// <summary>Whether the caller created the task or is a lead.</summary>
    private bool CreatedItOrLeads(OutreachTask task) => IsLead || task.CreatedById == Context.User.Id;

    /// <summary>The open task a button on a task's message names, or the answer to give instead: it is gone, the person may not act on it, or it is closed already.</summary>
    private async Task<(OutreachTask? Task, CommandResult? Answer)> PressedOpenTaskAsync(string value, Func<OutreachTask, bool> mayAct, Func<OutreachTask, string> refusal, CancellationToken cancellationToken)
    {
        var task = await ButtonTaskAsync(value, cancellationToken);
        if (task is null)
        {
            return (null, CommandResult.Invalid(Context.T("tasks.button.gone")));
        }

        if (!mayAct(task))
        {
            return (null, CommandResult.Forbidden(refusal(task)));
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return (null, CommandResult.Update(new Reply { Title = TaskCards.Heading(task, Reader), Text = Context.T("tasks.button.already", new { status = new TrustedMarkup(TaskCards.Status(task, Reader)) }) }));
        }

        return (task, null);
    }

    [Button(TaskCards.DoneAction)]
    public async Task<CommandResult> DonePressedAsync(string value, CancellationToken cancellationToken)
    {
        var (task, answer) = await PressedOpenTaskAsync(
            value,
            DoesItOrLeads,
            t => Context.T("tasks.done.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        await FinishAsync(task, null, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Title = TaskCards.Heading(task, Reader),
            Text = Context.T("tasks.button.done.answer", new { number = task.Number }),
        });
    }

    [Button(TaskCards.DeclineAction)]
    public async Task<CommandResult> DeclinePressedAsync(string value, CancellationToken cancellationToken)
    {
        var (task, answer) = await PressedOpenTaskAsync(
            value,
            t => t.AssigneeId == Context.User.Id,
            t => Context.T("tasks.button.decline.not-yours", new { number = t.Number }),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        var assigner = task.AssignedByName;
        task.AssigneeId = null;
        task.AssigneeName = null;
        task.UpdatedAt = clock.GetUtcNow();
        await notifier.SaveThenAsync(
            async () =>
            {
                await notifier.WithdrawAsync(task, cancellationToken);
                await notifier.DeclinedAsync(task, Context.User, cancellationToken);
            },
            cancellationToken);
        var text = string.IsNullOrEmpty(task.AssignedById) || task.AssignedById == Context.User.Id
            ? Context.T("tasks.button.decline.answer")
            : assigner is null
                ? Context.T("tasks.button.decline.answer-lead-told")
                : Context.T("tasks.button.decline.answer-told", new { person = assigner });
        return CommandResult.Update(new Reply
        {
            Title = TaskCards.Heading(task, Reader),
            Text = text,
        });
    }

    private async Task<string> FinishAsync(OutreachTask task, string? note, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        task.Status = OutreachTaskStatus.Done;
        task.DoneAt = clock.GetUtcNow();
        task.DoneByName = Context.User.Name;
        task.DoneNote = text;
        task.UpdatedAt = task.DoneAt.Value;
        await notifier.SaveThenAsync(() => notifier.WithdrawAsync(task, cancellationToken), cancellationToken);
        if (task.StakeholderId is not { } stakeholderId || task.StakeholderName is null)
        {
            return string.Empty;
        }

        if (text is null)
        {
            return Context.T("tasks.done.add-note", new { number = task.Number, stakeholder = task.StakeholderName });
        }

        var powerMap = powerMaps.FirstOrDefault();
        if (powerMap is null)
        {
            return string.Empty;
        }

        // The history keeps the note as it was typed (plain text, not markup).
        var logged = await powerMap.LogContactAsync(stakeholderId, Context.User, Context.T("tasks.done.contact-note", new { number = task.Number, note = new TrustedMarkup(text) }), cancellationToken);
        return !logged
            ? Context.T("tasks.done.stakeholder-gone", new { stakeholder = task.StakeholderName })
            : Context.T("tasks.done.contact-logged", new { stakeholder = task.StakeholderName });
    }

    private async Task<OutreachTask?> ButtonTaskAsync(string value, CancellationToken cancellationToken) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await board.GetAsync(id, cancellationToken) : null;
}
