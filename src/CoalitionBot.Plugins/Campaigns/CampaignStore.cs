using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>
/// The coalition's campaigns: finding one by a forgiving name, their checklists, and the history every change writes in the
/// same save. Scoped to a command's coalition. Other plugins (tasks) use it as <see cref="ICampaignLookup"/>.
/// </summary>
public sealed partial class CampaignStore(CampaignsDbContext db, TimeProvider clock) : ICampaignLookup
{
    /// <summary>How long an advance waits for its Confirm press.</summary>
    internal static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(24);

    internal CampaignsDbContext Db => db;

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
            return (null, Markup.Format($"{found.Name} {context.Say("is closed. A lead reopens it with", "está cerrada. Un coordinador la reabre con")} `/campaign reopen {found.Name}`."));
        }

        return (found, error);
    }

    private async Task<(Campaign? Campaign, string? Error)> FindCampaignAsync(string? name, CommandContext context, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return (null, context.Say(
                "There is no campaign yet. A lead starts one with `/campaign start <name> <goal>`.",
                "Todavía no hay campañas. Un coordinador puede crear una con `/campaign start <nombre> <meta>`."));
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
                return (null, Markup.Format($"{context.Say("Every campaign is closed", "Todas las campañas están cerradas")} ({string.Join(", ", all.Select(c => c.Name))}). ")
                    + context.Say("Name one with `campaign:<name>`, or start a new one with `/campaign start`.", "Indique una con `campaign:<nombre>`, o inicie otra con `/campaign start`."));
            }

            var names = string.Join(", ", active.Select(c => c.Name));
            return (null, Markup.Format($"{context.Say("Several campaigns are active", "Hay varias campañas activas")} ({names}). ") + context.Say("Add `campaign:<name>` to say which.", "Agregue `campaign:<nombre>` para indicar cuál."));
        }

        var found = Match(name, all, c => [c.Name]);
        if (found.Count == 1)
        {
            return (found[0], null);
        }

        if (found.Count > 1)
        {
            return (null, Markup.Format($"“{name}” {context.Say("fits several campaigns", "coincide con varias campañas")}: {string.Join(", ", found.Select(c => c.Name))}. {context.Say("Type more of the name.", "Escriba más del nombre.")}"));
        }

        return (null, Markup.Format($"{context.Say("No campaign is called", "Ninguna campaña se llama")} “{name}”. {context.Say("Campaigns", "Campañas")}: {string.Join(", ", all.Select(c => c.Name))}."));
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
                db.Items.Add(new CampaignItem { CampaignId = campaign.Id, Step = item.Step, Position = ++position, SeedKey = item.Key, Text = item.Text.En });
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
    internal static List<CampaignItem> FindItems(string typed, IReadOnlyList<CampaignItem> items)
    {
        var number = ItemNumber().Match(typed.Trim());
        if (number.Success)
        {
            var step = int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture);
            var index = int.Parse(number.Groups[2].Value, CultureInfo.InvariantCulture);
            var ofStep = items.Where(i => (int)i.Step == step).ToList();
            return index >= 1 && index <= ofStep.Count ? [ofStep[index - 1]] : [];
        }

        return Match(typed, items, CampaignSteps.TextsOf);
    }

    /// <summary>Deletes confirmations nobody pressed in time.</summary>
    internal Task DeleteExpiredConfirmationsAsync(CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow() - ConfirmLifetime;
        return db.PendingAdvances.Where(p => p.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"^([1-6])\.(\d{1,3})$")]
    private static partial Regex ItemNumber();
}
