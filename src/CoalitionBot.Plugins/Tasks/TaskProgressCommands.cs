using System.Globalization;
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

    private TaskReader Reader => TaskReader.For(Context, clock.GetUtcNow());

    [Command("task done", "Mark a task done; a note logs the contact with its stakeholder", DescriptionEs = "Marcar una tarea como hecha; una nota registra el contacto con su actor")]
    public async Task<CommandResult> DoneAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        [Option("What happened, like: she will vote yes", Remainder = true, MaxLength = TaskCommands.NoteMax, DescriptionEs = "Qué pasó, como: votará a favor")] string? note = null,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            DoesItOrLeads,
            t => Context.Say($"Only the person doing #{t.Number} or a lead can mark it done.", $"Solo la persona a cargo de la #{t.Number} o un coordinador puede marcarla como hecha."),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} is already {TaskCards.Status(task, Reader)}.", $"La #{task.Number} ya está {TaskCards.Status(task, Reader)}."));
        }

        var logged = await FinishAsync(task, note, cancellationToken);
        return new Reply
        {
            Text = Context.Say("Done: ", "Hecha: ") + Markup.Format($"**#{task.Number}** {task.Title}. ") + logged,
        };
    }

    [Command("task reopen", "Open a finished task again, maybe with a new due time", DescriptionEs = "Volver a abrir una tarea terminada, quizá con una nueva fecha límite")]
    public async Task<CommandResult> ReopenAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        [Option("A new due time, like next tuesday 18:00", MaxLength = 100, DescriptionEs = "Una nueva fecha límite, como el próximo martes a las 18:00")] string? due = null,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            DoesItOrLeads,
            t => Context.Say($"Only the person doing #{t.Number} or a lead can reopen it.", $"Solo la persona a cargo de la #{t.Number} o un coordinador puede volver a abrirla."),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status == OutreachTaskStatus.Cancelled)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} was cancelled; assign a new task instead.", $"La #{task.Number} fue cancelada; asigne una tarea nueva."));
        }

        var (dueAt, dueError) = inputs.ParseDue(due, Context);
        if (dueError is not null)
        {
            return CommandResult.Invalid(dueError);
        }

        if (task.Status == OutreachTaskStatus.Open && dueAt is null)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} is still open. To move its due time: `/task reopen {task.Number} due:\"next tuesday 18:00\"`.",
                $"La #{task.Number} sigue abierta. Para cambiar la fecha límite: `/task reopen {task.Number} due:\"el próximo martes a las 18:00\"`."));
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
            Text = Context.Say("Open again: ", "Abierta otra vez: ") + TaskCards.Line(task, Reader) + ".",
        };
    }

    [Command("task reassign", "Give a task to someone else (leads or its creator)", DescriptionEs = "Dar una tarea a otra persona (coordinadores o quien la creó)")]
    public async Task<CommandResult> ReassignAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        [Option("Who does it now", DescriptionEs = "Quién la hace ahora")] UserRef who,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var (task, answer) = await TaskToChangeAsync(
            id,
            CreatedItOrLeads,
            t => Context.Say($"Only leads or whoever created #{t.Number} can reassign it.", $"Solo los coordinadores o quien creó la #{t.Number} pueden reasignarla."),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (!IsLead && who.Id != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say("Members can give tasks only to themselves; ask a lead to give it to someone else.", "Los miembros solo pueden asignarse tareas a sí mismos; pida a un coordinador que la asigne a otra persona."));
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} is {TaskCards.Status(task, Reader)}; reopen it first.", $"La #{task.Number} está {TaskCards.Status(task, Reader)}; vuelva a abrirla primero."));
        }

        if (task.AssigneeId == who.Id)
        {
            return CommandResult.Invalid(Context.Say(Markup.Format($"#{task.Number} is already {who.Name}'s."), Markup.Format($"La #{task.Number} ya está asignada a {who.Name}.")));
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
            Text = Context.Say("Reassigned ", "Reasignada ") + Markup.Format($"**#{task.Number}** {task.Title} → ") + who.Mention + ".",
        };
    }

    [Command("task cancel", "Withdraw a task (leads or its creator)", DescriptionEs = "Retirar una tarea (coordinadores o quien la creó)")]
    public async Task<CommandResult> CancelAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        CancellationToken cancellationToken = default)
    {
        var (task, answer) = await TaskToChangeAsync(
            id,
            CreatedItOrLeads,
            t => Context.Say($"Only leads or whoever created #{t.Number} can cancel it.", $"Solo los coordinadores o quien creó la #{t.Number} pueden cancelarla."),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        if (task.Status == OutreachTaskStatus.Cancelled)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} is already cancelled.", $"La #{task.Number} ya está cancelada."));
        }

        task.Status = OutreachTaskStatus.Cancelled;
        task.UpdatedAt = clock.GetUtcNow();
        var withdrawn = 0;
        await notifier.SaveThenAsync(async () => withdrawn = await notifier.WithdrawAsync(task, cancellationToken), cancellationToken);
        return new Reply
        {
            Text = Context.Say("Cancelled ", "Cancelada ") + Markup.Format($"**#{task.Number}** {task.Title}")
                + Context.Say($"; {withdrawn} reminder(s) withdrawn.", $"; recordatorios retirados: {withdrawn}."),
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
            return (null, CommandResult.Invalid(Context.Say("That task no longer exists.", "Esa tarea ya no existe.")));
        }

        if (!mayAct(task))
        {
            return (null, CommandResult.Forbidden(refusal(task)));
        }

        if (task.Status != OutreachTaskStatus.Open)
        {
            return (null, CommandResult.Update(new Reply { Title = $"#{task.Number} {task.Title}", Text = Context.Say($"Already {TaskCards.Status(task, Reader)}.", $"Ya está {TaskCards.Status(task, Reader)}.") }));
        }

        return (task, null);
    }

    [Button(TaskCards.DoneAction)]
    public async Task<CommandResult> DonePressedAsync(string value, CancellationToken cancellationToken)
    {
        var (task, answer) = await PressedOpenTaskAsync(
            value,
            DoesItOrLeads,
            t => Context.Say($"Only the person doing #{t.Number} or a lead can mark it done.", $"Solo la persona a cargo de la #{t.Number} o un coordinador puede marcarla como hecha."),
            cancellationToken);
        if (task is null)
        {
            return answer!;
        }

        await FinishAsync(task, null, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Title = $"#{task.Number} {task.Title}",
            Text = Context.Say(
                $"✅ Done — thank you! To note what happened: `/task done {task.Number} <note>` next time, or `/stakeholder contact`.",
                $"✅ Hecha — ¡gracias! Para anotar qué pasó: `/task done {task.Number} <nota>` la próxima vez, o `/stakeholder contact`."),
        });
    }

    [Button(TaskCards.DeclineAction)]
    public async Task<CommandResult> DeclinePressedAsync(string value, CancellationToken cancellationToken)
    {
        var (task, answer) = await PressedOpenTaskAsync(
            value,
            t => t.AssigneeId == Context.User.Id,
            t => Context.Say($"Only the person doing #{t.Number} can pass on it; leads use `/task reassign`.", $"Solo la persona a cargo de la #{t.Number} puede rechazarla; los coordinadores usan `/task reassign`."),
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
        var told = string.IsNullOrEmpty(task.AssignedById) || task.AssignedById == Context.User.Id
            ? string.Empty
            : Context.Say(Markup.Format($" {assigner ?? "The lead"} was told, so it can go to someone else."), Markup.Format($" Se le avisó a {assigner ?? "el coordinador"} para que se la asigne a otra persona."));
        return CommandResult.Update(new Reply
        {
            Title = $"#{task.Number} {task.Title}",
            Text = Context.Say("OK, you passed on this task.", "De acuerdo, ya no tiene esta tarea asignada.") + told,
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
            return Context.Say(
                Markup.Format($"Add a note (`/task done {task.Number} <note>`) to log the contact with {task.StakeholderName}."),
                Markup.Format($"Agregue una nota (`/task done {task.Number} <nota>`) para registrar el contacto con {task.StakeholderName}."));
        }

        var powerMap = powerMaps.FirstOrDefault();
        if (powerMap is null)
        {
            return string.Empty;
        }

        var logged = await powerMap.LogContactAsync(stakeholderId, Context.User, Context.Say($"Task #{task.Number} done: {text}", $"Tarea #{task.Number} hecha: {text}"), cancellationToken);
        return !logged
            ? Context.Say(Markup.Format($"{task.StakeholderName} is no longer on the power map, so no contact was logged."), Markup.Format($"{task.StakeholderName} ya no está en el mapa de poder; no se registró el contacto."))
            : Context.Say(Markup.Format($"Logged the contact in {task.StakeholderName}'s history."), Markup.Format($"Contacto registrado en el historial de {task.StakeholderName}."));
    }

    private async Task<OutreachTask?> ButtonTaskAsync(string value, CancellationToken cancellationToken) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await board.GetAsync(id, cancellationToken) : null;
}
