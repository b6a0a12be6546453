using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>The <c>/campaign</c> commands that start, show and close a campaign: the escalation tracker through the six steps of nonviolent social change.</summary>
internal sealed class CampaignCommands(CampaignStore store, CampaignProgress progress, TimeProvider clock) : CampaignModule
{
    // /campaign history draws the trend of this many metrics (those with readings, by name); /campaign trend shows any.
    private const int HistoryCharts = 3;

    [Command("campaign start", "Start a campaign with a concrete goal", Role = Role.Lead)]
    public async Task<CommandResult> StartAsync(
        [Option("A short name, like \"Springfield sanctuary\"", MaxLength = CampaignLimits.NameMax)] string name,
        [Option("The concrete goal, like: Springfield ends its 287(g) contract by the March budget vote", Remainder = true, MaxLength = CampaignLimits.GoalMax)] string goal,
        CancellationToken cancellationToken = default)
    {
        var key = CampaignStore.Key(name);
        if (key.Length == 0)
        {
            return CommandResult.Invalid(Context.T("campaigns.start.no-name"));
        }

        if (await store.NameTakenAsync(key, cancellationToken))
        {
            return CommandResult.Invalid(Context.T("campaigns.start.taken", new { name = name.Trim() }));
        }

        // Step changes go to the coalition's announcements channel when it has one, else where the campaign was started.
        var campaign = await store.StartAsync(name.Trim(), goal.Trim(), Context.ChannelFor(CoalitionChannel.Announcements), Context.User, cancellationToken);
        var channel = campaign.ChannelId is null ? Context.T("campaigns.start.no-channel")
            : Context.HasCoalitionChannel(CoalitionChannel.Announcements) ? Context.T("campaigns.start.coalition-channel", new { channel = new TrustedMarkup($"<#{campaign.ChannelId}>") })
            : $"<#{campaign.ChannelId}>";
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("campaigns.start.title", new { campaign = campaign.Name }),
            Text = Context.T("campaigns.status.goal", new { goal = campaign.Goal }) + "\n"
                + Context.T("campaigns.start.text", new { step = CampaignSteps.Label(campaign.Step, Context.Strings) }),
            Fields =
            [
                new ReplyField(Context.T("campaigns.start.announced"), Context.T("campaigns.start.channel", new { channel = new TrustedMarkup(channel) })),
                new ReplyField(Context.T("campaigns.start.next"), Context.T("campaigns.start.next.text")),
            ],
        });
    }

    [Command("campaign status", "Where a campaign stands: step, progress, open items and tasks, dates")]
    public async Task<CommandResult> StatusAsync(
        [Option(CampaignHelp, Remainder = true, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(campaign))
        {
            // With one active campaign (others closed), its status is what people ask for; the list is for several active ones.
            var all = await store.ListAsync(cancellationToken);
            if (all.Count > 1 && all.Count(c => c.ClosedAt is null) != 1)
            {
                return CommandResult.Ok(new Reply
                {
                    Title = Context.T("campaigns.list.title", new { count = all.Count }),
                    Bullets = all.OrderBy(c => c.ClosedAt is not null)
                        .Select(c => Context.T(c.ClosedAt is null ? "campaigns.list.active" : "campaigns.list.closed", new { campaign = c.Name, step = CampaignSteps.Label(c.Step, Context.Strings) }))
                        .ToList(),
                    Footer = Context.T("campaigns.list.footer"),
                    Ephemeral = true,
                });
            }
        }

        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var snapshot = await progress.ReadAsync(found, cancellationToken);
        var reader = Context.ReaderAt(snapshot.Now);
        return CommandResult.Ok(CampaignCards.Status(snapshot, reader) with { Attachments = [CampaignPictures.Card(snapshot, reader).Image] });
    }

    [Command("campaign close", "Close a campaign that is won, lost or set aside (its history stays)", Role = Role.Lead)]
    public async Task<CommandResult> CloseAsync(
        [Option("Why, for the history", Remainder = true, MaxLength = CampaignLimits.NoteMax)] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        await store.CloseAsync(found, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Context.T("campaigns.close.done", new { campaign = found.Name }),
        });
    }

    [Command("campaign reopen", "Reopen a closed campaign", Role = Role.Lead)]
    public async Task<CommandResult> ReopenAsync(
        [Option("The campaign's name", Remainder = true, MaxLength = CampaignLimits.NameMax)] string campaign,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.ClosedAt is null)
        {
            return CommandResult.Invalid(Context.T("campaigns.reopen.not-closed", new { campaign = found.Name }));
        }

        await store.ReopenAsync(found, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.reopen.done", new { campaign = found.Name, step = CampaignSteps.Label(found.Step, Context.Strings) }) });
    }

    [Command("campaign channel", "Where step changes of a campaign are announced", Role = Role.Lead)]
    public async Task<CommandResult> ChannelAsync(
        [Option("The channel, like #campaign")] ChannelRef channel,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        await store.SetChannelAsync(found, channel, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.channel.done", new { campaign = found.Name, channel = new TrustedMarkup(channel.Mention) }) });
    }

    [Command("campaign history", "Every change to a campaign: who and when")]
    public async Task<CommandResult> HistoryAsync(
        [Option(CampaignHelp, Remainder = true, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        const int Shown = 25;
        var events = await store.HistoryAsync(found.Id, cancellationToken);
        var now = clock.GetUtcNow();

        // Each metric's readings as a line chart, like /campaign trend.
        var metrics = await store.MetricsAsync(found.Id, cancellationToken);
        var readings = await store.ReadingsByMetricAsync(found.Id, cancellationToken);
        var charted = metrics.Where(m => readings.ContainsKey(m.Id)).OrderBy(m => m.NameKey, StringComparer.Ordinal).ToList();
        var reader = Context.ReaderAt(now);
        var charts = charted.Take(HistoryCharts).Select((m, i) => CampaignPictures.Trend(found, m, readings[m.Id], reader, $"trend-{i + 1}.png")).ToList();

        var footer = new List<string>();
        if (events.Count > Shown)
        {
            footer.Add(Context.T("campaigns.history.latest", new { shown = Shown }));
        }

        if (charted.Count > HistoryCharts)
        {
            footer.Add(Context.T("campaigns.history.charts", new { shown = HistoryCharts, count = charted.Count }));
        }

        return CommandResult.Ok(new Reply
        {
            Title = Context.T("campaigns.history.title", new { campaign = found.Name, count = events.Count }),
            Bullets = events.Take(Shown).Select(e => CampaignCards.HistoryLine(e, reader)).ToList(),
            Footer = footer.Count == 0 ? null : string.Join("\n", footer),
            Ephemeral = true,
            Attachments = charts,
        });
    }
}
