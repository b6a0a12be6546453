using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A campaign's checklist (<c>/campaign check</c>, <c>uncheck</c>, <c>item add</c>, <c>item remove</c>) and its targets from the power map (<c>/campaign target add</c>, <c>remove</c>).</summary>
internal sealed class CampaignChecklistCommands(CampaignStore store, IEnumerable<IPowerMap> powerMaps) : CampaignModule
{
    [Command("campaign check", "Check off a checklist item, by number (2.3) or text", Role = Role.Lead, DescriptionEs = "Marcar un punto de la lista, por número (2.3) o texto")]
    public Task<CommandResult> CheckAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax, DescriptionEs = "El punto: su número como 2.3, o palabras de su texto")] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default) =>
        SetDoneAsync(item, campaign, done: true, cancellationToken);

    [Command("campaign uncheck", "Uncheck a checklist item", Role = Role.Lead, DescriptionEs = "Desmarcar un punto de la lista")]
    public Task<CommandResult> UncheckAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax, DescriptionEs = "El punto: su número como 2.3, o palabras de su texto")] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default) =>
        SetDoneAsync(item, campaign, done: false, cancellationToken);

    [Command("campaign item add", "Add a checklist item to a step", Role = Role.Lead, DescriptionEs = "Agregar un punto a la lista de un paso")]
    public async Task<CommandResult> ItemAddAsync(
        [Option("The step, 1 to 6", DescriptionEs = "El paso, del 1 al 6")] CampaignStep step,
        [Option("What needs doing", Remainder = true, MaxLength = CampaignLimits.ItemMax, DescriptionEs = "Lo que hay que hacer")] string text,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var (item, number) = await store.AddItemAsync(found, step, text.Trim(), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{Say("Added", "Agregado")} `{number}` {item.Text} — {CampaignSteps.Label(step, Spanish)}, {found.Name}.") });
    }

    [Command("campaign item remove", "Remove a checklist item", Role = Role.Lead, DescriptionEs = "Quitar un punto de la lista")]
    public async Task<CommandResult> ItemRemoveAsync(
        [Option("The item: its number like 2.3, or words of its text", Remainder = true, MaxLength = CampaignLimits.ItemMax, DescriptionEs = "El punto: su número como 2.3, o palabras de su texto")] string item,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, items, picked, answer) = await ResolveItemAsync(item, campaign, cancellationToken);
        if (picked is null)
        {
            return answer!;
        }

        var label = $"{CampaignStore.Number(picked, items)} {CampaignSteps.TextOf(picked, Spanish)}";
        await store.RemoveItemAsync(found!, picked, label, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{Say("Removed", "Quitado")} **{label}**. {Say("The items after it in that step move up one number.", "Los puntos que seguían en ese paso suben un número.")}") });
    }

    private async Task<CommandResult> SetDoneAsync(string typed, string? campaign, bool done, CancellationToken cancellationToken)
    {
        var (found, items, item, answer) = await ResolveItemAsync(typed, campaign, cancellationToken);
        if (item is null)
        {
            return answer!;
        }

        var label = $"{CampaignStore.Number(item, items)} {CampaignSteps.TextOf(item, Spanish)}";
        if (item.Done == done)
        {
            return CommandResult.Invalid(Markup.Format($"**{label}** {(done ? Say("is already checked.", "ya está marcado.") : Say("is not checked.", "no está marcado."))}"));
        }

        await store.SetItemDoneAsync(found!, item, done, label, Context.User, cancellationToken);
        var left = items.Count(i => i.Step == item.Step && !i.Done);
        return CommandResult.Ok(new Reply
        {
            Text = Markup.Format($"{(done ? "☑" : "☐")} **{label}** — {(left == 0 ? Say($"every item of step {(int)item.Step} is checked.", $"todos los puntos del paso {(int)item.Step} están marcados.") : Say($"{left} left in step {(int)item.Step}.", $"quedan {left} en el paso {(int)item.Step}."))}"),
        });
    }

    private async Task<(Campaign? Campaign, List<CampaignItem> Items, CampaignItem? Item, CommandResult? Answer)> ResolveItemAsync(string typed, string? campaign, CancellationToken cancellationToken)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return (null, [], null, CommandResult.NotFound(error!));
        }

        var items = await store.ItemsAsync(found.Id, cancellationToken);
        var matches = CampaignStore.FindItems(typed, items);
        if (matches.Count == 1)
        {
            return (found, items, matches[0], null);
        }

        if (matches.Count == 0)
        {
            return (found, items, null, CommandResult.NotFound(Markup.Format($"{Say("No checklist item of", "Ningún punto de la lista de")} {found.Name} {Say("matches", "coincide con")} “{typed}”. ") + Say("Use its number from `/campaign status`, like 2.3.", "Use su número de `/campaign status`, como 2.3.")));
        }

        return (found, items, null, CommandResult.Ok(new Reply
        {
            Text = Markup.Format($"“{typed}” {Say("fits several items; use the number:", "coincide con varios puntos; use el número:")}"),
            Bullets = matches.Take(10).Select(i => CampaignCards.ItemLine(i, items, Spanish)).ToList(),
            Ephemeral = true,
        }) with { Kind = ResultKind.Invalid });
    }

    [Command("campaign target add", "Add a person who decides (from the power map) as a target", Role = Role.Lead, DescriptionEs = "Agregar como objetivo a una persona que decide (del mapa de poder)")]
    public async Task<CommandResult> TargetAddAsync(
        [Option("Their name on the power map", Remainder = true, MaxLength = 100, DescriptionEs = "Su nombre en el mapa de poder")] string name,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
            return CommandResult.Invalid(Markup.Format($"**{stakeholder.Name}** {Say("is already a target of", "ya es objetivo de")} {found.Name}."));
        }

        await store.AddTargetAsync(found, stakeholder, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Markup.Format($"**{stakeholder.Name}** {Say("is a target of", "es objetivo de")} {found.Name}. {Say("A meeting with them (a contact logged as a meeting, or a meeting whose title names them) counts toward step 4.", "Una reunión con esa persona (un contacto anotado como reunión, o una reunión cuyo título la nombre) cuenta para el paso 4.")}"),
        });
    }

    [Command("campaign target remove", "Remove a target", Role = Role.Lead, DescriptionEs = "Quitar un objetivo")]
    public async Task<CommandResult> TargetRemoveAsync(
        [Option("Their name", Remainder = true, MaxLength = 100, DescriptionEs = "Su nombre")] string name,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
                ? CommandResult.NotFound(Markup.Format($"“{name}” {Say("is not a target of", "no es objetivo de")} {found.Name}. {Say("Targets", "Objetivos")}: {(targets.Count == 0 ? "–" : string.Join(", ", targets.Select(t => t.StakeholderName)))}."))
                : CommandResult.Invalid(Markup.Format($"“{name}” {Say("fits several targets", "coincide con varios objetivos")}: {string.Join(", ", matches.Select(t => t.StakeholderName))}. {Say("Type more of the name.", "Escriba más del nombre.")}"));
        }

        await store.RemoveTargetAsync(found, matches[0], Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"**{matches[0].StakeholderName}** {Say("is no longer a target of", "ya no es objetivo de")} {found.Name}.") });
    }

    private async Task<(StakeholderRef? Found, CommandResult? Answer)> FindStakeholderAsync(string name, CancellationToken cancellationToken)
    {
        var directory = powerMaps.FirstOrDefault();
        if (directory is null)
        {
            return (null, CommandResult.Invalid(Say("Targets come from the power map, and the stakeholders plugin is off. Ask an admin to enable it in plugins.json.",
                "Los objetivos vienen del mapa de poder, y el plugin de actores (stakeholders) está desactivado. Pida a un administrador que lo active en plugins.json.")));
        }

        var match = await directory.FindAsync(name, cancellationToken);
        if (match.Single is { } one)
        {
            return (one, null);
        }

        return match.IsEmpty
            ? (null, CommandResult.NotFound(Markup.Format($"{Say("No one on the power map is called", "Nadie en el mapa de poder se llama")} “{name}”. ") + Say("Add them with `/stakeholder add` or look with `/stakeholder find`.", "Agréguelo con `/stakeholder add` o busque con `/stakeholder find`.")))
            : (null, CommandResult.Invalid(Markup.Format($"“{name}” {Say("fits several people on the map", "coincide con varias personas del mapa")}: {string.Join(", ", match.Candidates.Select(c => c.Name))}. {Say("Type the full name.", "Escriba el nombre completo.")}")));
    }
}
