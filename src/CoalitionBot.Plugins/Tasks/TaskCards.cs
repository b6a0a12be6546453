using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Humanizer;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Who reads a task message: their language, the coalition's zone, and the instant they read it.</summary>
internal sealed record TaskReader(CultureInfo Culture, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public bool Spanish => Culture.TwoLetterISOLanguageName == "es";

    public string Say(string english, string spanish) => Spanish ? spanish : english;

    /// <summary>The caller of a command, reading at <paramref name="now"/>.</summary>
    public static TaskReader For(CommandContext context, DateTimeOffset now) => new(context.Culture, context.TimeZone, now);
}

/// <summary>Turns tasks into neutral replies, with times humanized in the reader's language.</summary>
internal static class TaskCards
{
    public const string DoneAction = "tasks.done";
    public const string DeclineAction = "tasks.decline";

    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo SpanishCulture = CultureInfo.GetCultureInfo("es");

    /// <summary>"Fri Dec 4, 17:00" / "vie 4 dic, 17:00" in the coalition's zone.</summary>
    public static string When(DateTimeOffset instant, TaskReader reader)
    {
        var local = TimeZoneInfo.ConvertTime(instant, reader.Zone);
        return reader.Spanish
            ? local.ToString("ddd d MMM, HH:mm", SpanishCulture).Replace(".", string.Empty, StringComparison.Ordinal)
            : local.ToString("ddd MMM d, HH:mm", EnglishCulture);
    }

    /// <summary>"due in 2 days" / "vence en 2 días", or "overdue by 3 hours" / "venció hace 3 horas".</summary>
    public static string Relative(DateTimeOffset due, TaskReader reader)
    {
        var left = due - reader.Now;
        if (left.Duration() < TimeSpan.FromMinutes(1))
        {
            return reader.Say("due now", "vence ahora");
        }

        var span = left.Duration().Humanize(precision: 1, culture: reader.Spanish ? SpanishCulture : EnglishCulture, maxUnit: TimeUnit.Week, minUnit: TimeUnit.Minute);
        return left > TimeSpan.Zero
            ? reader.Say($"due in {span}", $"vence en {span}")
            : reader.Say($"overdue by {span}", $"venció hace {span}");
    }

    public static string Due(OutreachTask task, TaskReader reader) =>
        task.DueAt is { } due ? $"{When(due, reader)} ({Relative(due, reader)})" : reader.Say("no due date", "sin fecha límite");

    public static string StepName(CampaignStep step, bool spanish) => step switch
    {
        CampaignStep.InformationGathering => spanish ? "1 · recopilación de información" : "1 · information gathering",
        CampaignStep.Education => spanish ? "2 · educación" : "2 · education",
        CampaignStep.PersonalCommitment => spanish ? "3 · compromiso personal" : "3 · personal commitment",
        CampaignStep.Negotiation => spanish ? "4 · negociación" : "4 · negotiation",
        CampaignStep.DirectAction => spanish ? "5 · acción directa" : "5 · direct action",
        CampaignStep.Reconciliation => spanish ? "6 · reconciliación" : "6 · reconciliation",
        _ => step.ToString(),
    };

    public static string Who(OutreachTask task, TaskReader reader) =>
        task.AssigneeId is null ? reader.Say("nobody yet", "nadie todavía") : Markup.Escape(task.AssigneeName ?? task.AssigneeId);

    public static string Status(OutreachTask task, TaskReader reader) => task.Status switch
    {
        OutreachTaskStatus.Done => reader.Say("done", "hecha"),
        OutreachTaskStatus.Cancelled => reader.Say("cancelled", "cancelada"),
        _ when task.AssigneeId is null => reader.Say("needs someone", "sin asignar"),
        _ when task.DueAt is { } due && due < reader.Now => reader.Say("overdue", "atrasada"),
        _ => reader.Say("open", "abierta"),
    };

    /// <summary>One line for lists: "**#12** Call Ruiz — ana · due in 2 days (Fri Dec 4, 17:00) · Ruiz".</summary>
    public static string Line(OutreachTask task, TaskReader reader, bool showWho = true)
    {
        var parts = new List<string>();
        if (showWho)
        {
            parts.Add(Who(task, reader));
        }

        if (task.Status == OutreachTaskStatus.Done)
        {
            parts.Add(reader.Say("done", "hecha") + (task.DoneAt is { } at ? " " + When(at, reader) : string.Empty));
        }
        else if (task.DueAt is not null)
        {
            parts.Add(Due(task, reader));
        }

        if (task.StakeholderName is not null)
        {
            parts.Add(Markup.Escape(task.StakeholderName));
        }

        if (task.Step is { } step)
        {
            parts.Add(StepName(step, reader.Spanish));
        }

        var rest = parts.Count == 0 ? string.Empty : " — " + string.Join(" · ", parts);
        return $"**#{task.Number}** {Markup.Escape(task.Title)}{rest}";
    }

    public static IReadOnlyList<ReplyButton> Buttons(OutreachTask task, TaskReader reader)
    {
        var id = task.Id.ToString(CultureInfo.InvariantCulture);
        return
        [
            new ReplyButton(DoneAction, reader.Say("Done", "Hecho"), id, ButtonStyle.Success),
            new ReplyButton(DeclineAction, reader.Say("Can't do it", "No puedo"), id, ButtonStyle.Danger),
        ];
    }

    public static Reply Card(OutreachTask task, TaskReader reader, bool withButtons)
    {
        var fields = new List<ReplyField>
        {
            new(reader.Say("Who", "Quién"), Who(task, reader), Inline: true),
            new(reader.Say("Status", "Estado"), Status(task, reader), Inline: true),
            new(reader.Say("Due", "Vence"), Due(task, reader)),
        };
        if (task.StakeholderName is not null)
        {
            fields.Add(new ReplyField(reader.Say("Stakeholder", "Actor"), Markup.Escape(task.StakeholderName), Inline: true));
        }

        if (task.Step is { } step)
        {
            fields.Add(new ReplyField(reader.Say("Campaign step", "Paso de la campaña"), StepName(step, reader.Spanish), Inline: true));
        }

        if (!string.IsNullOrEmpty(task.CreatedByName))
        {
            fields.Add(new ReplyField(reader.Say("Assigned by", "Asignada por"), Markup.Escape(task.AssignedByName ?? task.CreatedByName), Inline: true));
        }

        if (task.Status == OutreachTaskStatus.Done && task.DoneNote is not null)
        {
            fields.Add(new ReplyField(reader.Say("Note", "Nota"), Markup.Escape(task.DoneNote)));
        }

        return new Reply
        {
            Title = $"#{task.Number} {task.Title}",
            Fields = fields,
            Buttons = withButtons && task.Status == OutreachTaskStatus.Open && task.AssigneeId is not null ? Buttons(task, reader) : [],
            Ephemeral = true,
        };
    }

    /// <summary>The direct message an assignee gets when a task is given to them.</summary>
    public static Reply Assigned(OutreachTask task, TaskReader reader)
    {
        var by = Markup.Escape(task.AssignedByName ?? reader.Say("A lead", "Un coordinador"));
        var card = Card(task, reader, withButtons: true);
        return card with
        {
            Title = reader.Say($"New task #{task.Number}: {task.Title}", $"Nueva tarea #{task.Number}: {task.Title}"),
            Text = task.AssignedById is not null && task.AssignedById == task.AssigneeId
                ? reader.Say("You gave yourself this task. Press Done when it's done, or Can't do it so it can go to someone else.",
                    "Usted se asignó esta tarea. Pulse Hecho cuando la termine, o No puedo para que se la asignen a otra persona.")
                : reader.Say($"{by} asked you to do this. Press Done when it's done, or Can't do it so it can go to someone else.",
                    $"{by} le pidió que hiciera esto. Pulse Hecho cuando la termine, o No puedo para que se la asignen a otra persona."),
            Fields = card.Fields.Where(f => f.Name != reader.Say("Who", "Quién") && f.Name != reader.Say("Assigned by", "Asignada por")).ToList(),
            Footer = Typed(task, reader),
            Ephemeral = false,
        };
    }

    /// <summary>The reminder an assignee gets a while before the due time.</summary>
    public static Reply Soon(OutreachTask task, TaskReader reader) => new()
    {
        Title = reader.Say($"Reminder: #{task.Number} {task.Title}", $"Recordatorio: #{task.Number} {task.Title}"),
        Text = $"**{Capitalize(Relative(task.DueAt!.Value, reader), reader)}** — {When(task.DueAt.Value, reader)}.",
        Footer = Typed(task, reader),
        Buttons = Buttons(task, reader),
    };

    /// <summary>The one message an assignee gets when the due time passes.</summary>
    public static Reply Overdue(OutreachTask task, TaskReader reader) => new()
    {
        Title = reader.Say($"Overdue: #{task.Number} {task.Title}", $"Atrasada: #{task.Number} {task.Title}"),
        Text = reader.Say(
            $"It was due {When(task.DueAt!.Value, reader)}. Done? Press Done. If you can't, press Can't do it so a lead can give it to someone else.",
            $"Venció el {When(task.DueAt!.Value, reader)}. ¿Ya la hizo? Pulse Hecho. Si no puede hacerla, pulse No puedo para que un coordinador se la asigne a otra persona."),
        Footer = Typed(task, reader),
        Buttons = Buttons(task, reader),
    };

    /// <summary>The message the person who assigned a task gets when the assignee can't do it.</summary>
    public static Reply Declined(OutreachTask task, string declinedBy, TaskReader reader) => new()
    {
        Title = reader.Say($"#{task.Number} needs someone else", $"#{task.Number} necesita a otra persona"),
        Text = reader.Say(
            Markup.Format($"{declinedBy} can't do “{task.Title}”. Give it to someone with `/task reassign {task.Number} @someone`."),
            Markup.Format($"{declinedBy} no puede hacer “{task.Title}”. Asígnela a otra persona con `/task reassign {task.Number} @alguien`.")),
    };

    // Commands cannot be typed in a direct message (buttons can be pressed there): say where to type the command instead.
    private static string Typed(OutreachTask task, TaskReader reader) => reader.Say(
        $"Or type `/task done {task.Number} [note]` in a coalition channel.",
        $"O escriba `/task done {task.Number} [nota]` en un canal de la coalición.");

    private static string Capitalize(string text, TaskReader reader) =>
        text.Length == 0 ? text : char.ToUpper(text[0], reader.Culture) + text[1..];
}
