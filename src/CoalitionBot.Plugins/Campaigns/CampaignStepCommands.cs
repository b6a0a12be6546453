using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Moving a campaign between steps: <c>/campaign advance</c> with its Confirm and Cancel buttons, and <c>/campaign back</c>, each announced in the campaign channel.</summary>
internal sealed class CampaignStepCommands(CampaignStore store, Outbox outbox, CoalitionBotDbContext coreDb, TimeProvider clock) : CampaignModule
{
    public const string Source = "campaigns";

    [Command("campaign advance", "Move the campaign on to the next step (asks to confirm)", Role = Role.Lead, DescriptionEs = "Pasar la campaña al siguiente paso (pide confirmación)")]
    public async Task<CommandResult> AdvanceAsync(
        [Option("Why now, for the history and the announcement", Remainder = true, MaxLength = CampaignLimits.NoteMax, DescriptionEs = "Por qué ahora, para el historial y el anuncio")] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.Step == CampaignStep.Reconciliation)
        {
            return CommandResult.Invalid(Markup.Format($"{found.Name} ") + Say("is on step 6, Reconciliation, the last step: there is no step after it. To re-assess, use `/campaign back`.", "está en el paso 6, Reconciliación, el último: no hay otro después. Para volver a evaluar, use `/campaign back`."));
        }

        var pending = await store.QueueAdvanceAsync(found, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Context.User, cancellationToken);

        var items = await store.ItemsAsync(found.Id, cancellationToken);
        var open = items.Where(i => i.Step == found.Step && !i.Done).Select(i => CampaignCards.ItemLine(i, items, Spanish)).ToList();
        var next = found.Step + 1;
        var value = string.Create(CultureInfo.InvariantCulture, $"{pending.Id}:{found.Id}:{(int)found.Step}");
        return CommandResult.Ok(new Reply
        {
            Title = Say($"Move {found.Name} to step {(int)next}?", $"¿Pasar {found.Name} al paso {(int)next}?"),
            Text = Markup.Format($"{Say("From", "Del")} **{CampaignSteps.Label(found.Step, Spanish)}** {Say("to", "al")} **{CampaignSteps.Label(next, Spanish)}**. {Say("The change is announced in the campaign channel.", "El cambio se anuncia en el canal de la campaña.")}"),
            Fields =
            [
                new ReplyField(
                    open.Count == 0 ? Say("Checklist", "Lista") : Say($"Still unchecked in step {(int)found.Step} ({open.Count})", $"Sin marcar en el paso {(int)found.Step} ({open.Count})"),
                    open.Count == 0 ? Say("Every item of this step is checked.", "Todos los puntos de este paso están marcados.") : CampaignCards.Lines(open, Spanish)),
            ],
            Footer = Say("Steps are not strictly in order: you can go back later with `/campaign back`.", "Los pasos no son estrictamente lineales: puede volver después con `/campaign back`."),
            Buttons =
            [
                new ReplyButton(CampaignCards.ConfirmAction, Say("Confirm", "Confirmar"), value, ButtonStyle.Primary),
                new ReplyButton(CampaignCards.CancelAction, Say("Cancel", "Cancelar"), value),
            ],
            Ephemeral = true,
        });
    }

    [Button(CampaignCards.ConfirmAction, Role = Role.Lead)]
    public async Task<CommandResult> ConfirmAdvanceAsync(string value, CancellationToken cancellationToken = default)
    {
        if (!TryReadButton(value, out var pendingId, out var campaignId, out var fromStep))
        {
            return CommandResult.Invalid(Say("That button is broken; run `/campaign advance` again.", "Ese botón no funciona; vuelva a usar `/campaign advance`."));
        }

        var pending = await store.PendingAdvanceAsync(pendingId, campaignId, fromStep, cancellationToken);
        if (pending is null)
        {
            return CommandResult.Invalid(Say("That step change was already confirmed or cancelled. See `/campaign status`.", "Ese cambio de paso ya se confirmó o se canceló. Vea `/campaign status`."));
        }

        var campaign = await store.ByIdAsync(campaignId, cancellationToken);
        if (campaign is not null && campaign.Step == fromStep && pending.CreatedAt < clock.GetUtcNow() - CampaignStore.ConfirmLifetime)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(Say("That confirmation expired (after a day). Nothing changed; run `/campaign advance` again.", "Esa confirmación venció (después de un día). No cambió nada; vuelva a usar `/campaign advance`."));
        }

        if (campaign?.ClosedAt is not null)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(Markup.Format($"{campaign.Name} {Say("was closed since: nothing changed.", "se cerró mientras tanto: no cambió nada.")}"));
        }

        if (campaign is null || campaign.Step != fromStep)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(campaign is null
                ? Say("That campaign no longer exists.", "Esa campaña ya no existe.")
                : Markup.Format($"{Say("That button is out of date: the campaign is on", "Ese botón está desactualizado: la campaña está en el")} {CampaignSteps.Label(campaign.Step, Spanish)}. ") + Say("Nothing changed; run `/campaign advance` again if needed.", "No cambió nada; vuelva a usar `/campaign advance` si hace falta."));
        }

        store.DropAdvance(pending);
        var moved = await MoveAndAnnounceAsync(campaign, campaign.Step + 1, CampaignEventKind.Advanced, pending.Note, cancellationToken);
        return moved is null
            ? CommandResult.Invalid(Say("That step change was already confirmed or cancelled. See `/campaign status`.", "Ese cambio de paso ya se confirmó o se canceló. Vea `/campaign status`."))
            : CommandResult.Update(moved);
    }

    [Button(CampaignCards.CancelAction, Role = Role.Lead)]
    public async Task<CommandResult> CancelAdvanceAsync(string value, CancellationToken cancellationToken = default)
    {
        var deleted = TryReadButton(value, out var pendingId, out var campaignId, out _)
            ? await store.CancelAdvanceAsync(pendingId, campaignId, cancellationToken)
            : 0;
        return deleted == 0
            ? CommandResult.Invalid(Say("Nothing to cancel: that step change was already confirmed or cancelled. See `/campaign status`.", "No hay nada que cancelar: ese cambio de paso ya se confirmó o se canceló. Vea `/campaign status`."))
            : CommandResult.Update(new Reply { Text = Say("Cancelled: the campaign stays on its step.", "Cancelado: la campaña sigue en el mismo paso."), Ephemeral = true });
    }

    [Command("campaign back", "Go back one step to re-assess (announced)", Role = Role.Lead, DescriptionEs = "Volver un paso para reevaluar (se anuncia)")]
    public async Task<CommandResult> BackAsync(
        [Option("Why, for the history and the announcement", Remainder = true, MaxLength = CampaignLimits.NoteMax, DescriptionEs = "Por qué, para el historial y el anuncio")] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.Step == CampaignStep.InformationGathering)
        {
            return CommandResult.Invalid(Markup.Format($"{found.Name} {Say("is on step 1, Information gathering, the first step: there is no step before it.", "está en el paso 1, Recopilación de información, el primero: no hay otro antes.")}"));
        }

        var moved = await MoveAndAnnounceAsync(found, found.Step - 1, CampaignEventKind.SteppedBack, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), cancellationToken);
        return moved is null
            ? CommandResult.Invalid(Say("The campaign changed at the same moment; see `/campaign status` and try again.", "La campaña cambió en ese mismo momento; vea `/campaign status` e intente de nuevo."))
            : CommandResult.Ok(moved);
    }

    /// <summary>Moves the campaign, records it and queues its announcement, all in one transaction; null when another press got there first.</summary>
    /// <remarks>If the announcement cannot be queued, the step does not move either, so trying again is safe.</remarks>
    private Task<Reply?> MoveAndAnnounceAsync(Campaign campaign, CampaignStep to, CampaignEventKind kind, string? note, CancellationToken cancellationToken) =>
        store.WithOutboxAsync(outbox, async () =>
        {
            var entry = await store.MoveAsync(campaign, to, kind, note, Context.User, cancellationToken);
            return entry is null ? null : await MovedReplyAsync(campaign, entry, cancellationToken);
        }, cancellationToken);

    /// <summary>Announces a step change in the campaign channel (through the outbox, in the coalition's language) and answers the lead.</summary>
    private async Task<Reply> MovedReplyAsync(Campaign campaign, CampaignEvent entry, CancellationToken cancellationToken)
    {
        var from = entry.Kind == CampaignEventKind.Advanced ? campaign.Step - 1 : campaign.Step + 1;
        var items = await store.ItemsAsync(campaign.Id, cancellationToken);
        var settings = await coreDb.TenantSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);

        // A campaign started where there is no channel falls back to the coalition's announcements channel.
        var channel = campaign.ChannelId is { } id ? new ChannelRef(id, campaign.ChannelName)
            : settings?.AnnouncementsChannelId is { } announcements ? new ChannelRef(announcements) : null;
        if (channel is not null)
        {
            var message = CampaignCards.StepChanged(campaign, from, Context.User.Name, entry.Detail, items, settings?.Language == "es");
            var key = string.Create(CultureInfo.InvariantCulture, $"campaign:{campaign.Id}:step:{(int)campaign.Step}:{entry.Id}");
            await outbox.EnqueueAsync(new OutboxItem(key, Source, MessageTarget.ToChannel(channel), message, clock.GetUtcNow()), cancellationToken);
        }

        var open = items.Where(i => i.Step == campaign.Step && !i.Done).Select(i => CampaignCards.ItemLine(i, items, Spanish)).ToList();
        return new Reply
        {
            Text = Markup.Format($"{campaign.Name} {Say("is now on", "ahora está en el")} **{CampaignSteps.Label(campaign.Step, Spanish)}**.") + " " + (channel is not null
                ? Markup.Format($"{Say("Announced in", "Anunciado en")} {new TrustedMarkup(channel.Mention)}.")
                : Say("No campaign channel is set, so it was not announced (`/campaign channel`).", "No hay canal de campaña, así que no se anunció (`/campaign channel`).")),
            Fields = open.Count == 0 ? [] : [new ReplyField(Say($"What step {(int)campaign.Step} needs", $"Lo que necesita el paso {(int)campaign.Step}"), CampaignCards.Lines(open, Spanish))],
            Ephemeral = true,
        };
    }

    private static bool TryReadButton(string value, out long pendingId, out long campaignId, out CampaignStep step)
    {
        pendingId = 0;
        campaignId = 0;
        step = default;
        var parts = value.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out pendingId)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out campaignId)
            || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var number) || !Enum.IsDefined((CampaignStep)number))
        {
            return false;
        }

        step = (CampaignStep)number;
        return true;
    }
}
