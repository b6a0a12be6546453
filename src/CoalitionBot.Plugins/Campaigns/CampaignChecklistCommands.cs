using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A campaign's checklist (<c>/campaign check</c>, <c>uncheck</c>, <c>item add</c>, <c>item remove</c>) and its targets from the power map (<c>/campaign target add</c>, <c>remove</c>).</summary>
internal sealed class CampaignChecklistCommands(CampaignStore store, IEnumerable<IPowerMap> powerMaps) : CampaignModule
{
    [Command("campaign check", "Check off a checklist item, by number (2.3) or text", Role = Role.Lead)]
    public Task<CommandResult> CheckAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax)] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default) =>
        SetDoneAsync(item, campaign, done: true, cancellationToken);

    [Command("campaign uncheck", "Uncheck a checklist item", Role = Role.Lead)]
    public Task<CommandResult> UncheckAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax)] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default) =>
        SetDoneAsync(item, campaign, done: false, cancellationToken);

    [Command("campaign item add", "Add a checklist item to a step", Role = Role.Lead)]
    public async Task<CommandResult> ItemAddAsync(
        [Option("The step, 1 to 6")] CampaignStep step,
        [Option("What needs doing", Remainder = true, MaxLength = CampaignLimits.ItemMax)] string text,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var (item, number) = await store.AddItemAsync(found, step, text.Trim(), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.item.added", new { number, item = item.Text, step = CampaignSteps.Label(step, Context.Strings), campaign = found.Name }) });
    }

    [Command("campaign item remove", "Remove a checklist item", Role = Role.Lead)]
    public async Task<CommandResult> ItemRemoveAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax)] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, items, picked, answer) = await ResolveItemAsync(item, campaign, cancellationToken);
        if (picked is null)
        {
            return answer!;
        }

        var label = Label(picked, items);
        await store.RemoveItemAsync(found!, picked, Markup.ToPlainText(label.Value), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.item.removed", new { item = label }) });
    }

    private async Task<CommandResult> SetDoneAsync(string typed, string? campaign, bool done, CancellationToken cancellationToken)
    {
        var (found, items, item, answer) = await ResolveItemAsync(typed, campaign, cancellationToken);
        if (item is null)
        {
            return answer!;
        }

        var label = Label(item, items);
        if (item.Done == done)
        {
            return CommandResult.Invalid(Context.T(done ? "campaigns.check.already" : "campaigns.check.not-checked", new { item = label }));
        }

        await store.SetItemDoneAsync(found!, item, done, Markup.ToPlainText(label.Value), Context.User, cancellationToken);
        var left = items.Count(i => i.Step == item.Step && !i.Done);
        var state = left == 0
            ? Context.T("campaigns.check.step-done", new { step = (int)item.Step })
            : Context.T("campaigns.check.left", new { count = left, step = (int)item.Step });
        return CommandResult.Ok(new Reply
        {
            Text = Markup.Format($"{(done ? "☑" : "☐")} **{label}** — {new TrustedMarkup(state)}"),
        });
    }

    /// <summary>"2.3 Map the decision makers": the item's number and its text in the reader's language, as markup.</summary>
    private TrustedMarkup Label(CampaignItem item, IReadOnlyList<CampaignItem> items) =>
        new(Markup.Escape(CampaignStore.Number(item, items)) + " " + CampaignSteps.TextOf(item, Context.Strings).Value);

    private async Task<(Campaign? Campaign, List<CampaignItem> Items, CampaignItem? Item, CommandResult? Answer)> ResolveItemAsync(string typed, string? campaign, CancellationToken cancellationToken)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return (null, [], null, CommandResult.NotFound(error!));
        }

        var items = await store.ItemsAsync(found.Id, cancellationToken);
        var matches = CampaignStore.FindItems(typed, items, Context.Languages);
        if (matches.Count == 1)
        {
            return (found, items, matches[0], null);
        }

        if (matches.Count == 0)
        {
            return (found, items, null, CommandResult.NotFound(Context.T("campaigns.item.no-match", new { campaign = found.Name, typed })));
        }

        return (found, items, null, CommandResult.Ok(new Reply
        {
            Text = Context.T("campaigns.item.several", new { typed }),
            Bullets = matches.Take(10).Select(i => CampaignCards.ItemLine(i, items, Context.ReaderAt(default))).ToList(),
            Ephemeral = true,
        }) with { Kind = ResultKind.Invalid });
    }

    [Command("campaign target add", "Add a person who decides (from the power map) as a target", Role = Role.Lead)]
    public async Task<CommandResult> TargetAddAsync(
        [Option("Their name on the power map", Remainder = true, MaxLength = 100)] string name,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var (stakeholder, answer) = await FindStakeholderAsync(name, cancellationToken);
        if (stakeholder is null)
        {
            return answer!;
        }

        if (await store.IsTargetAsync(found.Id, stakeholder.Id, cancellationToken))
        {
            return CommandResult.Invalid(Context.T("campaigns.target.already", new { name = stakeholder.Name, campaign = found.Name }));
        }

        await store.AddTargetAsync(found, stakeholder, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Context.T("campaigns.target.added", new { name = stakeholder.Name, campaign = found.Name }),
        });
    }

    [Command("campaign target remove", "Remove a target", Role = Role.Lead)]
    public async Task<CommandResult> TargetRemoveAsync(
        [Option("Their name", Remainder = true, MaxLength = 100)] string name,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var targets = await store.TargetsAsync(found.Id, cancellationToken);
        var matches = CampaignStore.Match(name, targets, t => [t.StakeholderName, PersonNames.StripTitles(CampaignStore.Key(t.StakeholderName)).Core]);
        if (matches.Count != 1)
        {
            return matches.Count == 0
                ? CommandResult.NotFound(Context.T("campaigns.target.not-found", new { name, campaign = found.Name, targets = targets.Count == 0 ? "–" : string.Join(", ", targets.Select(t => t.StakeholderName)) }))
                : CommandResult.Invalid(Context.T("campaigns.target.several", new { name, targets = string.Join(", ", matches.Select(t => t.StakeholderName)) }));
        }

        await store.RemoveTargetAsync(found, matches[0], Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.target.removed", new { name = matches[0].StakeholderName, campaign = found.Name }) });
    }

    private async Task<(StakeholderRef? Found, CommandResult? Answer)> FindStakeholderAsync(string name, CancellationToken cancellationToken)
    {
        var directory = powerMaps.FirstOrDefault();
        if (directory is null)
        {
            return (null, CommandResult.Invalid(Context.T("campaigns.target.no-power-map")));
        }

        var match = await directory.FindAsync(name, cancellationToken);
        if (match.Single is { } one)
        {
            return (one, null);
        }

        return match.IsEmpty
            ? (null, CommandResult.NotFound(Context.T("campaigns.target.unknown", new { name })))
            : (null, CommandResult.Invalid(Context.T("campaigns.target.ambiguous", new { name, people = string.Join(", ", match.Candidates.Select(c => c.Name)) })));
    }
}
