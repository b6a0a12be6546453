using System.Globalization;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The <c>/task</c> commands and the Done / Can't do it buttons.</summary>
public sealed class TaskCommands(
    TaskBoard board,
    TaskNotifier notifier,
    TasksSettings settings,
    IDateTimeParser dates,
    AuditLog audit,
    TimeProvider clock,
    IEnumerable<ICampaignLookup> campaigns,
    IEnumerable<IPowerMap> powerMaps) : CommandModule
{
    public const int TitleMax = 200;
    public const int NoteMax = 900;
    private const int MaxLines = 25;

    private bool IsLead => Context.Role >= Role.Lead;

    private TaskReader Reader => new(Context.Culture, Context.TimeZone, clock.GetUtcNow());

    [Command("task assign", "Give outreach tasks to people (members: to themselves)", DescriptionEs = "Asignar tareas a personas (miembros: a sí mismos)")]
    public async Task<CommandResult> AssignAsync(
        [Option("Who does it: one or more people, like @ana @luis", DescriptionEs = "Quién la hace: una o más personas, como @ana @luis")] IReadOnlyList<UserRef> assignees,
        [Option("What to do, like: Call Council Member Ruiz", Remainder = true, MaxLength = TitleMax, DescriptionEs = "Qué hacer, como: Llamar a la concejal Ruiz")] string title,
        [Option("When it is due, like friday, tomorrow 5pm, in 3 days", MaxLength = 100, DescriptionEs = "Cuándo vence, como viernes, mañana a las 5, en 3 días")] string? due = null,
        [Option("The stakeholder it is about, from the power map", MaxLength = 100, DescriptionEs = "El actor del mapa de poder al que se refiere")] string? stakeholder = null,
        [Option("The campaign step it counts toward", DescriptionEs = "El paso de la campaña al que contribuye")] CampaignStep? step = null,
        [Option("The campaign (default: the only active one)", MaxLength = 100, DescriptionEs = "La campaña (por defecto: la única activa)")] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        if (!IsLead && assignees.Any(a => a.Id != Context.User.Id))
        {
            return CommandResult.Forbidden(Context.Say(
                "Members can give tasks only to themselves (mention yourself); leads assign to anyone. Nothing was created.",
                "Los miembros solo pueden asignarse tareas a sí mismos (menciónese a sí mismo); los coordinadores pueden asignarlas a cualquier persona. No se creó nada."));
        }

        var text = title.Trim();
        if (text.Length == 0)
        {
            return CommandResult.Invalid(Context.Say("Say what the task is, like `/task assign @ana Call Ruiz due:friday`.", "Diga cuál es la tarea, como `/task assign @ana Llamar a Ruiz due:viernes`."));
        }

        var (dueAt, dueError) = ParseDue(due);
        if (dueError is not null)
        {
            return CommandResult.Invalid(dueError);
        }

        var (stakeholderRef, stakeholderError) = await StakeholderAsync(stakeholder, cancellationToken);
        if (stakeholderError is not null)
        {
            return CommandResult.Invalid(stakeholderError);
        }

        var (campaignId, campaignError, unlinked) = await CampaignAsync(step, campaign, cancellationToken);
        if (campaignError is not null)
        {
            return CommandResult.Invalid(campaignError);
        }

        var now = clock.GetUtcNow();
        var tasks = assignees.Select(a => new OutreachTask
        {
            Title = text,
            Status = OutreachTaskStatus.Open,
            AssigneeId = a.Id,
            AssigneeName = a.Name,
            CreatedById = Context.User.Id,
            CreatedByName = Context.User.Name,
            AssignedById = Context.User.Id,
            AssignedByName = Context.User.Name,
            DueAt = dueAt?.ToUniversalTime(),
            StakeholderId = stakeholderRef?.Id,
            StakeholderName = stakeholderRef?.Name,
            CampaignId = campaignId,
            Step = step,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        await notifier.TogetherAsync(
            async () =>
            {
                await board.CreateAsync(tasks, cancellationToken);
                foreach (var task in tasks)
                {
                    await notifier.AssignedAsync(task, cancellationToken);
                }
            },
            cancellationToken);

        var reader = Reader;
        var who = string.Join(", ", tasks.Select(t => $"**#{t.Number}** → {new UserRef(t.AssigneeId!).Mention}"));
        var details = new List<string>();
        if (dueAt is { } d)
        {
            details.Add(Context.Say("due ", "vence ") + TaskCards.When(d, reader) + $" ({TaskCards.Relative(d, reader)})");
        }

        if (stakeholderRef is not null)
        {
            details.Add(Markup.Escape(stakeholderRef.Name));
        }

        if (step is { } s)
        {
            details.Add(TaskCards.StepName(s, Context.IsSpanish));
        }

        var answer = Context.Say("Assigned", "Asignada") + Markup.Format($" “{text}”: ") + who + (details.Count == 0 ? string.Empty : " — " + string.Join(" · ", details)) + ".";
        if (unlinked is not null)
        {
            // The lookup's message is markup already (it names the command to type).
            answer += "\n" + Context.Say("The step is kept on the task but not linked to a campaign: ", "El paso queda en la tarea, pero sin vincular a una campaña: ") + unlinked;
        }

        return CommandResult.Ok(new Reply
        {
            Text = answer,
            Footer = Context.Say("Each person got a direct message with Done / Can't do it buttons.", "Cada persona recibió un mensaje directo con los botones Hecho / No puedo."),
        });
    }

    [Command("task mine", "Your open tasks", DescriptionEs = "Sus tareas abiertas")]
    public async Task<CommandResult> MineAsync(CancellationToken cancellationToken = default)
    {
        var reader = Reader;
        var mine = (await board.ActiveAsync(cancellationToken))
            .Where(t => t.Status == OutreachTaskStatus.Open && t.AssigneeId == Context.User.Id)
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number).ToList();
        if (mine.Count == 0)
        {
            return new Reply { Text = Context.Say("You have no open tasks. 🎉", "No tiene tareas abiertas. 🎉"), Ephemeral = true };
        }

        return new Reply
        {
            Title = Context.Say($"Your open tasks ({mine.Count})", $"Sus tareas abiertas ({mine.Count})"),
            Bullets = mine.Take(MaxLines).Select(t => TaskCards.Line(t, reader, showWho: false)).ToList(),
            Footer = Context.Say("Finish one: `/task done <number> [note]` · details: `/task show <number>`", "Terminar una: `/task done <número> [nota]` · detalles: `/task show <número>`"),
            Ephemeral = true,
        };
    }

    [Command("task list", "The coalition's tasks, by person, state or stakeholder", DescriptionEs = "Las tareas de la coalición, por persona, estado o actor")]
    public async Task<CommandResult> ListAsync(
        [Option("Only this person's", DescriptionEs = "Solo las de esta persona")] UserRef? who = null,
        [Option("open (default), done, overdue or all", DescriptionEs = "open (por defecto), done, overdue o all")] TaskFilter state = TaskFilter.Open,
        [Option("Only those about this stakeholder", MaxLength = 100, DescriptionEs = "Solo las de este actor")] string? stakeholder = null,
        CancellationToken cancellationToken = default)
    {
        var reader = Reader;
        var (stakeholderRef, error) = await StakeholderAsync(stakeholder, cancellationToken);
        if (error is not null)
        {
            return CommandResult.Invalid(error);
        }

        var tasks = (await board.ActiveAsync(cancellationToken)).Where(t => state switch
        {
            TaskFilter.Open => t.Status == OutreachTaskStatus.Open,
            TaskFilter.Done => t.Status == OutreachTaskStatus.Done,
            TaskFilter.Overdue => t.Status == OutreachTaskStatus.Open && t.DueAt is { } due && due < reader.Now,
            _ => true,
        });
        if (who is not null)
        {
            tasks = tasks.Where(t => t.AssigneeId == who.Id);
        }

        if (stakeholderRef is not null)
        {
            tasks = tasks.Where(t => t.StakeholderId == stakeholderRef.Id);
        }

        var shown = tasks.OrderBy(t => t.Status).ThenBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number).ToList();
        var stateName = state switch
        {
            TaskFilter.Done => Context.Say("Finished tasks", "Tareas terminadas"),
            TaskFilter.Overdue => Context.Say("Overdue tasks", "Tareas atrasadas"),
            TaskFilter.All => Context.Say("All tasks", "Todas las tareas"),
            _ => Context.Say("Open tasks", "Tareas abiertas"),
        };
        if (shown.Count == 0)
        {
            return new Reply { Text = Context.Say($"{stateName}: none.", $"{stateName}: ninguna."), Ephemeral = true };
        }

        return new Reply
        {
            Title = $"{stateName} ({shown.Count})",
            Bullets = shown.Take(MaxLines).Select(t => TaskCards.Line(t, reader, showWho: who is null)).ToList(),
            Footer = shown.Count > MaxLines
                ? Context.Say($"Showing {MaxLines} of {shown.Count}; narrow it with a person, a state or a stakeholder.", $"Se muestran {MaxLines} de {shown.Count}; filtre por persona, estado o actor.")
                : Context.Say("Details: `/task show <number>`", "Detalles: `/task show <número>`"),
            Ephemeral = true,
        };
    }

    [Command("task show", "One task: who, when, stakeholder, step", DescriptionEs = "Una tarea: quién, cuándo, actor, paso")]
    public async Task<CommandResult> ShowAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        CancellationToken cancellationToken = default)
    {
        var (task, missing) = await FindAsync(id, cancellationToken);
        return task is null ? missing! : TaskCards.Card(task, Reader, withButtons: task.AssigneeId == Context.User.Id);
    }

    [Command("task done", "Mark a task done; a note logs the contact with its stakeholder", DescriptionEs = "Marcar una tarea como hecha; una nota registra el contacto con su actor")]
    public async Task<CommandResult> DoneAsync(
        [Option("The task number, like 12", MaxLength = 12, DescriptionEs = "El número de la tarea, como 12")] string id,
        [Option("What happened, like: she will vote yes", Remainder = true, MaxLength = NoteMax, DescriptionEs = "Qué pasó, como: votará a favor")] string? note = null,
        CancellationToken cancellationToken = default)
    {
        var (task, missing) = await FindAsync(id, cancellationToken);
        if (task is null)
        {
            return missing!;
        }

        if (!IsLead && task.AssigneeId != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say(
                $"Only the person doing #{task.Number} or a lead can mark it done.", $"Solo la persona a cargo de la #{task.Number} o un coordinador puede marcarla como hecha."));
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
        var (task, missing) = await FindAsync(id, cancellationToken);
        if (task is null)
        {
            return missing!;
        }

        if (!IsLead && task.AssigneeId != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say(
                $"Only the person doing #{task.Number} or a lead can reopen it.", $"Solo la persona a cargo de la #{task.Number} o un coordinador puede volver a abrirla."));
        }

        if (task.Status == OutreachTaskStatus.Cancelled)
        {
            return CommandResult.Invalid(Context.Say($"#{task.Number} was cancelled; assign a new task instead.", $"La #{task.Number} fue cancelada; asigne una tarea nueva."));
        }

        var (dueAt, dueError) = ParseDue(due);
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
        var (task, missing) = await FindAsync(id, cancellationToken);
        if (task is null)
        {
            return missing!;
        }

        if (!IsLead && task.CreatedById != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say($"Only leads or whoever created #{task.Number} can reassign it.", $"Solo los coordinadores o quien creó la #{task.Number} pueden reasignarla."));
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
        var (task, missing) = await FindAsync(id, cancellationToken);
        if (task is null)
        {
            return missing!;
        }

        if (!IsLead && task.CreatedById != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say($"Only leads or whoever created #{task.Number} can cancel it.", $"Solo los coordinadores o quien creó la #{task.Number} pueden cancelarla."));
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

    [Command("task digest", "Choose the channel and local time of the daily task digest", Role = Role.Lead, DescriptionEs = "Elegir el canal y la hora del resumen diario de tareas")]
    public async Task<CommandResult> DigestAsync(
        [Option("The channel, like #organizers", DescriptionEs = "El canal, como #organizadores")] ChannelRef channel,
        [Option("Local time of day, like 08:00 (default: the plugin's)", MaxLength = 5, DescriptionEs = "Hora local, como 08:00 (por defecto: la del plugin)")] string? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        TimeOnly? at = null;
        if (time is not null)
        {
            at = TasksSettings.ParseTime(time);
            if (at is null)
            {
                return CommandResult.Invalid(Context.Say(Markup.Format($"`{time}` is not a time of day; use 24-hour time like 08:00 or 18:30. Nothing was changed."),
                    Markup.Format($"`{time}` no es una hora válida; use el formato de 24 horas, como 08:00 o 18:30. No se cambió nada.")));
            }
        }

        audit.Record(Context.User, "channel.set", $"digest: {channel.Mention}" + (at is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty));
        await board.SetDigestAsync(channel, at, cancellationToken);
        var effective = at ?? await board.DigestTimeAsync(settings, cancellationToken);

        // A digest chosen after today's time starts tomorrow (TaskDigest.PlanAsync), not at once.
        var localNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Context.TimeZone);
        var first = TimeOnly.FromDateTime(localNow.DateTime) < effective ? Context.Say("today", "hoy") : Context.Say("tomorrow", "mañana");
        return new Reply
        {
            Text = Context.Say(
                $"The daily task digest goes to {channel.Mention} at {effective:HH:mm} ({Context.TimeZone.Id}), starting {first}. Make sure the bot can post there.",
                $"El resumen diario de tareas irá a {channel.Mention} a las {effective:HH:mm} ({Context.TimeZone.Id}), a partir de {first}. Asegúrese de que el bot pueda publicar allí."),
        };
    }

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
            t => IsLead || t.AssigneeId == Context.User.Id,
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

    private (DateTimeOffset? Due, string? Error) ParseDue(string? due)
    {
        if (string.IsNullOrWhiteSpace(due))
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        var context = new ParseContext(now, Context.TimeZone, Context.Culture) { DefaultTimeOfDay = settings.DefaultDueTimeOfDay };
        var value = dates.Parse(due, context, out var error);
        if (value is null)
        {
            return (null, "`due`: " + (error ?? Context.Say("I couldn't read that date.", "No entendí esa fecha.")));
        }

        if (value <= now)
        {
            return (null, Context.Say(
                $"`due`: {TaskCards.When(value.Value, Reader)} is in the past. Give a later time, like tomorrow 5pm. Nothing was changed.",
                $"`due`: {TaskCards.When(value.Value, Reader)} ya pasó. Indique una hora futura, como mañana a las 5. No se cambió nada."));
        }

        return (value, null);
    }

    private async Task<(StakeholderRef? Stakeholder, string? Error)> StakeholderAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var directory = powerMaps.FirstOrDefault();
        if (directory is null)
        {
            return (null, Context.Say("The power map (the stakeholders plugin) is off here, so tasks can't name a stakeholder.", "El mapa de poder (el plugin stakeholders) está desactivado aquí, así que las tareas no pueden vincularse a un actor."));
        }

        var match = await directory.FindAsync(name, cancellationToken);
        if (match.Single is { } one)
        {
            return (one, null);
        }

        if (match.IsAmbiguous)
        {
            var names = string.Join(", ", match.Candidates.Take(5).Select(c => $"“{c.Name}”"));
            return (null, Context.Say(
                Markup.Format($"“{name}” matches several stakeholders: ") + Markup.Escape(names) + ". Say which one, like stakeholder:\"full name\".",
                Markup.Format($"“{name}” coincide con varios actores: ") + Markup.Escape(names) + ". Diga cuál, como stakeholder:\"nombre completo\"."));
        }

        return (null, Context.Say(
            Markup.Format($"Nobody on the power map matches “{name}”. Check with `/stakeholder find {name}`, or add them with `/stakeholder add`."),
            Markup.Format($"Nadie en el mapa de poder coincide con “{name}”. Verifique con `/stakeholder find {name}` o agréguelo con `/stakeholder add`.")));
    }

    /// <summary>
    /// The campaign a step links the task to. A campaign named with <c>campaign:</c> must exist (else the error); without one,
    /// a step that finds no single active campaign stays on the task unlinked, and <c>Unlinked</c> says why.
    /// </summary>
    private async Task<(long? CampaignId, string? Error, string? Unlinked)> CampaignAsync(CampaignStep? step, string? campaign, CancellationToken cancellationToken)
    {
        if (step is null && campaign is null)
        {
            return (null, null, null);
        }

        if (step is null)
        {
            return (null, Context.Say("Say which step of the campaign the task counts toward, like `step:2-education`.", "Diga a qué paso de la campaña contribuye la tarea, como `step:2-education`."), null);
        }

        var lookup = campaigns.FirstOrDefault();
        if (lookup is null)
        {
            // Without the campaigns plugin the step is still worth keeping and showing.
            return campaign is null
                ? (null, null, null)
                : (null, Context.Say("Campaigns are not turned on here, so `campaign` can't be used; the step alone is fine.", "Las campañas no están activadas aquí, así que no se puede usar `campaign`; puede indicar solo el paso."), null);
        }

        var named = !string.IsNullOrWhiteSpace(campaign);
        var found = await lookup.FindAsync(named ? campaign!.Trim() : null, Context, cancellationToken);
        if (found.Campaign is { } c)
        {
            return (c.Id, null, null);
        }

        var why = found.Error ?? Context.Say("I couldn't find that campaign.", "No encontré esa campaña.");
        return named ? (null, why, null) : (null, null, why);
    }

    private async Task<(OutreachTask? Task, CommandResult? Missing)> FindAsync(string id, CancellationToken cancellationToken)
    {
        var text = id.Trim().TrimStart('#');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return (null, CommandResult.Invalid(Context.Say(Markup.Format($"`{id}` is not a task number; use the number shown, like 12 or #12."),
                Markup.Format($"`{id}` no es un número de tarea; use el número que se muestra, como 12 o #12."))));
        }

        var task = await board.FindAsync(number, cancellationToken);
        return task is null
            ? (null, CommandResult.NotFound(Context.Say($"There is no task #{number}. See them with `/task list`.", $"No existe la tarea #{number}. Vea la lista con `/task list`.")))
            : (task, null);
    }

    private async Task<OutreachTask?> ButtonTaskAsync(string value, CancellationToken cancellationToken) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await board.GetAsync(id, cancellationToken) : null;
}
