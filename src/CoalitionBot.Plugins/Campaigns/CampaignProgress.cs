using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Stakeholders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

/// <summary>The next meeting of the meetings plugin.</summary>
internal sealed record NextMeeting(Meeting Meeting, DateTimeOffset Start);

/// <summary>Everything <c>/campaign status</c> shows, read at one instant.</summary>
internal sealed record CampaignSnapshot(
    Campaign Campaign,
    IReadOnlyList<CampaignItem> Items,
    IReadOnlyList<CampaignTask>? Tasks,
    IReadOnlyList<TargetState> Targets,
    IReadOnlyList<CampaignMetric> Metrics,
    IReadOnlyList<CampaignDate> Dates,
    NextMeeting? NextMeeting,
    IReadOnlyList<StepProgress> Steps,
    DateTimeOffset Now);

/// <summary>
/// Reads a campaign's progress from its own tables and from the plugins it builds on, each optional: tasks (the task
/// source), targets met (the power map's logged meetings, and the meetings plugin's past meetings naming them), and the
/// next meeting. A plugin that is off simply contributes nothing.
/// </summary>
internal sealed class CampaignProgress(CampaignStore store, IEnumerable<ICampaignTaskSource> taskSources, IServiceProvider services, TimeProvider clock)
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
        var db = store.Db;
        var items = await store.ItemsAsync(campaign.Id, cancellationToken);
        var source = taskSources.FirstOrDefault();
        var tasks = source is null ? null : await source.ListAsync(campaign.Id, cancellationToken);
        var metrics = (await db.Metrics.Where(m => m.CampaignId == campaign.Id).ToListAsync(cancellationToken)).OrderBy(m => m.Step).ThenBy(m => m.NameKey, StringComparer.Ordinal).ToList();
        var dates = (await db.Dates.Where(d => d.CampaignId == campaign.Id).ToListAsync(cancellationToken)).OrderBy(d => d.At).ToList();
        var targets = await TargetsAsync(campaign, now, cancellationToken);
        var next = await NextMeetingAsync(now, cancellationToken);
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
        var targets = await store.Db.Targets.Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        if (targets.Count == 0)
        {
            return [];
        }

        var ids = targets.Select(t => t.StakeholderId).ToList();
        var stakeholdersDb = services.GetService<StakeholdersDbContext>();
        var map = stakeholdersDb is null ? [] : await stakeholdersDb.Stakeholders.AsNoTracking().ToListAsync(cancellationToken);
        var metByContact = new HashSet<long>();
        if (stakeholdersDb is not null)
        {
            var contacts = await stakeholdersDb.Events.AsNoTracking()
                .Where(e => ids.Contains(e.StakeholderId) && e.Kind == StakeholderEventKind.Contact && e.At >= campaign.CreatedAt)
                .ToListAsync(cancellationToken);
            metByContact.UnionWith(contacts.Where(e => IsMeeting(e.Note)).Select(e => e.StakeholderId));
        }

        var pastTitles = await PastMeetingTitlesAsync(campaign.CreatedAt, now, cancellationToken);
        return targets.Select(t =>
        {
            var stakeholder = map.FirstOrDefault(s => s.Id == t.StakeholderId);
            var name = stakeholder?.Name ?? t.StakeholderName;
            var met = metByContact.Contains(t.StakeholderId) || pastTitles.Any(title => TitleNames(title, name, map));
            return new TargetState(t, name, met);
        }).ToList();
    }

    /// <summary>True when a contact note says it was a meeting ("met with her", "1:1 at City Hall", "reunión con su equipo").</summary>
    public static bool IsMeeting(string? note)
    {
        var key = $" {CampaignStore.Key(note)} ";
        return MeetingWords.Any(w => key.Contains($" {w} ", StringComparison.Ordinal));
    }

    /// <summary>
    /// True when a meeting title names the stakeholder: their whole name (titles like "Council Member" ignored), or their
    /// last name when no one else on the map shares it ("1:1 with CM Ruiz" names Ana Ruiz unless there is also a Tomás Ruiz).
    /// </summary>
    public static bool TitleNames(string title, string name, IReadOnlyList<Stakeholder> map)
    {
        var titleWords = $" {CampaignStore.Key(title)} ";
        var core = StakeholderNames.StripTitles(CampaignStore.Key(name)).Core;
        if (core.Length == 0)
        {
            return false;
        }

        if (titleWords.Contains($" {core} ", StringComparison.Ordinal))
        {
            return true;
        }

        var last = core.Split(' ')[^1];
        if (last.Length < 3 || !titleWords.Contains($" {last} ", StringComparison.Ordinal))
        {
            return false;
        }

        var sharing = map.Count(s => StakeholderNames.StripTitles(s.NameKey).Core.Split(' ')[^1] == last);
        return sharing <= 1;
    }

    private async Task<List<string>> PastMeetingTitlesAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meetingsDb = services.GetService<MeetingsDbContext>();
        if (meetingsDb is null || now <= since)
        {
            return [];
        }

        var meetings = await meetingsDb.Meetings.AsNoTracking().ToListAsync(cancellationToken);
        var skips = await SkipsAsync(meetingsDb, cancellationToken);

        // Dates skipped one by one did not happen, so they do not count (nor do meetings cancelled as a whole).
        return meetings.Where(m => Recurrence.Occurrences(m, since, now, skips.GetValueOrDefault(m.Id)).Any()).Select(m => m.Title).ToList();
    }

    private async Task<NextMeeting?> NextMeetingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var meetingsDb = services.GetService<MeetingsDbContext>();
        if (meetingsDb is null)
        {
            return null;
        }

        var meetings = await meetingsDb.Meetings.AsNoTracking().Where(m => !m.Cancelled).ToListAsync(cancellationToken);
        var skips = await SkipsAsync(meetingsDb, cancellationToken);
        return meetings
            .Select(m => (Meeting: m, Start: Recurrence.Occurrences(m, now, now + TimeSpan.FromDays(400), skips.GetValueOrDefault(m.Id)).FirstOrDefault()))
            .Where(x => x.Start != default)
            .OrderBy(x => x.Start).ThenBy(x => x.Meeting.Number)
            .Select(x => new NextMeeting(x.Meeting, x.Start))
            .FirstOrDefault();
    }

    private static async Task<Dictionary<long, IReadOnlySet<DateTimeOffset>>> SkipsAsync(MeetingsDbContext meetingsDb, CancellationToken cancellationToken) =>
        (await meetingsDb.Skips.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(s => s.MeetingId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<DateTimeOffset>)g.Select(s => s.OccurrenceStart).ToHashSet());
}
