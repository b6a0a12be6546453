using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>
/// The coalition's campaigns: finding one by a forgiving name, their checklists, and the history every change writes in the
/// same save. Scoped to a command's coalition. Other plugins (tasks) use it as <see cref="ICampaignLookup"/>.
/// </summary>
public sealed partial class CampaignStore(CampaignsDbContext db, LanguageCatalogs languages, TimeProvider clock) : ICampaignLookup
{
    /// <summary>How long an advance waits for its Confirm press.</summary>
    internal static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public async Task<CampaignLookupResult> FindAsync(string? name, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (campaign, error) = await ResolveAsync(name, context, cancellationToken, forChange: true);
        return campaign is null ? CampaignLookupResult.Failed(error!) : CampaignLookupResult.Found(new CampaignRef(campaign.Id, campaign.Name));
    }

    /// <summary>Every campaign of the coalition, by name.</summary>
    internal async Task<List<Campaign>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Campaigns.ToListAsync(cancellationToken)).OrderBy(c => c.NameKey, StringComparer.Ordinal).ToList();

    /// <summary>The campaign a typed name means (exact, then every word, then word beginnings), or with no name the only active one; else what to type.</summary>
    /// <remarks>With <paramref name="forChange"/> (commands that change the campaign or tag work with it) a closed campaign is refused.</remarks>
    internal async Task<(Campaign? Campaign, string? Error)> ResolveAsync(string? name, CommandContext context, CancellationToken cancellationToken, bool forChange = false)
    {
        var (found, error) = await FindCampaignAsync(name, context, cancellationToken);
        if (found?.ClosedAt is not null && forChange)
        {
            return (null, context.T("campaigns.find.closed", new { campaign = found.Name }));
        }

        return (found, error);
    }

    private async Task<(Campaign? Campaign, string? Error)> FindCampaignAsync(string? name, CommandContext context, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return (null, context.T("campaigns.find.none"));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            var active = all.Where(c => c.ClosedAt is null).ToList();
            if (active.Count == 1)
            {
                return (active[0], null);
            }

            if (active.Count == 0)
            {
                return (null, context.T("campaigns.find.all-closed", new { campaigns = string.Join(", ", all.Select(c => c.Name)) }));
            }

            var names = string.Join(", ", active.Select(c => c.Name));
            return (null, context.T("campaigns.find.several-active", new { campaigns = names }));
        }

        var found = Match(name, all, c => [c.Name]);
        if (found.Count == 1)
        {
            return (found[0], null);
        }

        if (found.Count > 1)
        {
            return (null, context.T("campaigns.find.ambiguous", new { name, campaigns = string.Join(", ", found.Select(c => c.Name)) }));
        }

        return (null, context.T("campaigns.find.unknown", new { name, campaigns = string.Join(", ", all.Select(c => c.Name)) }));
    }

    /// <summary>Name-forgiving match: same key, then every typed word as a word, then as a word beginning (3+ letters).</summary>
    internal static List<T> Match<T>(string typed, IReadOnlyList<T> all, Func<T, IEnumerable<string>> texts)
    {
        var key = Key(typed);
        if (key.Length == 0)
        {
            return [];
        }

        var keyed = all.Select(x => (Item: x, Keys: texts(x).Select(Key).ToList())).ToList();
        var exact = keyed.Where(x => x.Keys.Contains(key)).Select(x => x.Item).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var words = key.Split(' ');
        var whole = keyed.Where(x => x.Keys.Any(k => words.All(w => k.Split(' ').Contains(w)))).Select(x => x.Item).ToList();
        if (whole.Count > 0)
        {
            return whole;
        }

        return keyed.Where(x => x.Keys.Any(k => words.All(w => w.Length >= 3 && k.Split(' ').Any(n => n.StartsWith(w, StringComparison.Ordinal)))))
            .Select(x => x.Item).ToList();
    }

    /// <summary>Lowercase, no accents, punctuation as single spaces.</summary>
    internal static string Key(string? text) => PersonNames.Key(text);

    /// <summary>Starts a campaign with the toolkit's checklist; the "started" history entry is written in the same save.</summary>
    internal async Task<Campaign> StartAsync(string name, string goal, ChannelRef? channel, UserRef by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Name = name,
            NameKey = Key(name),
            Goal = goal,
            Step = CampaignStep.InformationGathering,
            ChannelId = channel?.Id,
            ChannelName = channel?.Name,
            CreatedBy = by.Name,
            CreatedAt = now,
            StepChangedAt = now,
        };

        // The items and the history entry need the campaign's id; one transaction keeps them whole.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var group in CampaignSteps.Defaults.GroupBy(d => d.Step))
        {
            var position = 0;
            foreach (var item in group)
            {
                // The English text is kept beside the key, so the data stays readable outside the bot (exports, other tools).
                var english = languages.Find(LanguageCatalogs.English, item.TextKey)?.Entry.Template.Text ?? item.Key;
                db.Items.Add(new CampaignItem { CampaignId = campaign.Id, Step = item.Step, Position = ++position, SeedKey = item.Key, Text = english });
            }
        }

        Record(campaign, CampaignEventKind.Started, campaign.Step, goal, by);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return campaign;
    }

    /// <summary>Adds a history entry for the next save.</summary>
    internal CampaignEvent Record(Campaign campaign, CampaignEventKind kind, CampaignStep? step, string? detail, UserRef by)
    {
        var entry = new CampaignEvent
        {
            CampaignId = campaign.Id,
            Kind = kind,
            Step = step,
            Detail = string.IsNullOrWhiteSpace(detail) ? null : Clip(detail.Trim(), 400),
            ByUserId = by.Id,
            ByName = by.Name,
            At = clock.GetUtcNow(),
        };
        db.Events.Add(entry);
        return entry;
    }

    /// <summary>The campaign's checklist, by step and position.</summary>
    internal async Task<List<CampaignItem>> ItemsAsync(long campaignId, CancellationToken cancellationToken) =>
        (await db.Items.Where(i => i.CampaignId == campaignId).ToListAsync(cancellationToken))
            .OrderBy(i => i.Step).ThenBy(i => i.Position).ThenBy(i => i.Id).ToList();

    /// <summary>An item's number as people type it: <c>2.3</c> is the third item of step 2.</summary>
    internal static string Number(CampaignItem item, IReadOnlyList<CampaignItem> items) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)item.Step}.{items.Where(i => i.Step == item.Step).ToList().IndexOf(item) + 1}");

    /// <summary>The items a typed number (<c>2.3</c>) or text means; several means ask which.</summary>
    /// <remarks>A toolkit item is found by its text in any loaded language (<paramref name="languages"/>), whoever typed it.</remarks>
    internal static List<CampaignItem> FindItems(string typed, IReadOnlyList<CampaignItem> items, LanguageCatalogs? languages)
    {
        var number = ItemNumber().Match(typed.Trim());
        if (number.Success)
        {
            var step = int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture);
            var index = int.Parse(number.Groups[2].Value, CultureInfo.InvariantCulture);
            var ofStep = items.Where(i => (int)i.Step == step).ToList();
            return index >= 1 && index <= ofStep.Count ? [ofStep[index - 1]] : [];
        }

        return Match(typed, items, i => CampaignSteps.TextsOf(i, languages));
    }

    /// <summary>Deletes confirmations nobody pressed in time.</summary>
    internal Task DeleteExpiredConfirmationsAsync(CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow() - ConfirmLifetime;
        return db.PendingAdvances.Where(p => p.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether a campaign of the coalition already has this name key.</summary>
    internal Task<bool> NameTakenAsync(string key, CancellationToken cancellationToken) =>
        db.Campaigns.AnyAsync(c => c.NameKey == key, cancellationToken);

    /// <summary>Saves the changes of a command together with the history entries it recorded.</summary>
    internal Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction with the messages it queues in <paramref name="outbox"/>.</summary>
    internal Task<T> WithOutboxAsync<T>(Outbox outbox, Func<Task<T>> work, CancellationToken cancellationToken) =>
        outbox.TogetherWithAsync(db, work, cancellationToken);

    /// <summary>Adds an item at the end of its step and records it; returns its number (<c>2.3</c>).</summary>
    internal async Task<(CampaignItem Item, string Number)> AddItemAsync(Campaign campaign, CampaignStep step, string text, UserRef by, CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(campaign.Id, cancellationToken);
        var item = new CampaignItem
        {
            CampaignId = campaign.Id,
            Step = step,
            Position = items.Where(i => i.Step == step).Select(i => i.Position).DefaultIfEmpty(0).Max() + 1,
            Text = text,
        };
        db.Items.Add(item);
        items.Add(item);
        var number = Number(item, items);
        Record(campaign, CampaignEventKind.ItemAdded, step, $"{number} {item.Text}", by);
        await db.SaveChangesAsync(cancellationToken);
        return (item, number);
    }

    /// <summary>Removes an item (the items after it in its step move up one number) and records it under <paramref name="label"/>.</summary>
    internal Task RemoveItemAsync(Campaign campaign, CampaignItem item, string label, UserRef by, CancellationToken cancellationToken)
    {
        db.Items.Remove(item);
        Record(campaign, CampaignEventKind.ItemRemoved, item.Step, label, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks or unchecks an item and records it under <paramref name="label"/>.</summary>
    internal Task SetItemDoneAsync(Campaign campaign, CampaignItem item, bool done, string label, UserRef by, CancellationToken cancellationToken)
    {
        item.Done = done;
        item.DoneAt = done ? clock.GetUtcNow() : null;
        item.DoneBy = done ? by.Name : null;
        Record(campaign, done ? CampaignEventKind.Checked : CampaignEventKind.Unchecked, item.Step, label, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves an advance that waits for its Confirm press, after deleting those nobody pressed in time.</summary>
    internal async Task<CampaignPendingAdvance> QueueAdvanceAsync(Campaign campaign, string? note, UserRef by, CancellationToken cancellationToken)
    {
        await DeleteExpiredConfirmationsAsync(cancellationToken);
        var pending = new CampaignPendingAdvance
        {
            CampaignId = campaign.Id,
            FromStep = campaign.Step,
            Note = note,
            UserId = by.Id,
            UserName = by.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        db.PendingAdvances.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        return pending;
    }

    /// <summary>The advance a Confirm button stands for, if nobody pressed Confirm or Cancel yet.</summary>
    internal Task<CampaignPendingAdvance?> PendingAdvanceAsync(long pendingId, long campaignId, CampaignStep fromStep, CancellationToken cancellationToken) =>
        db.PendingAdvances.FirstOrDefaultAsync(p => p.Id == pendingId && p.CampaignId == campaignId && p.FromStep == fromStep, cancellationToken);

    /// <summary>A campaign by id, closed or not; null when it no longer exists.</summary>
    internal Task<Campaign?> ByIdAsync(long campaignId, CancellationToken cancellationToken) =>
        db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);

    /// <summary>Marks a pending advance for deletion in the next save.</summary>
    internal void DropAdvance(CampaignPendingAdvance pending) => db.PendingAdvances.Remove(pending);

    /// <summary>Deletes a pending advance at once; 0 when it was already confirmed or cancelled.</summary>
    internal Task<int> CancelAdvanceAsync(long pendingId, long campaignId, CancellationToken cancellationToken) =>
        db.PendingAdvances.Where(p => p.Id == pendingId && p.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Moves the campaign and records it in one save; null when another press got there first.</summary>
    internal async Task<CampaignEvent?> MoveAsync(Campaign campaign, CampaignStep to, CampaignEventKind kind, string? note, UserRef by, CancellationToken cancellationToken)
    {
        campaign.Step = to;
        campaign.StepChangedAt = clock.GetUtcNow();
        var entry = Record(campaign, kind, to, note, by);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        return entry;
    }

    /// <summary>Closes a campaign (its pending advances go) and records why.</summary>
    internal async Task CloseAsync(Campaign campaign, string? note, UserRef by, CancellationToken cancellationToken)
    {
        campaign.ClosedAt = clock.GetUtcNow();
        Record(campaign, CampaignEventKind.Closed, null, note, by);
        await db.PendingAdvances.Where(p => p.CampaignId == campaign.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Makes a closed campaign active again and records it.</summary>
    internal Task ReopenAsync(Campaign campaign, UserRef by, CancellationToken cancellationToken)
    {
        campaign.ClosedAt = null;
        Record(campaign, CampaignEventKind.Reopened, null, null, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Announces the campaign's step changes in another channel from now on, and records it.</summary>
    internal Task SetChannelAsync(Campaign campaign, ChannelRef channel, UserRef by, CancellationToken cancellationToken)
    {
        campaign.ChannelId = channel.Id;
        campaign.ChannelName = channel.Name;
        Record(campaign, CampaignEventKind.ChannelChanged, null, "#" + (channel.Name ?? channel.Id), by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The campaign's history, newest first.</summary>
    internal Task<List<CampaignEvent>> HistoryAsync(long campaignId, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking().Where(e => e.CampaignId == campaignId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>Whether the stakeholder is already a target of the campaign.</summary>
    internal Task<bool> IsTargetAsync(long campaignId, long stakeholderId, CancellationToken cancellationToken) =>
        db.Targets.AnyAsync(t => t.CampaignId == campaignId && t.StakeholderId == stakeholderId, cancellationToken);

    /// <summary>Makes a stakeholder a target of the campaign and records it.</summary>
    internal Task AddTargetAsync(Campaign campaign, StakeholderRef stakeholder, UserRef by, CancellationToken cancellationToken)
    {
        db.Targets.Add(new CampaignTarget { CampaignId = campaign.Id, StakeholderId = stakeholder.Id, StakeholderName = stakeholder.Name, AddedAt = clock.GetUtcNow() });
        Record(campaign, CampaignEventKind.TargetAdded, CampaignStep.Negotiation, stakeholder.Name, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The campaign's targets, for changing.</summary>
    internal Task<List<CampaignTarget>> TargetsAsync(long campaignId, CancellationToken cancellationToken) =>
        db.Targets.Where(t => t.CampaignId == campaignId).ToListAsync(cancellationToken);

    /// <summary>Removes a target and records it.</summary>
    internal Task RemoveTargetAsync(Campaign campaign, CampaignTarget target, UserRef by, CancellationToken cancellationToken)
    {
        db.Targets.Remove(target);
        Record(campaign, CampaignEventKind.TargetRemoved, CampaignStep.Negotiation, target.StakeholderName, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds a key date and records it under <paramref name="detail"/>.</summary>
    internal Task AddDateAsync(Campaign campaign, CampaignDate date, string detail, UserRef by, CancellationToken cancellationToken)
    {
        db.Dates.Add(date);
        Record(campaign, CampaignEventKind.DateAdded, null, detail, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The campaign's key dates, soonest first, for changing.</summary>
    internal async Task<List<CampaignDate>> DatesAsync(long campaignId, CancellationToken cancellationToken) =>
        (await db.Dates.Where(d => d.CampaignId == campaignId).ToListAsync(cancellationToken)).OrderBy(d => d.At).ToList();

    /// <summary>Removes a key date and records it under <paramref name="detail"/>.</summary>
    internal Task RemoveDateAsync(Campaign campaign, CampaignDate date, string detail, UserRef by, CancellationToken cancellationToken)
    {
        db.Dates.Remove(date);
        Record(campaign, CampaignEventKind.DateRemoved, null, detail, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The campaign's metrics, to read.</summary>
    internal Task<List<CampaignMetric>> MetricsAsync(long campaignId, CancellationToken cancellationToken) =>
        db.Metrics.AsNoTracking().Where(m => m.CampaignId == campaignId).ToListAsync(cancellationToken);

    /// <summary>The metric of the campaign with this name key, for changing; null when it counts none.</summary>
    internal Task<CampaignMetric?> MetricAsync(long campaignId, string key, CancellationToken cancellationToken) =>
        db.Metrics.FirstOrDefaultAsync(m => m.CampaignId == campaignId && m.NameKey == key, cancellationToken);

    /// <summary>Sets a metric (a new one when <paramref name="metric"/> is not saved yet), keeps the reading for its trend and records it.</summary>
    internal Task SetMetricAsync(Campaign campaign, CampaignMetric metric, long value, long goal, CampaignStep? step, string detail, UserRef by, CancellationToken cancellationToken)
    {
        if (metric.Id == 0)
        {
            db.Metrics.Add(metric);
        }
        else if (step is { } chosen)
        {
            metric.Step = chosen;
        }

        metric.Value = value;
        metric.Goal = goal;
        metric.UpdatedAt = clock.GetUtcNow();
        db.MetricSamples.Add(new CampaignMetricSample { CampaignId = campaign.Id, Metric = metric, Value = metric.Value, Goal = metric.Goal, At = metric.UpdatedAt });
        Record(campaign, CampaignEventKind.MetricSet, metric.Step, detail, by);
        return db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A metric's readings, oldest first.</summary>
    internal async Task<List<CampaignMetricSample>> ReadingsAsync(long metricId, CancellationToken cancellationToken) =>
        InTimeOrder(await db.MetricSamples.AsNoTracking().Where(p => p.MetricId == metricId).ToListAsync(cancellationToken));

    /// <summary>The readings of every metric of the campaign, by metric id, oldest first.</summary>
    internal async Task<Dictionary<long, List<CampaignMetricSample>>> ReadingsByMetricAsync(long campaignId, CancellationToken cancellationToken) =>
        (await db.MetricSamples.AsNoTracking().Where(p => p.CampaignId == campaignId).ToListAsync(cancellationToken))
            .GroupBy(p => p.MetricId).ToDictionary(g => g.Key, g => InTimeOrder(g));

    private static List<CampaignMetricSample> InTimeOrder(IEnumerable<CampaignMetricSample> samples) =>
        samples.OrderBy(p => p.At).ThenBy(p => p.Id).ToList();

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"^([1-6])\.(\d{1,3})$")]
    private static partial Regex ItemNumber();
}
