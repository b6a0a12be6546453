using System.Globalization;
using CoalitionBot.Core.Localization;
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

    private Reader Reader => Context.ReaderAt(clock.GetUtcNow());

    [Command("task assign", "Give outreach tasks to people (members: to themselves)")]
    public async Task<CommandResult> AssignAsync(
        [Option("Who does it: one or more people, like @ana @luis")] IReadOnlyList<UserRef> assignees,
        [Option("What to do, like: Call Council Member Ruiz", Remainder = true, MaxLength = TitleMax)] string title,
        [Option("When it is due, like friday, tomorrow 5pm, in 3 days", MaxLength = 100)] string? due = null,
        [Option("The stakeholder it is about, from the power map", MaxLength = 100)] string? stakeholder = null,
        [Option("The campaign step it counts toward")] CampaignStep? step = null,
        [Option("The campaign (default: the only active one)", MaxLength = 100)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignees);
        if (!IsLead && assignees.Any(a => a.Id != Context.User.Id))
        {
            return CommandResult.Forbidden(Context.T("tasks.assign.members-only-self"));
        }

        var text = title.Trim();
        if (text.Length == 0)
        {
            return CommandResult.Invalid(Context.T("tasks.assign.no-title"));
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
            linked.Add(reader.T("tasks.assign.due", new { date = TaskCards.When(d, reader), relative = TaskCards.Relative(d, reader) }));
        }

        if (details.Stakeholder is not null)
        {
            linked.Add(Markup.Escape(details.Stakeholder.Name));
        }

        if (details.Step is { } s)
        {
            linked.Add(TaskCards.StepName(s, reader));
        }

        var answer = linked.Count == 0
            ? Context.T("tasks.assign.done", new { title, who = new TrustedMarkup(who) })
            : Context.T("tasks.assign.done-linked", new { title, who = new TrustedMarkup(who), links = new TrustedMarkup(string.Join(" · ", linked)) });
        if (details.Unlinked is not null)
        {
            // The lookup's message is markup already (it names the command to type).
            answer += "\n" + Context.T("tasks.assign.unlinked", new { why = new TrustedMarkup(details.Unlinked) });
        }

        return new Reply
        {
            Text = answer,
            Footer = Context.T("tasks.assign.footer"),
        };
    }

    [Command("task mine", "Your open tasks")]
    public async Task<CommandResult> MineAsync(CancellationToken cancellationToken = default)
    {
        var reader = Reader;
        var mine = (await board.ActiveAsync(cancellationToken))
            .Where(t => t.Status == OutreachTaskStatus.Open && t.AssigneeId == Context.User.Id)
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number).ToList();
        if (mine.Count == 0)
        {
            return new Reply { Text = Context.T("tasks.mine.none"), Ephemeral = true };
        }

        return new Reply
        {
            Title = Context.T("tasks.mine.title", new { count = mine.Count }),
            Bullets = mine.Take(MaxLines).Select(t => TaskCards.Line(t, reader, showWho: false)).ToList(),
            Footer = Context.T("tasks.mine.footer"),
            Ephemeral = true,
        };
    }

    [Command("task list", "The coalition's tasks, by person, state or stakeholder")]
    public async Task<CommandResult> ListAsync(
        [Option("Only this person's")] UserRef? who = null,
        [Option("open (default), done, overdue or all")] TaskFilter state = TaskFilter.Open,
        [Option("Only those about this stakeholder", MaxLength = 100)] string? stakeholder = null,
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
        var filter = state switch
        {
            TaskFilter.Done => "done",
            TaskFilter.Overdue => "overdue",
            TaskFilter.All => "all",
            _ => "open",
        };
        if (shown.Count == 0)
        {
            return new Reply { Text = Context.T($"tasks.list.{filter}.none"), Ephemeral = true };
        }

        return new Reply
        {
            Title = Context.T($"tasks.list.{filter}.title", new { count = shown.Count }),
            Bullets = shown.Take(MaxLines).Select(t => TaskCards.Line(t, reader, showWho: who is null)).ToList(),
            Footer = shown.Count > MaxLines
                ? Context.T("tasks.list.more", new { shown = MaxLines, count = shown.Count })
                : Context.T("tasks.list.footer"),
            Ephemeral = true,
        };
    }

    [Command("task show", "One task: who, when, stakeholder, step")]
    public async Task<CommandResult> ShowAsync(
        [Option("The task number, like 12", MaxLength = 12)] string id,
        CancellationToken cancellationToken = default)
    {
        var (task, missing) = await inputs.FindAsync(id, Context, cancellationToken);
        return task is null ? missing! : TaskCards.Card(task, Reader, withButtons: task.AssigneeId == Context.User.Id);
    }

    [Command("task digest", "Choose the channel and local time of the daily task digest", Role = Role.Lead)]
    public async Task<CommandResult> DigestAsync(
        [Option("The channel, like #organizers")] ChannelRef channel,
        [Option("Local time of day, like 08:00 (default: the plugin's)", MaxLength = 5)] string? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        TimeOnly? at = null;
        if (time is not null)
        {
            at = TasksSettings.ParseTime(time);
            if (at is null)
            {
                return CommandResult.Invalid(Context.T("tasks.digest.bad-time", new { time }));
            }
        }

        audit.Record(Context.User, "channel.set", $"digest: {channel.Mention}" + (at is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : string.Empty));
        await board.SetDigestAsync(channel, at, cancellationToken);
        var effective = at ?? await board.DigestTimeAsync(settings, cancellationToken);

        // A digest chosen after today's time starts tomorrow (TaskDigest.PlanAsync), not at once.
        var localNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Context.TimeZone);
        var arguments = new { channel = new TrustedMarkup(channel.Mention), time = effective.ToString("HH:mm", CultureInfo.InvariantCulture), zone = Context.TimeZone.Id };
        return new Reply
        {
            Text = TimeOnly.FromDateTime(localNow.DateTime) < effective ? Context.T("tasks.digest.set-today", arguments) : Context.T("tasks.digest.set-tomorrow", arguments),
        };
    }
}
