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

/// <summary>The <c>/campaign</c> commands: the escalation tracker through the six steps of nonviolent social change.</summary>
internal sealed class CampaignCommands(
    CampaignStore store,
    CampaignProgress progress,
    TacticsCatalog tactics,
    Outbox outbox,
    CoalitionBotDbContext coreDb,
    IEnumerable<IPowerMap> powerMaps,
    TimeProvider clock) : CommandModule
{
    public const string Source = "campaigns";
    private const string CampaignHelp = "Which campaign (default: the only one)";
    private const string CampaignHelpEs = "Qué campaña (por defecto: la única)";

    private const int TrendLines = 10;

    // /campaign history draws the trend of this many metrics (those with readings, by name); /campaign trend shows any.
    private const int HistoryCharts = 3;

    // "/campaign metric signatures history" shows the trend instead of setting a value.
    private static readonly HashSet<string> HistoryWords = new(["history", "historial", "trend", "tendencia"], StringComparer.OrdinalIgnoreCase);

    private CampaignsDbContext Db => store.Db;

    private bool Spanish => Context.IsSpanish;

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

        if (await Db.Campaigns.AnyAsync(c => c.NameKey == key, cancellationToken))
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

        var items = await store.ItemsAsync(found.Id, cancellationToken);
        var item = new CampaignItem
        {
            CampaignId = found.Id,
            Step = step,
            Position = items.Where(i => i.Step == step).Select(i => i.Position).DefaultIfEmpty(0).Max() + 1,
            Text = text.Trim(),
        };
        Db.Items.Add(item);
        items.Add(item);
        var number = CampaignStore.Number(item, items);
        store.Record(found, CampaignEventKind.ItemAdded, step, $"{number} {item.Text}", Context.User);
        await Db.SaveChangesAsync(cancellationToken);
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
        Db.Items.Remove(picked);
        store.Record(found!, CampaignEventKind.ItemRemoved, picked.Step, label, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{Say("Removed", "Quitado")} **{label}**. {Say("The items after it in that step move up one number.", "Los puntos que seguían en ese paso suben un número.")}") });
    }

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

        await store.DeleteExpiredConfirmationsAsync(cancellationToken);
        var pending = new CampaignPendingAdvance
        {
            CampaignId = found.Id,
            FromStep = found.Step,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            UserId = Context.User.Id,
            UserName = Context.User.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        Db.PendingAdvances.Add(pending);
        await Db.SaveChangesAsync(cancellationToken);

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

        var pending = await Db.PendingAdvances.FirstOrDefaultAsync(p => p.Id == pendingId && p.CampaignId == campaignId && p.FromStep == fromStep, cancellationToken);
        if (pending is null)
        {
            return CommandResult.Invalid(Say("That step change was already confirmed or cancelled. See `/campaign status`.", "Ese cambio de paso ya se confirmó o se canceló. Vea `/campaign status`."));
        }

        var campaign = await Db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is not null && campaign.Step == fromStep && pending.CreatedAt < clock.GetUtcNow() - CampaignStore.ConfirmLifetime)
        {
            Db.PendingAdvances.Remove(pending);
            await Db.SaveChangesAsync(cancellationToken);
            return CommandResult.Invalid(Say("That confirmation expired (after a day). Nothing changed; run `/campaign advance` again.", "Esa confirmación venció (después de un día). No cambió nada; vuelva a usar `/campaign advance`."));
        }

        if (campaign?.ClosedAt is not null)
        {
            Db.PendingAdvances.Remove(pending);
            await Db.SaveChangesAsync(cancellationToken);
            return CommandResult.Invalid(Markup.Format($"{campaign.Name} {Say("was closed since: nothing changed.", "se cerró mientras tanto: no cambió nada.")}"));
        }

        if (campaign is null || campaign.Step != fromStep)
        {
            Db.PendingAdvances.Remove(pending);
            await Db.SaveChangesAsync(cancellationToken);
            return CommandResult.Invalid(campaign is null
                ? Say("That campaign no longer exists.", "Esa campaña ya no existe.")
                : Markup.Format($"{Say("That button is out of date: the campaign is on", "Ese botón está desactualizado: la campaña está en el")} {CampaignSteps.Label(campaign.Step, Spanish)}. ") + Say("Nothing changed; run `/campaign advance` again if needed.", "No cambió nada; vuelva a usar `/campaign advance` si hace falta."));
        }

        Db.PendingAdvances.Remove(pending);
        var moved = await MoveAndAnnounceAsync(campaign, campaign.Step + 1, CampaignEventKind.Advanced, pending.Note, cancellationToken);
        return moved is null
            ? CommandResult.Invalid(Say("That step change was already confirmed or cancelled. See `/campaign status`.", "Ese cambio de paso ya se confirmó o se canceló. Vea `/campaign status`."))
            : CommandResult.Update(moved);
    }

    [Button(CampaignCards.CancelAction, Role = Role.Lead)]
    public async Task<CommandResult> CancelAdvanceAsync(string value, CancellationToken cancellationToken = default)
    {
        var deleted = TryReadButton(value, out var pendingId, out var campaignId, out _)
            ? await Db.PendingAdvances.Where(p => p.Id == pendingId && p.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken)
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

        found.ClosedAt = clock.GetUtcNow();
        store.Record(found, CampaignEventKind.Closed, null, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Context.User);
        await Db.PendingAdvances.Where(p => p.CampaignId == found.Id).ExecuteDeleteAsync(cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
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

        found.ClosedAt = null;
        store.Record(found, CampaignEventKind.Reopened, null, null, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{found.Name} {Say("is active again, on", "está activa de nuevo, en el")} {CampaignSteps.Label(found.Step, Spanish)}.") });
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
        var events = await Db.Events.AsNoTracking().Where(e => e.CampaignId == found.Id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();

        // Each metric's readings as a line chart, like /campaign trend.
        var metrics = await Db.Metrics.AsNoTracking().Where(m => m.CampaignId == found.Id).ToListAsync(cancellationToken);
        var readings = (await Db.MetricSamples.AsNoTracking().Where(p => p.CampaignId == found.Id).ToListAsync(cancellationToken))
            .GroupBy(p => p.MetricId).ToDictionary(g => g.Key, g => InTimeOrder(g));
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

    [Command("campaign tactics", "Nonviolent action methods, in three families, municipal ones first", DescriptionEs = "Métodos de acción no violenta, en tres familias, primero los municipales")]
    public CommandResult Tactics(
        [Option("protest, noncooperation or intervention", DescriptionEs = "protesta, no-cooperación o intervención")] TacticFamily? family = null)
    {
        string Line(Tactic t) => Markup.Format($"{(t.Municipal ? "🏛 " : string.Empty)}**{t.Name.In(Spanish)}**{(t.Sharp is { } n ? $" (#{n})" : string.Empty)} — {t.Text.In(Spanish)}");
        var legend = Say("🏛 fits a municipal sanctuary campaign. Numbers are Gene Sharp's 198 methods.", "🏛 sirve para una campaña municipal de ciudad santuario. Los números son los de los 198 métodos de Gene Sharp.");
        if (family is { } f)
        {
            var methods = tactics.Of(f).ToList();
            return CommandResult.Ok(new Reply
            {
                Title = $"{TacticsCatalog.FamilyName(f).In(Spanish)} ({methods.Count})",
                Bullets = methods.Select(Line).ToList(),
                Footer = Markup.Escape(legend + " " + tactics.Source),
                Ephemeral = true,
            });
        }

        const int PerFamily = 6;
        return CommandResult.Ok(new Reply
        {
            Title = Say("Nonviolent tactics", "Tácticas no violentas"),
            Text = Say("Pick tactics that fit the step you are on and the people who decide. Escalate one step at a time.", "Elija tácticas adecuadas al paso en que está la campaña y a quienes deciden. Aumente la presión un paso a la vez."),
            Fields = Enum.GetValues<TacticFamily>().Select(f =>
            {
                var methods = tactics.Of(f).ToList();
                var more = Say($"… {methods.Count - PerFamily} more: `/campaign tactics {Choice(f)}`", $"… {methods.Count - PerFamily} más: `/campaign tactics {Choice(f)}`");
                return new ReplyField($"{TacticsCatalog.FamilyName(f).In(Spanish)} ({methods.Count})", string.Join('\n', methods.Take(PerFamily).Select(Line)) + (methods.Count > PerFamily ? "\n" + more : string.Empty));
            }).ToList(),
            Footer = Markup.Escape(legend + " " + tactics.Source),
            Ephemeral = true,
        });
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

        if (await Db.Targets.AnyAsync(t => t.CampaignId == found.Id && t.StakeholderId == stakeholder.Id, cancellationToken))
        {
            return CommandResult.Invalid(Markup.Format($"**{stakeholder.Name}** {Say("is already a target of", "ya es objetivo de")} {found.Name}."));
        }

        Db.Targets.Add(new CampaignTarget { CampaignId = found.Id, StakeholderId = stakeholder.Id, StakeholderName = stakeholder.Name, AddedAt = clock.GetUtcNow() });
        store.Record(found, CampaignEventKind.TargetAdded, CampaignStep.Negotiation, stakeholder.Name, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
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

        var targets = await Db.Targets.Where(t => t.CampaignId == found.Id).ToListAsync(cancellationToken);
        var matches = CampaignStore.Match(name, targets, t => [t.StakeholderName, PersonNames.StripTitles(CampaignStore.Key(t.StakeholderName)).Core]);
        if (matches.Count != 1)
        {
            return matches.Count == 0
                ? CommandResult.NotFound(Markup.Format($"“{name}” {Say("is not a target of", "no es objetivo de")} {found.Name}. {Say("Targets", "Objetivos")}: {(targets.Count == 0 ? "–" : string.Join(", ", targets.Select(t => t.StakeholderName)))}."))
                : CommandResult.Invalid(Markup.Format($"“{name}” {Say("fits several targets", "coincide con varios objetivos")}: {string.Join(", ", matches.Select(t => t.StakeholderName))}. {Say("Type more of the name.", "Escriba más del nombre.")}"));
        }

        Db.Targets.Remove(matches[0]);
        store.Record(found, CampaignEventKind.TargetRemoved, CampaignStep.Negotiation, matches[0].StakeholderName, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"**{matches[0].StakeholderName}** {Say("is no longer a target of", "ya no es objetivo de")} {found.Name}.") });
    }

    [Command("campaign date add", "Add a key date: a vote, budget decision, contract renewal, election", Role = Role.Lead, DescriptionEs = "Agregar una fecha clave: votación, presupuesto, renovación de contrato, elección")]
    public async Task<CommandResult> DateAddAsync(
        [Option("When, like 2026-03-14 or \"2026-03-14 18:00\"", DescriptionEs = "Cuándo, como 2026-03-14 o \"2026-03-14 18:00\"")] DateTimeOffset when,
        [Option("What happens, like: budget vote", Remainder = true, MaxLength = CampaignLimits.LabelMax, DescriptionEs = "Qué pasa, como: votación del presupuesto")] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var date = new CampaignDate { CampaignId = found.Id, At = when.ToUniversalTime(), Label = label.Trim() };
        Db.Dates.Add(date);
        var local = CampaignCards.LocalDate(date.At, Context.TimeZone, Spanish);
        store.Record(found, CampaignEventKind.DateAdded, null, $"{date.Label} ({local})", Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Say("Key date added: ", "Fecha clave agregada: ") + CampaignCards.DateLine(date, clock.GetUtcNow(), Context.TimeZone, Spanish) + "." });
    }

    [Command("campaign date remove", "Remove a key date", Role = Role.Lead, DescriptionEs = "Quitar una fecha clave")]
    public async Task<CommandResult> DateRemoveAsync(
        [Option("Words of its label", Remainder = true, MaxLength = CampaignLimits.LabelMax, DescriptionEs = "Palabras de su etiqueta")] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var dates = (await Db.Dates.Where(d => d.CampaignId == found.Id).ToListAsync(cancellationToken)).OrderBy(d => d.At).ToList();
        var matches = CampaignStore.Match(label, dates, d => [d.Label]);
        var now = clock.GetUtcNow();
        if (matches.Count != 1)
        {
            var known = dates.Count == 0 ? "–" : string.Join("; ", dates.Select(d => d.Label));
            return matches.Count == 0
                ? CommandResult.NotFound(Markup.Format($"{Say("No key date of", "Ninguna fecha clave de")} {found.Name} {Say("is called", "se llama")} “{label}”. {Say("Dates", "Fechas")}: {known}."))
                : CommandResult.Invalid(Markup.Format($"“{label}” {Say("fits several dates", "coincide con varias fechas")}: {string.Join("; ", matches.Select(d => $"{d.Label} ({CampaignCards.LocalDate(d.At, Context.TimeZone, Spanish)})"))}. {Say("Type more of the label.", "Escriba más de la etiqueta.")}"));
        }

        var date = matches[0];
        Db.Dates.Remove(date);
        store.Record(found, CampaignEventKind.DateRemoved, null, $"{date.Label} ({CampaignCards.LocalDate(date.At, Context.TimeZone, Spanish)})", Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Say("Key date removed: ", "Fecha clave quitada: ") + CampaignCards.DateLine(date, now, Context.TimeZone, Spanish) + "." });
    }

    [Command("campaign metric", "Count toward a goal, like: signatures 3200/5000", Role = Role.Lead, DescriptionEs = "Llevar la cuenta de una meta, como: firmas 3200/5000")]
    public async Task<CommandResult> MetricAsync(
        [Option("What is counted, like signatures", MaxLength = CampaignLimits.MetricNameMax, DescriptionEs = "Qué se cuenta, como firmas")] string name,
        [Option("The count and the goal, like 3200/5000 (or just 3400 once the goal is set)", MaxLength = 40, DescriptionEs = "La cantidad y la meta, como 3200/5000 (o solo 3400 si la meta ya está fijada)")] string value,
        [Option("The step it counts toward (default: 5 for signatures and petitions, else the current step)", DescriptionEs = "El paso al que suma (por defecto: el 5 para firmas y peticiones; si no, el paso actual)")] CampaignStep? step = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var key = CampaignStore.Key(name);
        if (key.Length == 0)
        {
            return CommandResult.Invalid(Say("Name what is counted, like `signatures`.", "Indique qué se cuenta, como `firmas`."));
        }

        if (HistoryWords.Contains(value.Trim()))
        {
            return await TrendAsync(name, campaign, cancellationToken);
        }

        if (!TryParseCount(value, out var count, out var goal))
        {
            return CommandResult.Invalid(Markup.Format($"“{value}” {Say("is not a count like 3200/5000 (whole numbers, the goal above 0).", "no es una cantidad como 3200/5000 (números enteros, la meta mayor que 0).")}"));
        }

        var metric = await Db.Metrics.FirstOrDefaultAsync(m => m.CampaignId == found.Id && m.NameKey == key, cancellationToken);
        if (metric is null && goal is null)
        {
            return CommandResult.Invalid(Markup.Format($"{Say("Give the goal the first time, like", "Indique la meta la primera vez, como")} `/campaign metric {name.Trim()} {count}/5000`."));
        }

        var before = metric is null ? null : $"{metric.Value}/{metric.Goal}";
        if (metric is null)
        {
            metric = new CampaignMetric { CampaignId = found.Id, Name = name.Trim(), NameKey = key, Step = step ?? DefaultStep(key, found.Step) };
            Db.Metrics.Add(metric);
        }
        else if (step is { } chosen)
        {
            metric.Step = chosen;
        }

        metric.Value = count;
        metric.Goal = goal ?? metric.Goal;
        metric.UpdatedAt = clock.GetUtcNow();
        Db.MetricSamples.Add(new CampaignMetricSample { CampaignId = found.Id, Metric = metric, Value = metric.Value, Goal = metric.Goal, At = metric.UpdatedAt });
        var detail = string.Create(CultureInfo.InvariantCulture, $"{metric.Name} {metric.Value}/{metric.Goal}") + (before is null ? string.Empty : Say($" (was {before})", $" (antes {before})"));
        store.Record(found, CampaignEventKind.MetricSet, metric.Step, detail, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = CampaignCards.Metric(metric, Spanish) });
    }

    private static List<CampaignMetricSample> InTimeOrder(IEnumerable<CampaignMetricSample> samples) =>
        samples.OrderBy(p => p.At).ThenBy(p => p.Id).ToList();

    [Command("campaign trend", "A metric over time, as a line chart", DescriptionEs = "Un indicador a lo largo del tiempo, en una gráfica")]
    public async Task<CommandResult> TrendAsync(
        [Option("The metric, like signatures", MaxLength = CampaignLimits.MetricNameMax, DescriptionEs = "El indicador, como firmas")] string metric,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var key = CampaignStore.Key(metric);
        var metrics = await Db.Metrics.AsNoTracking().Where(m => m.CampaignId == found.Id).ToListAsync(cancellationToken);
        var chosen = metrics.FirstOrDefault(m => m.NameKey == key);
        if (chosen is null)
        {
            var known = string.Join(", ", metrics.Select(m => m.Name).Order(StringComparer.OrdinalIgnoreCase));
            return CommandResult.NotFound(Markup.Format($"{found.Name} {Say("counts no metric called", "no lleva ningún indicador llamado")} “{metric.Trim()}”. {Say("Metrics:", "Indicadores:")} {(known.Length == 0 ? "—" : known)}"));
        }

        var samples = InTimeOrder(await Db.MetricSamples.AsNoTracking().Where(p => p.MetricId == chosen.Id).ToListAsync(cancellationToken));
        var culture = CampaignCards.Culture(Spanish);
        var now = clock.GetUtcNow();
        var lines = samples.Count > TrendLines ? samples.Skip(samples.Count - TrendLines) : samples;
        return CommandResult.Ok(new Reply
        {
            Title = Say($"{chosen.Name} over time — {found.Name}", $"{chosen.Name} a lo largo del tiempo — {found.Name}"),
            Text = CampaignCards.Metric(chosen, Spanish),
            Bullets = lines.Reverse().Select(p => Markup.Format($"{CampaignCards.LocalDate(p.At, Context.TimeZone, Spanish)}: {p.Value.ToString("N0", culture)}/{p.Goal.ToString("N0", culture)} ({CampaignCards.Relative(p.At, now, Context.TimeZone, Spanish)})")).ToList(),
            Footer = samples.Count > TrendLines
                ? Say($"The latest {TrendLines} of {samples.Count} readings; the chart shows them all.", $"Las últimas {TrendLines} de {samples.Count} lecturas; la gráfica las muestra todas.")
                : null,
            Attachments = [CampaignPictures.Trend(found, chosen, samples, now, Context)],
        });
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

        found.ChannelId = channel.Id;
        found.ChannelName = channel.Name;
        store.Record(found, CampaignEventKind.ChannelChanged, null, "#" + (channel.Name ?? channel.Id), Context.User);
        await Db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(new Reply { Text = Markup.Format($"{Say("Step changes of", "Los cambios de paso de")} {found.Name} {Say("are now announced in", "ahora se anuncian en")} {new TrustedMarkup(channel.Mention)}.") });
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

        item.Done = done;
        item.DoneAt = done ? clock.GetUtcNow() : null;
        item.DoneBy = done ? Context.User.Name : null;
        store.Record(found!, done ? CampaignEventKind.Checked : CampaignEventKind.Unchecked, item.Step, label, Context.User);
        await Db.SaveChangesAsync(cancellationToken);
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

    /// <summary>Moves the campaign, records it and queues its announcement, all in one transaction; null when another press got there first.</summary>
    /// <remarks>If the announcement cannot be queued, the step does not move either, so trying again is safe.</remarks>
    private Task<Reply?> MoveAndAnnounceAsync(Campaign campaign, CampaignStep to, CampaignEventKind kind, string? note, CancellationToken cancellationToken) =>
        outbox.TogetherWithAsync(Db, async () =>
        {
            var entry = await MoveAsync(campaign, to, kind, note, cancellationToken);
            return entry is null ? null : await MovedReplyAsync(campaign, entry, cancellationToken);
        }, cancellationToken);

    /// <summary>Moves the campaign and records it in one save; null when another press got there first.</summary>
    private async Task<CampaignEvent?> MoveAsync(Campaign campaign, CampaignStep to, CampaignEventKind kind, string? note, CancellationToken cancellationToken)
    {
        campaign.Step = to;
        campaign.StepChangedAt = clock.GetUtcNow();
        var entry = store.Record(campaign, kind, to, note, Context.User);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            return null;
        }

        return entry;
    }

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

    private static CampaignStep DefaultStep(string key, CampaignStep current) =>
        key.Split(' ').Any(w => w.StartsWith("signature", StringComparison.Ordinal) || w.StartsWith("firma", StringComparison.Ordinal)
            || w.StartsWith("petition", StringComparison.Ordinal) || w.StartsWith("peticion", StringComparison.Ordinal))
            ? CampaignStep.DirectAction
            : current;

    /// <summary>Reads "3200/5000", "3,200 / 5,000" or "3200" (goal kept).</summary>
    internal static bool TryParseCount(string text, out long count, out long? goal)
    {
        goal = null;
        count = 0;
        var parts = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 1_000_000_000)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g <= 0 || g > 1_000_000_000)
            {
                return false;
            }

            goal = g;
        }

        return true;
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

    private static string Choice(TacticFamily family) => family switch
    {
        TacticFamily.ProtestAndPersuasion => "protest",
        TacticFamily.Noncooperation => "noncooperation",
        _ => "intervention",
    };

    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
