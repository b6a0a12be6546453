using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A target and whether the coalition has met them since the campaign started.</summary>
internal sealed record TargetState(CampaignTarget Target, string Name, bool Met);

/// <summary>How far one step is: checked items, done tasks, targets met (step 4) and metrics, as one fraction.</summary>
internal sealed record StepProgress(CampaignStep Step, int Checked, int Items, int DoneTasks, int Tasks, int Met, int Targets, IReadOnlyList<CampaignMetric> Metrics)
{
    public int Units => Items + Tasks + Targets + Metrics.Count;

    public double Done => Checked + DoneTasks + Met + Metrics.Sum(CampaignProgress.Fraction);

    /// <summary>Null when the step has nothing to count.</summary>
    public double? Fraction => Units == 0 ? null : Done / Units;
}

/// <summary>Everything <c>/campaign status</c> shows, read at one instant.</summary>
internal sealed record CampaignSnapshot(
    Campaign Campaign,
    IReadOnlyList<CampaignItem> Items,
    IReadOnlyList<CampaignTask>? Tasks,
    IReadOnlyList<TargetState> Targets,
    IReadOnlyList<CampaignMetric> Metrics,
    IReadOnlyList<CampaignDate> Dates,
    CalendarMeeting? NextMeeting,
    IReadOnlyList<StepProgress> Steps,
    DateTimeOffset Now);

/// <summary>
/// Reads a campaign's progress from its own tables and from the plugins it builds on, each optional: tasks (the task
/// source), targets met (the power map's logged meetings, and the meetings plugin's past meetings naming them), and the
/// next meeting. A plugin that is off simply contributes nothing.
/// </summary>
internal sealed class CampaignProgress(
    CampaignStore store, IEnumerable<ICampaignTaskSource> taskSources, IEnumerable<IPowerMap> powerMaps, IEnumerable<IMeetingCalendar> calendars, TimeProvider clock)
{
    // Words in a logged contact's note that make it a meeting (not a call or an email), as keys (no accents, lowercase).
    private static readonly string[] MeetingWords =
    [
        "meeting", "meetings", "met", "meet", "one on one", "1 on 1", "1 1", "sat down", "in person",
        "reunion", "reuniones", "reunimos", "reunio", "reuni", "nos vimos", "en persona", "junta",
    ];

    public static double Fraction(CampaignMetric metric) => metric.Goal <= 0 ? 0 : Math.Min(1.0, (double)metric.Value / metric.Goal);

    public async Task<CampaignSnapshot> ReadAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var items = await store.ItemsAsync(campaign.Id, cancellationToken);
        var source = taskSources.FirstOrDefault();
        var tasks = source is null ? null : await source.ListAsync(campaign.Id, cancellationToken);
        var metrics = (await store.MetricsAsync(campaign.Id, cancellationToken)).OrderBy(m => m.Step).ThenBy(m => m.NameKey, StringComparer.Ordinal).ToList();
        var dates = await store.DatesAsync(campaign.Id, cancellationToken);
        var targets = await TargetsAsync(campaign, now, cancellationToken);
        var next = calendars.FirstOrDefault() is { } calendar ? await calendar.NextAsync(now, cancellationToken) : null;
        var steps = CampaignSteps.All.Select(step =>
        {
            var ofStep = items.Where(i => i.Step == step).ToList();
            var stepTasks = tasks?.Where(t => t.Step == step).ToList() ?? [];
            var isNegotiation = step == CampaignStep.Negotiation;
            return new StepProgress(step, ofStep.Count(i => i.Done), ofStep.Count, stepTasks.Count(t => t.Done), stepTasks.Count,
                isNegotiation ? targets.Count(t => t.Met) : 0, isNegotiation ? targets.Count : 0, metrics.Where(m => m.Step == step).ToList());
        }).ToList();
        return new CampaignSnapshot(campaign, items, tasks, targets, metrics, dates, next, steps, now);
    }

    /// <summary>The campaign's targets, each met or not: a meeting-kind contact on the power map, or a meeting that started and names them, since the campaign began.</summary>
    public async Task<IReadOnlyList<TargetState>> TargetsAsync(Campaign campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targets = (await store.TargetsAsync(campaign.Id, cancellationToken)).OrderBy(t => t.Id).ToList();
        if (targets.Count == 0)
        {
            return [];
        }

        var powerMap = powerMaps.FirstOrDefault();
        var map = powerMap is null ? [] : await powerMap.ListAsync(cancellationToken);
        var metByContact = new HashSet<long>();
        if (powerMap is not null)
        {
            var contacts = await powerMap.ContactsAsync(targets.Select(t => t.StakeholderId).ToList(), campaign.CreatedAt, cancellationToken);
            metByContact.UnionWith(contacts.Where(c => IsMeeting(c.Note)).Select(c => c.StakeholderId));
        }

        var pastTitles = await PastMeetingTitlesAsync(campaign.CreatedAt, now, cancellationToken);
        var others = map.Select(s => s.Name).ToList();
        return targets.Select(t =>
        {
            var name = map.FirstOrDefault(s => s.Id == t.StakeholderId)?.Name ?? t.StakeholderName;
            var met = metByContact.Contains(t.StakeholderId) || pastTitles.Any(title => PersonNames.NamedIn(title, name, others));
            return new TargetState(t, name, met);
        }).ToList();
    }

    /// <summary>True when a contact note says it was a meeting ("met with her", "1:1 at City Hall", "reunión con su equipo").</summary>
    public static bool IsMeeting(string? note)
    {
        var key = $" {CampaignStore.Key(note)} ";
        return MeetingWords.Any(w => key.Contains($" {w} ", StringComparison.Ordinal));
    }

    // Meetings that took place since the campaign began (dates skipped one by one did not happen, nor did cancelled meetings).
    private async Task<IReadOnlyList<string>> PastMeetingTitlesAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken) =>
        calendars.FirstOrDefault() is { } calendar ? (await calendar.HeldAsync(since, now, cancellationToken)).Select(m => m.Title).ToList() : [];
}
