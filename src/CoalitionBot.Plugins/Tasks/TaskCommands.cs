using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The <c>/task</c> commands that give out tasks and show them, and the daily digest's setting.</summary>
public sealed class TaskCommands(
    TaskBoard board,
    TaskNotifier notifier,
    TaskInputs inputs,
    TasksSettings settings,
    AuditLog audit,
    TimeProvider clock) : CommandModule
{
    public const int TitleMax = 200;

    public const int NoteMax = 900;

    private const int MaxLines = 25;

    private bool IsLead => Context.Role >= Role.Lead;

    private TaskReader Reader => TaskReader.For(Context, clock.GetUtcNow());

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

        var (details, error) = await ReadDetailsAsync(due, stakeholder, step, campaign, cancellationToken);
        if (details is null)
        {
            return CommandResult.Invalid(error!);
        }

        var tasks = NewTasks(assignees, text, details);
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
        return CommandResult.Ok(AssignedReply(tasks, text, details));
    }

    /// <summary>What <c>/task assign</c> links its tasks to: a due time, a stakeholder, a campaign step (and campaign, or why none).</summary>
    private sealed record TaskDetails(DateTimeOffset? DueAt, StakeholderRef? Stakeholder, CampaignStep? Step, long? CampaignId, string? Unlinked);

    /// <summary>Reads the due time, stakeholder and campaign options of <c>/task assign</c>; the first error when one is wrong.</summary>
    private async Task<(TaskDetails? Details, string? Error)> ReadDetailsAsync(string? due, string? stakeholder, CampaignStep? step, string? campaign, CancellationToken cancellationToken)
    {
        var (dueAt, dueError) = inputs.ParseDue(due, Context);
        if (dueError is not null)
        {
            return (null, dueError);
        }

        var (stakeholderRef, stakeholderError) = await inputs.StakeholderAsync(stakeholder, Context, cancellationToken);
        if (stakeholderError is not null)
        {
            return (null, stakeholderError);
        }

        var (campaignId, campaignError, unlinked) = await inputs.CampaignAsync(step, campaign, Context, cancellationToken);
        if (campaignError is not null)
        {
            return (null, campaignError);
        }

        return (new TaskDetails(dueAt, stakeholderRef, step, campaignId, unlinked), null);
    }

    /// <summary>One open task per assignee, assigned by the caller.</summary>
    private List<OutreachTask> NewTasks(IReadOnlyList<UserRef> assignees, string title, TaskDetails details)
    {
        var now = clock.GetUtcNow();
        return assignees.Select(a => new OutreachTask
        {
            Title = title,
            Status = OutreachTaskStatus.Open,
            AssigneeId = a.Id,
            AssigneeName = a.Name,
            CreatedById = Context.User.Id,
            CreatedByName = Context.User.Name,
            AssignedById = Context.User.Id,
            AssignedByName = Context.User.Name,
            DueAt = details.DueAt?.ToUniversalTime(),
            StakeholderId = details.Stakeholder?.Id,
            StakeholderName = details.Stakeholder?.Name,
            CampaignId = details.CampaignId,
            Step = details.Step,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
    }

    /// <summary>The answer to <c>/task assign</c>: each task's number and person, then what it is linked to.</summary>
    private Reply AssignedReply(List<OutreachTask> tasks, string title, TaskDetails details)
    {
        var reader = Reader;
        var who = string.Join(", ", tasks.Select(t => $"**#{t.Number}** → {new UserRef(t.AssigneeId!).Mention}"));
        var linked = new List<string>();
        if (details.DueAt is { } d)
        {
            linked.Add(Context.Say("due ", "vence ") + TaskCards.When(d, reader) + $" ({TaskCards.Relative(d, reader)})");
        }

        if (details.Stakeholder is not null)
        {
            linked.Add(Markup.Escape(details.Stakeholder.Name));
        }

        if (details.Step is { } s)
        {
            linked.Add(TaskCards.StepName(s, Context.IsSpanish));
        }

        var answer = Context.Say("Assigned", "Asignada") + Markup.Format($" “{title}”: ") + who + (linked.Count == 0 ? string.Empty : " — " + string.Join(" · ", linked)) + ".";
        if (details.Unlinked is not null)
        {
            // The lookup's message is markup already (it names the command to type).
            answer += "\n" + Context.Say("The step is kept on the task but not linked to a campaign: ", "El paso queda en la tarea, pero sin vincular a una campaña: ") + details.Unlinked;
        }

        return new Reply
        {
            Text = answer,
            Footer = Context.Say("Each person got a direct message with Done / Can't do it buttons.", "Cada persona recibió un mensaje directo con los botones Hecho / No puedo."),
        };
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
        var (stakeholderRef, error) = await inputs.StakeholderAsync(stakeholder, Context, cancellationToken);
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
        var (task, missing) = await inputs.FindAsync(id, Context, cancellationToken);
        return task is null ? missing! : TaskCards.Card(task, Reader, withButtons: task.AssigneeId == Context.User.Id);
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
}
