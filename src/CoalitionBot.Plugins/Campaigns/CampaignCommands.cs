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

    [Command("campaign start", "Start a campaign with a concrete goal", Role = Role.Lead, DescriptionEs = "Iniciar una campaña con una meta concreta")]
    public async Task<CommandResult> StartAsync(
        [Option("A short name, like \"Springfield sanctuary\"", MaxLength = CampaignLimits.NameMax, DescriptionEs = "Un nombre corto, como \"Springfield, ciudad santuario\"")] string name,
        [Option("The concrete goal, like: Springfield ends its 287(g) contract by the March budget vote", Remainder = true, MaxLength = CampaignLimits.GoalMax, DescriptionEs = "La meta concreta, como: Springfield cancela su acuerdo 287(g) antes de votar el presupuesto de marzo")] string goal,
        CancellationToken cancellationToken = default)
    {
        var key = CampaignStore.Key(name);
        if (key.Length == 0)
        {
            return CommandResult.Invalid(Say("Give the campaign a name with letters or digits.", "Dele a la campaña un nombre con letras o números."));
        }

        if (await store.NameTakenAsync(key, cancellationToken))
        {
            return CommandResult.Invalid(Markup.Format($"{Say("There is already a campaign called", "Ya hay una campaña llamada")} “{name.Trim()}”. {Say("Pick another name.", "Elija otro nombre.")}"));
        }

        // Step changes go to the coalition's announcements channel when it has one, else where the campaign was started.
        var campaign = await store.StartAsync(name.Trim(), goal.Trim(), Context.ChannelFor(CoalitionChannel.Announcements), Context.User, cancellationToken);
        var channel = campaign.ChannelId is null ? Say("no channel yet", "ningún canal todavía")
            : $"<#{campaign.ChannelId}>" + (Context.HasCoalitionChannel(CoalitionChannel.Announcements) ? Say(", the coalition's announcements channel", ", el canal de anuncios de la coalición") : string.Empty);
        return CommandResult.Ok(new Reply
        {
            Title = Say($"Campaign started: {campaign.Name}", $"Campaña iniciada: {campaign.Name}"),
            Text = Markup.Format($"**{Say("Goal", "Meta")}:** {campaign.Goal}\n{Say("It starts at", "Empieza en el")} {CampaignSteps.Label(campaign.Step, Spanish)}, {Say("with the toolkit's checklist for each step.", "con la lista de verificación del manual para cada paso.")}"),
            Fields =
            [
                new ReplyField(Say("Step changes are announced in", "Los cambios de paso se anuncian en"), channel + Say(" (change it with `/campaign channel`)", " (cámbielo con `/campaign channel`)")),
                new ReplyField(Say("Next", "A continuación"), Say(
                    "Add the people who decide with `/campaign target add <name>`, key dates with `/campaign date add <when> <label>`, and see it all with `/campaign status`.",
                    "Agregue a quienes deciden con `/campaign target add <nombre>`, las fechas clave con `/campaign date add <cuándo> <etiqueta>`, y véalo todo con `/campaign status`.")),
            ],
        });
    }

    [Command("campaign status", "Where a campaign stands: step, progress, open items and tasks, dates", DescriptionEs = "Cómo va una campaña: paso, avance, pendientes, tareas y fechas")]
    public async Task<CommandResult> StatusAsync(
        [Option(CampaignHelp, Remainder = true, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
                    Title = Say($"{all.Count} campaigns", $"{all.Count} campañas"),
                    Bullets = all.OrderBy(c => c.ClosedAt is not null)
                        .Select(c => Markup.Format($"**{c.Name}** — {CampaignSteps.Label(c.Step, Spanish)}") + (c.ClosedAt is null ? string.Empty : Say(" (closed)", " (cerrada)")))
                        .ToList(),
                    Footer = Say("See one with `/campaign status <name>`.", "Vea una con `/campaign status <nombre>`."),
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
        return CommandResult.Ok(CampaignCards.Status(snapshot, Context) with { Attachments = [CampaignPictures.Card(snapshot, Context).Image] });
    }

    [Command("campaign close", "Close a campaign that is won, lost or set aside (its history stays)", Role = Role.Lead, DescriptionEs = "Cerrar una campaña ganada, perdida o en pausa (su historial queda)")]
    public async Task<CommandResult> CloseAsync(
        [Option("Why, for the history", Remainder = true, MaxLength = CampaignLimits.NoteMax, DescriptionEs = "Por qué, para el historial")] string? note = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
            Text = Markup.Format($"{found.Name} {Say("is closed. Its history and status stay readable; commands without `campaign:` now use the other campaigns. Undo with", "está cerrada. Su historial y su estado se pueden seguir viendo; los comandos sin `campaign:` usan ahora las otras campañas. Para deshacerlo:")} `/campaign reopen {found.Name}`."),
        });
    }

    [Command("campaign reopen", "Reopen a closed campaign", Role = Role.Lead, DescriptionEs = "Reabrir una campaña cerrada")]
    public async Task<CommandResult> ReopenAsync(
        [Option("The campaign's name", Remainder = true, MaxLength = CampaignLimits.NameMax, DescriptionEs = "El nombre de la campaña")] string campaign,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        if (found.ClosedAt is null)
        {
            return CommandResult.Invalid(Markup.Format($"{found.Name} {Say("is not closed.", "no está cerrada.")}"));
        }

        await store.ReopenAsync(found, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{found.Name} {Say("is active again, on", "está activa de nuevo, en el")} {CampaignSteps.Label(found.Step, Spanish)}.") });
    }

    [Command("campaign channel", "Where step changes of a campaign are announced", Role = Role.Lead, DescriptionEs = "Dónde se anuncian los cambios de paso de una campaña")]
    public async Task<CommandResult> ChannelAsync(
        [Option("The channel, like #campaign", DescriptionEs = "El canal, como #campaña")] ChannelRef channel,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        await store.SetChannelAsync(found, channel, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{Say("Step changes of", "Los cambios de paso de")} {found.Name} {Say("are now announced in", "ahora se anuncian en")} {new TrustedMarkup(channel.Mention)}.") });
    }

    [Command("campaign history", "Every change to a campaign: who and when", DescriptionEs = "Cada cambio de una campaña: quién y cuándo")]
    public async Task<CommandResult> HistoryAsync(
        [Option(CampaignHelp, Remainder = true, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
        var charts = charted.Take(HistoryCharts).Select((m, i) => CampaignPictures.Trend(found, m, readings[m.Id], now, Context, $"trend-{i + 1}.png")).ToList();

        var footer = new List<string>();
        if (events.Count > Shown)
        {
            footer.Add(Say($"The latest {Shown} changes; the full history is in `/coalition export`.", $"Los últimos {Shown} cambios; el historial completo está en `/coalition export`."));
        }

        if (charted.Count > HistoryCharts)
        {
            footer.Add(Say($"Charts of {HistoryCharts} of {charted.Count} metrics; see the others with `/campaign trend`.", $"Gráficas de {HistoryCharts} de {charted.Count} indicadores; vea los demás con `/campaign trend`."));
        }

        return CommandResult.Ok(new Reply
        {
            Title = Say($"History of {found.Name} ({events.Count})", $"Historial de {found.Name} ({events.Count})"),
            Bullets = events.Take(Shown).Select(e => CampaignCards.HistoryLine(e, now, Context.TimeZone, Spanish)).ToList(),
            Footer = footer.Count == 0 ? null : string.Join("\n", footer),
            Ephemeral = true,
            Attachments = charts,
        });
    }
}
