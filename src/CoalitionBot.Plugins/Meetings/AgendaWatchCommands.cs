using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting watch</c> commands: a city's Legistar calendar watched for meetings and for agenda items on immigration.</summary>
public sealed class AgendaWatchCommands(
    MeetingsDbContext db,
    CoalitionBotDbContext coreDb,
    LegistarClient legistar,
    AgendaWatcher watcher,
    AgendaWatchTokens tokens,
    AgendaWatchSignal signal,
    Outbox outbox,
    MeetingsSettings settings,
    TimeProvider clock) : CommandModule
{
    private const int MaxWatches = 20;

    [Command("meeting watch", "Watch a city's Legistar agendas for immigration items and import its meetings", Role = Role.Lead,
        DescriptionEs = "Vigilar las agendas de Legistar de una ciudad (temas de inmigración) e importar sus reuniones")]
    public async Task<CommandResult> WatchAsync(
        [Option("The Legistar client name, like seattle, nyc, kingcounty", MaxLength = 60, DescriptionEs = "El nombre del cliente de Legistar, como seattle, nyc, kingcounty")] string client,
        [Option("Bodies to watch, like \"City Council|Public Safety Committee\" (default: all)", MaxLength = 200, DescriptionEs = "Órganos a vigilar, como \"City Council|Public Safety\" (por defecto: todos)")] string? body = null,
        [Option("Words to watch for, separated by | (default: a bilingual immigration list)", MaxLength = 500, DescriptionEs = "Palabras a vigilar, separadas por | (por defecto: una lista bilingüe sobre inmigración)")] string? keywords = null,
        [Option("The channel for alerts and reminders (default: the coalition's reminders channel)", DescriptionEs = "El canal de alertas y recordatorios (por defecto: el de recordatorios de la coalición)")] ChannelRef? channel = null,
        [Option("Reminder times, like 1d,2h (default: the plugin's)", MaxLength = 100, DescriptionEs = "Cuándo recordar, como 1d,2h (por defecto: según el plugin)")] string? remind = null,
        [Option("The client's API token, if it needs one (stored encrypted, never shown)", MaxLength = 500, DescriptionEs = "El token de la API del cliente, si lo necesita (se guarda cifrado y no se muestra)")] string? token = null,
        CancellationToken cancellationToken = default)
    {
        var name = client.Trim().ToLowerInvariant();
        if (!LegistarClient.IsClientName(name))
        {
            return CommandResult.Invalid(Say(Markup.Format($"“{client}” is not a Legistar client name: it is one word, like `seattle` or `kingcounty` (the part before .legistar.com)."),
                Markup.Format($"“{client}” no es un nombre de cliente de Legistar: es una palabra, como `seattle` o `kingcounty` (lo que va antes de .legistar.com).")));
        }

        if (Validate(keywords, remind) is { } invalid)
        {
            return invalid;
        }

        var existing = await db.Watches.AsNoTracking().ToListAsync(cancellationToken);
        if (TooMany(existing) is { } full)
        {
            return full;
        }

        var secret = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        var bodies = await legistar.BodiesAsync(name, secret, cancellationToken);
        if (!bodies.Ok)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Could not watch `{name}`: {bodies.Error}. Nothing was saved."),
                Markup.Format($"No se pudo vigilar `{name}`: {bodies.Error}. No se guardó nada.")));
        }

        var (chosen, bodyError) = LegistarBodies.Choose(bodies.Value!, body, Context.IsSpanish);
        if (bodyError is not null)
        {
            return CommandResult.Invalid(bodyError);
        }

        var bodyIds = LegistarBodies.Ids(chosen);
        if (existing.FirstOrDefault(w => w.Kind == AgendaWatchKind.Bodies && w.Client == name && w.BodyIds == bodyIds) is { } same)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Those bodies of `{name}` are already watch #{same.Number}; change it with `/meeting watch edit {same.Number}`."),
                Markup.Format($"Esos órganos de `{name}` ya son la vigilancia #{same.Number}; cámbiela con `/meeting watch edit {same.Number}`.")));
        }

        var watch = new AgendaWatch
        {
            Kind = AgendaWatchKind.Bodies,
            Client = name,
            BodyIds = bodyIds,
            BodyNames = LegistarBodies.Names(chosen),
            Keywords = string.IsNullOrWhiteSpace(keywords) ? null : keywords.Trim(),
            LeadMinutes = remind is null ? null : Recurrence.ParseLeadMinutes(remind, out _),
        };
        var check = await StartAsync(watch, existing, channel, secret, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Watching **#{watch.Number} {watch.Client}**: "), Markup.Format($"Vigilando **#{watch.Number} {watch.Client}**: "))
                + AgendaCards.Settings(watch, Context.IsSpanish) + ". " + Outcome(watch, check),
            Ephemeral = secret is not null,
        });
    }

    [Command("meeting watch matter", "Follow one matter (like Res 31877): when it is scheduled, its status and votes", Role = Role.Lead,
        DescriptionEs = "Seguir un expediente (como Res 31877): cuándo se agenda, su estado y las votaciones")]
    public async Task<CommandResult> WatchMatterAsync(
        [Option("The Legistar client name, like seattle or nyc", MaxLength = 60, DescriptionEs = "El nombre del cliente de Legistar, como seattle o nyc")] string client,
        [Option("The matter's file number, like Res 31877 or CB 120300", Remainder = true, MaxLength = 60, DescriptionEs = "El número de expediente, como Res 31877")] string file,
        [Option("The channel for its news (default: the coalition's reminders channel)", DescriptionEs = "El canal de sus novedades (por defecto: el de recordatorios de la coalición)")] ChannelRef? channel = null,
        [Option("The client's API token, if it needs one (stored encrypted, never shown)", MaxLength = 500, DescriptionEs = "El token de la API del cliente, si lo necesita (se guarda cifrado y no se muestra)")] string? token = null,
        CancellationToken cancellationToken = default)
    {
        var name = client.Trim().ToLowerInvariant();
        var fileNumber = file.Trim();
        if (!LegistarClient.IsClientName(name) || fileNumber.Length == 0)
        {
            return CommandResult.Invalid(Say("Give the Legistar client and the file number, like `/meeting watch matter nyc Res 0123-2026`.",
                "Indique el cliente de Legistar y el número de expediente, como `/meeting watch matter nyc Res 0123-2026`."));
        }

        var existing = await db.Watches.AsNoTracking().ToListAsync(cancellationToken);
        if (TooMany(existing) is { } full)
        {
            return full;
        }

        var secret = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        var matters = await legistar.MattersByFileAsync(name, fileNumber, secret, cancellationToken);
        if (!matters.Ok || matters.Value!.Count == 0)
        {
            var why = matters.Error ?? Say(Markup.Format($"`{name}` has no matter with file number “{fileNumber}”"), Markup.Format($"`{name}` no tiene un expediente “{fileNumber}”"));
            return CommandResult.Invalid(Say(Markup.Format($"Could not follow {fileNumber}: ") + why + ". Nothing was saved.", Markup.Format($"No se pudo seguir {fileNumber}: ") + why + ". No se guardó nada."));
        }

        var matter = matters.Value![0];
        if (existing.FirstOrDefault(w => w.Kind == AgendaWatchKind.Matter && w.Client == name && w.MatterId == matter.MatterId) is { } same)
        {
            return CommandResult.Invalid(Say(Markup.Format($"{fileNumber} is already followed as #{same.Number}."), Markup.Format($"{fileNumber} ya se sigue como #{same.Number}.")));
        }

        var watch = new AgendaWatch { Kind = AgendaWatchKind.Matter, Client = name, MatterFile = MeetingCards.Cut(matter.MatterFile ?? fileNumber, 64), MatterId = matter.MatterId };
        var check = await StartAsync(watch, existing, channel, secret, cancellationToken);
        var where = watch.ChannelId is null ? "?" : $"<#{watch.ChannelId}>";
        return CommandResult.Ok(new Reply
        {
            Text = Say(
                Markup.Format($"Following **#{watch.Number} {watch.MatterFile}** ({watch.Client}): {watch.MatterTitle}. Status: {watch.MatterStatus ?? "?"}. News goes to ") + where + ". " + Outcome(watch, check),
                Markup.Format($"Siguiendo **#{watch.Number} {watch.MatterFile}** ({watch.Client}): {watch.MatterTitle}. Estado: {watch.MatterStatus ?? "?"}. Las novedades van a ") + where + ". " + Outcome(watch, check)),
            Ephemeral = secret is not null,
        });
    }

    [Command("meeting watch edit", "Change an agenda watch's bodies, keywords, channel, reminders or token", Role = Role.Lead,
        DescriptionEs = "Cambiar los órganos, palabras, canal, recordatorios o token de una vigilancia")]
    public async Task<CommandResult> EditAsync(
        [Option("The watch number", MinValue = 1, DescriptionEs = "El número de la vigilancia")] int id,
        [Option("Bodies to watch, | between names; all for every body", MaxLength = 200, DescriptionEs = "Órganos a vigilar, | entre nombres; all para todos")] string? body = null,
        [Option("Words to watch for, | between them; default for the bilingual list", MaxLength = 500, DescriptionEs = "Palabras a vigilar, | entre ellas; default para la lista bilingüe")] string? keywords = null,
        [Option("The channel for alerts and reminders", DescriptionEs = "El canal de alertas y recordatorios")] ChannelRef? channel = null,
        [Option("Reminder times, like 1d,2h; default for the plugin's", MaxLength = 100, DescriptionEs = "Cuándo recordar, como 1d,2h; default para los del plugin")] string? remind = null,
        [Option("A new API token; none removes it", MaxLength = 500, DescriptionEs = "Un token nuevo; none lo quita")] string? token = null,
        CancellationToken cancellationToken = default)
    {
        if (body is null && keywords is null && channel is null && remind is null && token is null)
        {
            return CommandResult.Invalid(Say(
                Markup.Format($"Say what to change: `body:`, `keywords:`, `channel:`, `remind:` or `token:`, like `/meeting watch edit {id} keywords:\"detainer|287(g)\"`."),
                Markup.Format($"Diga qué cambiar: `body:`, `keywords:`, `channel:`, `remind:` o `token:`, como `/meeting watch edit {id} keywords:\"detainer|287(g)\"`.")));
        }

        var defaultKeywords = keywords is not null && IsDefault(keywords);
        var defaultRemind = remind is not null && IsDefault(remind);
        if (Validate(defaultKeywords ? null : keywords, defaultRemind ? null : remind) is { } invalid)
        {
            return invalid;
        }

        var watch = await db.Watches.FirstOrDefaultAsync(w => w.Number == id, cancellationToken);
        if (watch is null)
        {
            return NotFound(id);
        }

        var clearToken = token is not null && token.Trim().ToLowerInvariant() is "none" or "ninguno" or "-";
        var secret = clearToken || string.IsNullOrWhiteSpace(token) ? null : token!.Trim();
        if (body is not null && watch.Kind == AgendaWatchKind.Bodies && await ChangeBodiesAsync(watch, body, secret, clearToken, cancellationToken) is { } bodyError)
        {
            return bodyError;
        }

        if (keywords is not null)
        {
            watch.Keywords = defaultKeywords ? null : keywords.Trim();
        }

        if (channel is not null)
        {
            watch.ChannelId = channel.Id;
            watch.ChannelName = channel.Name;
        }

        if (remind is not null)
        {
            watch.LeadMinutes = defaultRemind ? null : Recurrence.ParseLeadMinutes(remind, out _);
        }

        if (token is not null)
        {
            watch.ProtectedToken = secret is null ? null : tokens.Protect(secret);
        }

        // Read the whole window again now, so meetings follow the new bodies, channel and reminders, and new keywords are looked for.
        watch.ChangedSince = null;
        watch.NextFullReadAt = clock.GetUtcNow();
        watch.Failures = 0;
        var check = await SaveAndCheckAsync(watch, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Changed **#{watch.Number} {watch.Client}**: "), Markup.Format($"Cambiada **#{watch.Number} {watch.Client}**: ")) + AgendaCards.Settings(watch, Context.IsSpanish) + ". " + Outcome(watch, check),
            Ephemeral = token is not null,
        });
    }

    [Command("meeting watches", "Agenda watches: bodies, keywords, channel, last check and errors", DescriptionEs = "Vigilancias de agenda: órganos, palabras, canal, última revisión y errores")]
    public async Task<CommandResult> ListAsync(CancellationToken cancellationToken = default)
    {
        var watches = await db.Watches.AsNoTracking().OrderBy(w => w.Number).ToListAsync(cancellationToken);
        if (watches.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say("No agenda watches. Leads add one with `/meeting watch <legistar client>`.", "No hay vigilancias de agenda. Los coordinadores agregan una con `/meeting watch <cliente de legistar>`."),
                Ephemeral = true,
            });
        }

        var now = clock.GetUtcNow();
        return CommandResult.Ok(new Reply
        {
            Title = Say("Agenda watches", "Vigilancias de agenda"),
            Bullets = watches.Select(w =>
            {
                var what = w.Kind == AgendaWatchKind.Matter
                    ? Markup.Format($"**#{w.Number} {w.Client}** — {w.MatterFile} ({w.MatterStatus ?? "?"}) → ") + (w.ChannelId is null ? "?" : $"<#{w.ChannelId}>")
                    : Markup.Format($"**#{w.Number} {w.Client}** — ") + AgendaCards.Settings(w, Context.IsSpanish);
                var (last, next) = MeetingCards.Checked(w.LastCheckAt, w.NextCheckAt, now, Context.IsSpanish);
                var state = Markup.Escape(MeetingCards.Health(w.LastError, Context.IsSpanish));
                return what + Say(Markup.Format($" · last check {last} ("), Markup.Format($" · última revisión {last} (")) + state
                    + Say(Markup.Format($") · next {next}"), Markup.Format($") · próxima {next}"));
            }).ToList(),
            Footer = Say("`/meeting watch edit <number>` changes one; `/meeting unwatch <number>` stops it.", "`/meeting watch edit <número>` cambia una; `/meeting unwatch <número>` la detiene."),
            Ephemeral = true,
        });
    }

    [Command("meeting unwatch", "Stop an agenda watch and cancel the meetings it imported", Role = Role.Lead, DescriptionEs = "Detener una vigilancia y cancelar las reuniones que importó")]
    public async Task<CommandResult> UnwatchAsync(
        [Option("The watch number", MinValue = 1, DescriptionEs = "El número de la vigilancia")] int id,
        CancellationToken cancellationToken = default)
    {
        var watch = await db.Watches.FirstOrDefaultAsync(w => w.Number == id, cancellationToken);
        if (watch is null)
        {
            return NotFound(id);
        }

        var meetings = await db.Meetings.Where(m => m.WatchId == watch.Id && !m.Cancelled).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var meeting in meetings)
        {
            meeting.Cancelled = true;
            meeting.UpdatedAt = now;
        }

        db.WatchItems.RemoveRange(await db.WatchItems.Where(i => i.WatchId == watch.Id).ToListAsync(cancellationToken));
        db.WatchEvents.RemoveRange(await db.WatchEvents.Where(e => e.WatchId == watch.Id).ToListAsync(cancellationToken));
        db.Watches.Remove(watch);
        var withdrawn = 0;
        await outbox.SaveThenAsync(db, async () =>
        {
            foreach (var meeting in meetings)
            {
                withdrawn += await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken);
            }

            withdrawn += await outbox.CancelAsync(AgendaWatcher.KeyPrefix(watch.Id), cancellationToken);
        }, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Stopped watch #{id} ({watch.Client}): {meetings.Count} meeting(s) from it cancelled, {withdrawn} pending message(s) withdrawn."),
                Markup.Format($"Vigilancia #{id} ({watch.Client}) detenida: reuniones canceladas: {meetings.Count}; mensajes pendientes retirados: {withdrawn}.")),
        });
    }

    private CommandResult? TooMany(List<AgendaWatch> existing) => existing.Count < MaxWatches
        ? null
        : CommandResult.Invalid(Say($"This coalition already has {MaxWatches} agenda watches; remove one with `/meeting unwatch`.",
            $"Esta coalición ya tiene {MaxWatches} vigilancias de agenda; quite una con `/meeting unwatch`."));

    /// <summary>Numbers a new watch, gives it its channel, zone and token, then saves and checks it.</summary>
    private async Task<WatchCheck> StartAsync(AgendaWatch watch, List<AgendaWatch> existing, ChannelRef? channel, string? secret, CancellationToken cancellationToken)
    {
        var target = channel ?? await DefaultChannelAsync(cancellationToken);
        var now = clock.GetUtcNow();
        watch.Number = NextNumber(existing);
        watch.ChannelId = target?.Id;
        watch.ChannelName = target?.Name;
        watch.TimeZone = Context.TimeZone.HasIanaId ? Context.TimeZone.Id : "UTC";
        watch.ProtectedToken = secret is null ? null : tokens.Protect(secret);
        watch.NextCheckAt = now;
        watch.NextFullReadAt = now;
        watch.CreatedBy = Context.User.Name;
        watch.CreatedAt = now;
        db.Watches.Add(watch);
        return await SaveAndCheckAsync(watch, cancellationToken);
    }

    /// <summary>Saves a watch and checks it at once, so the answer says what it found; the runner takes over from there.</summary>
    private async Task<WatchCheck> SaveAndCheckAsync(AgendaWatch watch, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var check = await watcher.CheckAsync(watch, cancellationToken);
        signal.Wake();
        return check;
    }

    /// <summary>Sets the bodies a watch follows from what was typed ("all" for every body); the error when Legistar cannot be read
    /// or a name fits no body or several.</summary>
    private async Task<CommandResult?> ChangeBodiesAsync(AgendaWatch watch, string body, string? secret, bool clearToken, CancellationToken cancellationToken)
    {
        var current = secret ?? (clearToken || watch.ProtectedToken is null ? null : tokens.Unprotect(watch.ProtectedToken, out _));
        var bodies = await legistar.BodiesAsync(watch.Client, current, cancellationToken);
        if (!bodies.Ok)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Could not read the bodies of `{watch.Client}`: {bodies.Error}. Nothing was changed."),
                Markup.Format($"No se pudieron leer los órganos de `{watch.Client}`: {bodies.Error}. No se cambió nada.")));
        }

        var (chosen, bodyError) = LegistarBodies.Choose(bodies.Value!, body.Trim().ToLowerInvariant() is "all" or "todos" ? null : body, Context.IsSpanish);
        if (bodyError is not null)
        {
            return CommandResult.Invalid(bodyError);
        }

        watch.BodyIds = LegistarBodies.Ids(chosen);
        watch.BodyNames = LegistarBodies.Names(chosen);
        return null;
    }

    private CommandResult? Validate(string? keywords, string? remind)
    {
        if (keywords is not null && AgendaKeywords.Parse(keywords, out var keywordError) is null)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Those keywords do not work: {keywordError}."), Markup.Format($"Esas palabras no sirven: sepárelas con |, como \"detainer|287(g)|santuario\".")));
        }

        if (remind is not null && Recurrence.ParseLeadMinutes(remind, out var remindError) is null)
        {
            return CommandResult.Invalid(Markup.Escape(remindError!));
        }

        return null;
    }

    /// <summary>A watch without a channel posts where the coalition's reminders go, else where it was made.</summary>
    private async Task<ChannelRef?> DefaultChannelAsync(CancellationToken cancellationToken)
    {
        var reminders = await coreDb.TenantSettings.Select(s => s.RemindersChannelId).FirstOrDefaultAsync(cancellationToken);
        return reminders is not null ? new ChannelRef(reminders, null) : Context.Caller.Channel;
    }

    private static int NextNumber(List<AgendaWatch> existing) => (existing.Count == 0 ? 0 : existing.Max(w => w.Number)) + 1;

    /// <summary>What the first check did, or why it failed and when it tries again.</summary>
    private string Outcome(AgendaWatch watch, WatchCheck check)
    {
        var culture = MeetingCards.Culture(Context.IsSpanish);
        var every = settings.WatchEvery.Humanize(culture: culture);
        if (!check.Ok)
        {
            var retry = (watch.NextCheckAt - clock.GetUtcNow()).Humanize(culture: culture);
            return Say(Markup.Format($"Legistar could not be read just now ({check.Error}); it is tried again in {retry}."),
                Markup.Format($"No se pudo leer Legistar ahora ({check.Error}); se intenta de nuevo en {retry}."));
        }

        var imported = check.Import is { } i
            ? Say(Markup.Format($"{i.Matched} upcoming meeting(s) imported ({i.Added} new), "), Markup.Format($"{i.Matched} reunión(es) próxima(s) importada(s) ({i.Added} nueva(s)), "))
            : string.Empty;
        return imported + Say(Markup.Format($"{check.Alerts} alert(s) posted. Checked every {every}; see it with `/meeting watches`."),
            Markup.Format($"{check.Alerts} alerta(s) publicada(s). Se revisa cada {every}; véala con `/meeting watches`."));
    }

    private static bool IsDefault(string value) => value.Trim().ToLowerInvariant() is "default" or "defecto" or "por defecto";

    private CommandResult NotFound(int id) =>
        CommandResult.NotFound(Say($"There is no agenda watch #{id}. See them with `/meeting watches`.", $"No existe la vigilancia #{id}. Véalas con `/meeting watches`."));

    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
