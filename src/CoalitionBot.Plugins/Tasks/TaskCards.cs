using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Turns tasks into neutral replies, with times humanized in the reader's language.</summary>
internal static class TaskCards
{
    public const string DoneAction = "tasks.done";
    public const string DeclineAction = "tasks.decline";

    /// <summary>"Fri Dec 4, 17:00" / "vie 4 dic, 17:00" in the coalition's zone.</summary>
    public static TrustedMarkup When(DateTimeOffset instant, Reader reader) => reader.Date(instant, DateStyle.Short);

    /// <summary>"due in 2 days" / "vence en 2 días", or "overdue by 3 hours" / "venció hace 3 horas".</summary>
    public static string Relative(DateTimeOffset due, Reader reader)
    {
        var left = due - reader.Now;
        if (left.Duration() < TimeSpan.FromMinutes(1))
        {
            return reader.T("tasks.due.now");
        }

        var span = Span(left.Duration(), reader);
        return left > TimeSpan.Zero ? reader.T("tasks.due.in", new { span }) : reader.T("tasks.due.overdue-by", new { span });
    }

    /// <summary>How long until or since a due time, in its largest unit: "2 days", "3 hours".</summary>
    private static TrustedMarkup Span(TimeSpan span, Reader reader) => reader.Duration(span, TimeUnits.Week, TimeUnits.Minute);

    public static string Due(OutreachTask task, Reader reader) =>
        task.DueAt is { } due ? reader.T("tasks.due.at", new { date = When(due, reader), relative = Relative(due, reader) }) : reader.T("tasks.due.none");

    public static string StepName(CampaignStep step, Reader reader) => step switch
    {
        CampaignStep.InformationGathering => reader.T("tasks.step.information-gathering"),
        CampaignStep.Education => reader.T("tasks.step.education"),
        CampaignStep.PersonalCommitment => reader.T("tasks.step.personal-commitment"),
        CampaignStep.Negotiation => reader.T("tasks.step.negotiation"),
        CampaignStep.DirectAction => reader.T("tasks.step.direct-action"),
        CampaignStep.Reconciliation => reader.T("tasks.step.reconciliation"),
        _ => step.ToString(),
    };

    public static string Who(OutreachTask task, Reader reader) =>
        task.AssigneeId is null ? reader.T("tasks.who.nobody") : Markup.Escape(task.AssigneeName ?? task.AssigneeId);

    public static string Status(OutreachTask task, Reader reader) => task.Status switch
    {
        OutreachTaskStatus.Done => reader.T("tasks.status.done"),
        OutreachTaskStatus.Cancelled => reader.T("tasks.status.cancelled"),
        _ when task.AssigneeId is null => reader.T("tasks.status.needs-someone"),
        _ when task.DueAt is { } due && due < reader.Now => reader.T("tasks.status.overdue"),
        _ => reader.T("tasks.status.open"),
    };

    /// <summary>One line for lists: "**#12** Call Ruiz — ana · due in 2 days (Fri Dec 4, 17:00) · Ruiz".</summary>
    public static string Line(OutreachTask task, Reader reader, bool showWho = true)
    {
        var parts = new List<string>();
        if (showWho)
        {
            parts.Add(Who(task, reader));
        }

        if (task.Status == OutreachTaskStatus.Done)
        {
            parts.Add(task.DoneAt is { } at ? reader.T("tasks.line.done-at", new { date = When(at, reader) }) : reader.T("tasks.status.done"));
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
            parts.Add(StepName(step, reader));
        }

        // The parts are markup already; a separator between list items, not a sentence.
        return parts.Count == 0
            ? reader.T("tasks.line", new { number = task.Number, title = task.Title })
            : reader.T("tasks.line.details", new { number = task.Number, title = task.Title, details = new TrustedMarkup(string.Join(" · ", parts)) });
    }

    public static IReadOnlyList<ReplyButton> Buttons(OutreachTask task, Reader reader)
    {
        var id = task.Id.ToString(CultureInfo.InvariantCulture);
        return
        [
            new ReplyButton(DoneAction, reader.T("tasks.button.done"), id, ButtonStyle.Success),
            new ReplyButton(DeclineAction, reader.T("tasks.button.decline"), id, ButtonStyle.Danger),
        ];
    }

    /// <summary>A task's title as a heading (plain text): "#12 Call Ruiz".</summary>
    public static string Heading(OutreachTask task, Reader reader) => reader.T("tasks.card.title", new { number = task.Number, title = Plain(task.Title) });

    public static Reply Card(OutreachTask task, Reader reader, bool withButtons) => new()
    {
        Title = Heading(task, reader),
        Fields = Fields(task, reader, forAssignee: false),
        Buttons = withButtons && task.Status == OutreachTaskStatus.Open && task.AssigneeId is not null ? Buttons(task, reader) : [],
        Ephemeral = true,
    };

    /// <summary>The card's fields; the assignee's own message leaves out who does it and who asked (its text says so).</summary>
    private static List<ReplyField> Fields(OutreachTask task, Reader reader, bool forAssignee)
    {
        var fields = new List<ReplyField>();
        if (!forAssignee)
        {
            fields.Add(new(reader.T("tasks.card.who"), Who(task, reader), Inline: true));
        }

        fields.Add(new(reader.T("tasks.card.status"), Status(task, reader), Inline: true));
        fields.Add(new(reader.T("tasks.card.due"), Due(task, reader)));
        if (task.StakeholderName is not null)
        {
            fields.Add(new ReplyField(reader.T("tasks.card.stakeholder"), Markup.Escape(task.StakeholderName), Inline: true));
        }

        if (task.Step is { } step)
        {
            fields.Add(new ReplyField(reader.T("tasks.card.step"), StepName(step, reader), Inline: true));
        }

        if (!forAssignee && !string.IsNullOrEmpty(task.CreatedByName))
        {
            fields.Add(new ReplyField(reader.T("tasks.card.assigned-by"), Markup.Escape(task.AssignedByName ?? task.CreatedByName), Inline: true));
        }

        if (task.Status == OutreachTaskStatus.Done && task.DoneNote is not null)
        {
            fields.Add(new ReplyField(reader.T("tasks.card.note"), Markup.Escape(task.DoneNote)));
        }

        return fields;
    }

    /// <summary>The direct message an assignee gets when a task is given to them.</summary>
    public static Reply Assigned(OutreachTask task, Reader reader) => new()
    {
        Title = reader.T("tasks.assigned.title", new { number = task.Number, title = Plain(task.Title) }),
        Text = task.AssignedById is not null && task.AssignedById == task.AssigneeId
            ? reader.T("tasks.assigned.self")
            : task.AssignedByName is { } by
                ? reader.T("tasks.assigned.by", new { by })
                : reader.T("tasks.assigned.by-lead"),
        Fields = Fields(task, reader, forAssignee: true),
        Buttons = task.Status == OutreachTaskStatus.Open ? Buttons(task, reader) : [],
        Footer = Typed(task, reader),
    };

    /// <summary>The reminder an assignee gets a while before the due time.</summary>
    public static Reply Soon(OutreachTask task, Reader reader) => new()
    {
        Title = reader.T("tasks.soon.title", new { number = task.Number, title = Plain(task.Title) }),
        Text = reader.T("tasks.soon.text", new { span = Span((task.DueAt!.Value - reader.Now).Duration(), reader), date = When(task.DueAt.Value, reader) }),
        Footer = Typed(task, reader),
        Buttons = Buttons(task, reader),
    };

    /// <summary>The one message an assignee gets when the due time passes.</summary>
    public static Reply Overdue(OutreachTask task, Reader reader) => new()
    {
        Title = reader.T("tasks.overdue.title", new { number = task.Number, title = Plain(task.Title) }),
        Text = reader.T("tasks.overdue.text", new { date = When(task.DueAt!.Value, reader) }),
        Footer = Typed(task, reader),
        Buttons = Buttons(task, reader),
    };

    /// <summary>The message the person who assigned a task gets when the assignee can't do it.</summary>
    public static Reply Declined(OutreachTask task, string declinedBy, Reader reader) => new()
    {
        Title = reader.T("tasks.declined.title", new { number = task.Number }),
        Text = reader.T("tasks.declined.text", new { person = declinedBy, title = task.Title, number = task.Number }),
    };

    /// <summary>A title shown as plain text (a heading): not escaped as markup.</summary>
    public static TrustedMarkup Plain(string text) => new(text);

    // Commands cannot be typed in a direct message (buttons can be pressed there): say where to type the command instead.
    private static string Typed(OutreachTask task, Reader reader) => reader.T("tasks.typed.done", new { number = task.Number });
}
