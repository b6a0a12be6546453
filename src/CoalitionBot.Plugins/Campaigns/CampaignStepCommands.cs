using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Moving a campaign between steps: <c>/campaign advance</c> with its Confirm and Cancel buttons, and <c>/campaign back</c>, each announced in the campaign channel.</summary>
internal sealed class CampaignStepCommands(CampaignStore store, Outbox outbox, CoalitionBotDbContext coreDb, LanguageCatalogs languages, TimeProvider clock) : CampaignModule
{
    public const string Source = "campaigns";

    [Command("campaign advance", "Move the campaign on to the next step (asks to confirm)", Role = Role.Lead)]
    public async Task<CommandResult> AdvanceAsync(
        [Option("Why now, for the history and the announcement", Remainder = true, MaxLength = CampaignLimits.NoteMax)] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.Step == CampaignStep.Reconciliation)
        {
            return CommandResult.Invalid(Context.T("campaigns.advance.last", new { campaign = found.Name, step = CampaignSteps.Name(found.Step, Context.Strings) }));
        }

        var pending = await store.QueueAdvanceAsync(found, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Context.User, cancellationToken);

        var items = await store.ItemsAsync(found.Id, cancellationToken);
        var reader = Context.ReaderAt(clock.GetUtcNow());
        var open = items.Where(i => i.Step == found.Step && !i.Done).Select(i => CampaignCards.ItemLine(i, items, reader)).ToList();
        var next = found.Step + 1;
        var value = string.Create(CultureInfo.InvariantCulture, $"{pending.Id}:{found.Id}:{(int)found.Step}");
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("campaigns.advance.title", new { campaign = found.Name, step = (int)next }),
            Text = Context.T("campaigns.advance.text", new { from = CampaignSteps.Label(found.Step, Context.Strings), to = CampaignSteps.Label(next, Context.Strings) }),
            Fields =
            [
                new ReplyField(
                    open.Count == 0 ? Context.T("campaigns.advance.checklist") : Context.T("campaigns.advance.unchecked", new { step = (int)found.Step, count = open.Count }),
                    open.Count == 0 ? Context.T("campaigns.advance.all-checked") : CampaignCards.Lines(open, reader)),
            ],
            Footer = Context.T("campaigns.advance.footer"),
            Buttons =
            [
                new ReplyButton(CampaignCards.ConfirmAction, Context.T("campaigns.advance.confirm"), value, ButtonStyle.Primary),
                new ReplyButton(CampaignCards.CancelAction, Context.T("campaigns.advance.cancel"), value),
            ],
            Ephemeral = true,
        });
    }

    [Button(CampaignCards.ConfirmAction, Role = Role.Lead)]
    public async Task<CommandResult> ConfirmAdvanceAsync(string value, CancellationToken cancellationToken = default)
    {
        if (!TryReadButton(value, out var pendingId, out var campaignId, out var fromStep))
        {
            return CommandResult.Invalid(Context.T("campaigns.advance.broken"));
        }

        var pending = await store.PendingAdvanceAsync(pendingId, campaignId, fromStep, cancellationToken);
        if (pending is null)
        {
            return CommandResult.Invalid(Context.T("campaigns.advance.done-already"));
        }

        var campaign = await store.ByIdAsync(campaignId, cancellationToken);
        if (campaign is not null && campaign.Step == fromStep && pending.CreatedAt < clock.GetUtcNow() - CampaignStore.ConfirmLifetime)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(Context.T("campaigns.advance.expired"));
        }

        if (campaign?.ClosedAt is not null)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(Context.T("campaigns.advance.closed", new { campaign = campaign.Name }));
        }

        if (campaign is null || campaign.Step != fromStep)
        {
            store.DropAdvance(pending);
            await store.SaveAsync(cancellationToken);
            return CommandResult.Invalid(campaign is null
                ? Context.T("campaigns.advance.gone")
                : Context.T("campaigns.advance.out-of-date", new { step = CampaignSteps.Label(campaign.Step, Context.Strings) }));
        }

        store.DropAdvance(pending);
        var moved = await MoveAndAnnounceAsync(campaign, campaign.Step + 1, CampaignEventKind.Advanced, pending.Note, cancellationToken);
        return moved is null
            ? CommandResult.Invalid(Context.T("campaigns.advance.done-already"))
            : CommandResult.Update(moved);
    }

    [Button(CampaignCards.CancelAction, Role = Role.Lead)]
    public async Task<CommandResult> CancelAdvanceAsync(string value, CancellationToken cancellationToken = default)
    {
        var deleted = TryReadButton(value, out var pendingId, out var campaignId, out _)
            ? await store.CancelAdvanceAsync(pendingId, campaignId, cancellationToken)
            : 0;
        return deleted == 0
            ? CommandResult.Invalid(Context.T("campaigns.advance.nothing-to-cancel"))
            : CommandResult.Update(new Reply { Text = Context.T("campaigns.advance.cancelled"), Ephemeral = true });
    }

    [Command("campaign back", "Go back one step to re-assess (announced)", Role = Role.Lead)]
    public async Task<CommandResult> BackAsync(
        [Option("Why, for the history and the announcement", Remainder = true, MaxLength = CampaignLimits.NoteMax)] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.Step == CampaignStep.InformationGathering)
        {
            return CommandResult.Invalid(Context.T("campaigns.back.first", new { campaign = found.Name, step = CampaignSteps.Name(found.Step, Context.Strings) }));
        }

        var moved = await MoveAndAnnounceAsync(found, found.Step - 1, CampaignEventKind.SteppedBack, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), cancellationToken);
        return moved is null
            ? CommandResult.Invalid(Context.T("campaigns.back.conflict"))
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
            // Posted for the whole channel: in the coalition's language (any loaded one), not the lead's own.
            var coalition = languages.ReaderFor(settings?.Language, Context.TimeZone, clock.GetUtcNow());
            var message = CampaignCards.StepChanged(campaign, from, Context.User.Name, entry.Detail, items, coalition);
            var key = string.Create(CultureInfo.InvariantCulture, $"campaign:{campaign.Id}:step:{(int)campaign.Step}:{entry.Id}");
            await outbox.EnqueueAsync(new OutboxItem(key, Source, MessageTarget.ToChannel(channel), message, clock.GetUtcNow()), cancellationToken);
        }

        var reader = Context.ReaderAt(clock.GetUtcNow());
        var open = items.Where(i => i.Step == campaign.Step && !i.Done).Select(i => CampaignCards.ItemLine(i, items, reader)).ToList();
        return new Reply
        {
            Text = Context.T("campaigns.moved", new { campaign = campaign.Name, step = CampaignSteps.Label(campaign.Step, Context.Strings) }) + " " + (channel is not null
                ? Context.T("campaigns.moved.announced", new { channel = new TrustedMarkup(channel.Mention) })
                : Context.T("campaigns.moved.no-channel")),
            Fields = open.Count == 0 ? [] : [new ReplyField(Context.T("campaigns.step.needs", new { step = (int)campaign.Step }), CampaignCards.Lines(open, reader))],
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
