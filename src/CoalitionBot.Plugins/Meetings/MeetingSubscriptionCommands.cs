using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting subscribe</c>, <c>subscriptions</c> and <c>unsubscribe</c> commands: public meeting calendars imported and kept in sync.</summary>
public sealed class MeetingSubscriptionCommands(
    MeetingsDbContext db,
    Outbox outbox,
    TimeProvider clock,
    FeedFetcher fetcher,
    FeedSync sync,
    FeedRefreshSignal refreshSignal,
    Lazy<FeedSubscriptions> feeds,
    MeetingsSettings settings) : CommandModule
{
    private const int MaxSubscriptions = 20;

    private bool Spanish => Context.IsSpanish;

    [Command("meeting subscribe", "Import a public meeting calendar (.ics link) and keep it in sync", Role = Role.Lead, DescriptionEs = "Importar un calendario público de reuniones (enlace .ics) y mantenerlo al día")]
    public async Task<CommandResult> SubscribeAsync(
        [Option("The calendar's .ics link, like a city's Legistar feed", MaxLength = 500, DescriptionEs = "El enlace .ics del calendario, como el de Legistar de la ciudad")] string url,
        [Option("The channel for reminders (default: the coalition's reminders channel, else this one)", DescriptionEs = "El canal de los recordatorios (por defecto: el de la coalición, o este)")] ChannelRef? channel = null,
        [Option("Only titles with these words; | separates choices", MaxLength = 200, DescriptionEs = "Solo títulos con estas palabras; | separa opciones")] string? filter = null,
        [Option("Reminder times, like 1d,2h (default: the plugin's)", MaxLength = 100, DescriptionEs = "Cuándo recordar, como 1d,2h (por defecto: según el plugin)")] string? remind = null,
        CancellationToken cancellationToken = default)
    {
        var uri = FeedFetcher.ParseUrl(url, out var urlError);
        if (uri is null)
        {
            return CommandResult.Invalid(Say(Markup.Format($"That is not a calendar link ({urlError}). Give the feed's https:// (or webcal://) address."),
                Markup.Format($"Eso no es un enlace de calendario ({urlError}). Indique la dirección https:// (o webcal://) del calendario.")));
        }

        if (FilterError(filter) is { } badFilter)
        {
            return badFilter;
        }

        string? leadMinutes = null;
        if (remind is not null && (leadMinutes = Recurrence.ParseLeadMinutes(remind, out var remindError)) is null)
        {
            return CommandResult.Invalid(Markup.Escape(remindError!));
        }

        var address = uri.ToString();
        var existing = await db.Subscriptions.AsNoTracking().ToListAsync(cancellationToken);
        if (Refusal(existing, address) is { } refused)
        {
            return refused;
        }

        // The first fetch validates the link; a slow feed is covered by the adapters' deferred answers.
        var fetch = await fetcher.FetchAsync(uri, null, null, cancellationToken);
        string? parseError = null;
        var feed = fetch.Ok ? FeedParser.Parse(fetch.Text ?? string.Empty, Context.TimeZone.Id, out parseError) : null;
        if (feed is null)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Could not import `{FeedFetcher.Display(address)}`: {fetch.Error ?? parseError}. Nothing was saved."),
                Markup.Format($"No se pudo importar `{FeedFetcher.Display(address)}`: {fetch.Error ?? parseError}. No se guardó nada.")));
        }

        var now = clock.GetUtcNow();
        var target = Context.ChannelFor(CoalitionChannel.Reminders, channel);
        var subscription = new MeetingSubscription
        {
            Number = (existing.Count == 0 ? 0 : existing.Max(s => s.Number)) + 1,
            Url = address,
            Name = MeetingCards.Cut(feed.Name ?? uri.Host, 120),
            ChannelId = target?.Id,
            ChannelName = target?.Name,
            Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
            LeadMinutes = leadMinutes,
            LastRefreshAt = now,
            LastSuccessAt = now,
            NextRefreshAt = now + settings.FeedRefreshEvery,
            CreatedBy = Context.User.Name,
            CreatedAt = now,
        };
        var result = await ImportAsync(subscription, feed, fetch, cancellationToken);
        var every = settings.FeedRefreshEvery.Humanize(culture: MeetingCards.Culture(Spanish));
        return CommandResult.Ok(new Reply
        {
            Text = Say(
                Markup.Format($"Subscribed **#{subscription.Number} {subscription.Name}**: {result.Found} upcoming meeting(s) in the feed, {result.Matched} imported{(subscription.Filter is null ? string.Empty : $" (filter: {subscription.Filter})")}. It is checked every {every}; see them with `/meeting list`.") + ReminderChannelNote(target, channel is null),
                Markup.Format($"Suscripción **#{subscription.Number} {subscription.Name}**: {result.Found} reunión(es) próxima(s) en el calendario, {result.Matched} importada(s){(subscription.Filter is null ? string.Empty : $" (filtro: {subscription.Filter})")}. Se revisa cada {every}; véalas con `/meeting list`.") + ReminderChannelNote(target, channel is null)),
        });
    }

    /// <summary>Why a calendar cannot be added: it is already subscribed, or the coalition has as many as it may.</summary>
    private CommandResult? Refusal(List<MeetingSubscription> existing, string address)
    {
        if (existing.FirstOrDefault(s => s.Url == address) is { } same)
        {
            return CommandResult.Invalid(Say(Markup.Format($"That calendar is already subscription #{same.Number}. See them with `/meeting subscriptions`."),
                Markup.Format($"Ya hay una suscripción a ese calendario (#{same.Number}). Véalas con `/meeting subscriptions`.")));
        }

        return existing.Count < MaxSubscriptions
            ? null
            : CommandResult.Invalid(Say($"This coalition already has {MaxSubscriptions} calendar subscriptions; remove one with `/meeting unsubscribe`.",
                $"Esta coalición ya tiene {MaxSubscriptions} suscripciones a calendarios; quite una con `/meeting unsubscribe`."));
    }

    /// <summary>Saves a new subscription and imports its first read of the feed.</summary>
    private async Task<FeedSyncResult> ImportAsync(MeetingSubscription subscription, ParsedFeed feed, FeedFetch fetch, CancellationToken cancellationToken)
    {
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var result = await sync.ApplyAsync(subscription, feed, cancellationToken);

        // The feed's version is kept only once its meetings are in: if importing failed, the next refresh reads it all again.
        subscription.ETag = fetch.ETag;
        subscription.LastModified = fetch.LastModified;
        await db.SaveChangesAsync(cancellationToken);
        refreshSignal.Wake();
        return result;
    }

    /// <summary>" Reminders go to #council (the coalition's reminders channel)."</summary>
    private string ReminderChannelNote(ChannelRef? target, bool chosenForThem) => target is null
        ? string.Empty
        : " " + Say($"Reminders go to {target.Mention}", $"Los recordatorios van a {target.Mention}")
            + (chosenForThem && Context.HasCoalitionChannel(CoalitionChannel.Reminders) ? Say(" (the coalition's reminders channel).", " (el canal de recordatorios de la coalición).") : ".");

    [Command("meeting subscription", "Change an imported calendar's channel, filter or reminders", Role = Role.Lead, DescriptionEs = "Cambiar el canal, el filtro o los recordatorios de un calendario importado")]
    public async Task<CommandResult> EditFeedAsync(
        [Option("The subscription number", MinValue = 1, DescriptionEs = "El número de la suscripción")] int id,
        [Option("The channel for its reminders", DescriptionEs = "El canal de sus recordatorios")] ChannelRef? channel = null,
        [Option("Only titles with these words; | separates choices; none for every meeting", MaxLength = 200, DescriptionEs = "Solo títulos con estas palabras; | separa opciones; none para todas")] string? filter = null,
        [Option("Reminder times, like 1d,2h; default for the plugin's", MaxLength = 100, DescriptionEs = "Cuándo recordar, como 1d,2h; default para los del plugin")] string? remind = null,
        CancellationToken cancellationToken = default)
    {
        if (channel is null && filter is null && remind is null)
        {
            return CommandResult.Invalid(Say(
                Markup.Format($"Say what to change: `channel:`, `filter:` or `remind:`, like `/meeting subscription {id} filter:\"City Council\"` (`filter:none` imports every meeting)."),
                Markup.Format($"Diga qué cambiar: `channel:`, `filter:` o `remind:`, como `/meeting subscription {id} filter:\"City Council\"` (`filter:none` importa todas las reuniones).")));
        }

        var clearFilter = filter is not null && IsNone(filter);
        if (filter is not null && !clearFilter && FilterError(filter) is { } badFilter)
        {
            return badFilter;
        }

        var defaultRemind = remind is not null && remind.Trim().Equals("default", StringComparison.OrdinalIgnoreCase);
        string? leadMinutes = null;
        if (remind is not null && !defaultRemind && (leadMinutes = Recurrence.ParseLeadMinutes(remind, out var remindError)) is null)
        {
            return CommandResult.Invalid(Markup.Escape(remindError!));
        }

        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Number == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        subscription.ChannelId = channel?.Id ?? subscription.ChannelId;
        subscription.ChannelName = channel is null ? subscription.ChannelName : channel.Name;
        subscription.Filter = filter is null ? subscription.Filter : clearFilter ? null : filter.Trim();
        subscription.LeadMinutes = remind is null ? subscription.LeadMinutes : defaultRemind ? null : leadMinutes;

        // Read the whole feed again (no ETag), so its meetings follow the new settings now: newly matching ones are
        // imported, ones the filter now leaves out are withdrawn, and reminders move to the new channel or times.
        subscription.ETag = null;
        subscription.LastModified = null;
        var result = await feeds.Value.RefreshAsync(subscription, cancellationToken);
        var settingsText = Describe(subscription);
        if (result is null)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say(
                    Markup.Format($"Saved for **#{subscription.Number} {subscription.Name}**: ") + settingsText + Markup.Format($". The calendar could not be read just now ({subscription.LastError ?? "no answer"}); its meetings follow the new settings at the next refresh."),
                    Markup.Format($"Guardado para **#{subscription.Number} {subscription.Name}**: ") + settingsText + Markup.Format($". No se pudo leer el calendario ahora ({subscription.LastError ?? "sin respuesta"}); sus reuniones seguirán la nueva configuración en la próxima revisión.")),
            });
        }

        return CommandResult.Ok(new Reply
        {
            Text = Say(
                Markup.Format($"Changed **#{subscription.Number} {subscription.Name}**: ") + settingsText + Markup.Format($". {result.Matched} of {result.Found} upcoming meeting(s) follow it: {result.Added} added, {result.Updated} updated, {result.Cancelled} withdrawn."),
                Markup.Format($"Cambiada **#{subscription.Number} {subscription.Name}**: ") + settingsText + Markup.Format($". {result.Matched} de {result.Found} reunión(es) próxima(s) la siguen: {result.Added} agregada(s), {result.Updated} actualizada(s), {result.Cancelled} retirada(s).")),
        });
    }

    [Command("meeting subscriptions", "Imported calendars: last refresh, errors, meetings", DescriptionEs = "Calendarios importados: última revisión, errores, reuniones")]
    public async Task<CommandResult> SubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().OrderBy(s => s.Number).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say("No calendar subscriptions. Leads add one with `/meeting subscribe <ics link>`.", "No hay calendarios suscritos. Los coordinadores pueden agregar uno con `/meeting subscribe <enlace ics>`."),
                Ephemeral = true,
            });
        }

        var counts = await db.Meetings.Where(m => m.SubscriptionId != null && !m.Cancelled)
            .GroupBy(m => m.SubscriptionId).Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var now = clock.GetUtcNow();
        return CommandResult.Ok(new Reply
        {
            Title = Say("Calendar subscriptions", "Calendarios suscritos"),
            Bullets = subscriptions.Select(s => Describe(s, counts.GetValueOrDefault(s.Id), now)).ToList(),
            Footer = Say("Imported meetings follow their feed; `/meeting unsubscribe <number>` stops one.", "Las reuniones importadas se actualizan según su calendario; `/meeting unsubscribe <número>` deja de importar uno."),
            Ephemeral = true,
        });
    }

    [Command("meeting unsubscribe", "Stop importing a calendar and cancel its upcoming meetings", Role = Role.Lead, DescriptionEs = "Dejar de importar un calendario y cancelar sus reuniones próximas")]
    public async Task<CommandResult> UnsubscribeAsync(
        [Option("The subscription number", MinValue = 1, DescriptionEs = "El número de la suscripción")] int id,
        CancellationToken cancellationToken = default)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Number == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        var meetings = await db.Meetings.Where(m => m.SubscriptionId == subscription.Id && !m.Cancelled).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var meeting in meetings)
        {
            meeting.Cancelled = true;
            meeting.UpdatedAt = now;
        }

        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var withdrawn = 0;
        foreach (var meeting in meetings)
        {
            withdrawn += await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken);
        }

        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Stopped importing #{id} {subscription.Name}: {meetings.Count} meeting(s) from it cancelled, {withdrawn} reminder(s) withdrawn."),
                Markup.Format($"Se dejó de importar #{id} {subscription.Name}: reuniones canceladas: {meetings.Count}; recordatorios retirados: {withdrawn}.")),
        });
    }

    private string Describe(MeetingSubscription s, int meetings, DateTimeOffset now)
    {
        var (last, next) = MeetingCards.Checked(s.LastRefreshAt, s.NextRefreshAt, now, Spanish);
        var state = MeetingCards.Health(s.LastError, Spanish);
        var where = s.ChannelId is null ? "?" : $"<#{s.ChannelId}>";
        var filter = s.Filter is null ? string.Empty : Say($" · filter: {s.Filter}", $" · filtro: {s.Filter}");
        return Markup.Format($"**#{s.Number} {s.Name}** — `{FeedFetcher.Display(s.Url)}` → ") + where + Markup.Format($"{filter} · ")
            + Say(Markup.Format($"{meetings} meeting(s) · last refresh {last} ({state}) · next {next}"),
                Markup.Format($"{meetings} reunión(es) · última revisión {last} ({state}) · próxima {next}"));
    }

    private CommandResult NotFound(int id) =>
        CommandResult.NotFound(Say($"There is no calendar subscription #{id}. See them with `/meeting subscriptions`.", $"No existe la suscripción #{id}. Véalas con `/meeting subscriptions`."));

    /// <summary>The answer to a filter that cannot be read, or null when it is fine.</summary>
    private CommandResult? FilterError(string? filter) =>
        FeedParser.ParseFilter(filter, out var error) is null
            ? CommandResult.Invalid(Say(Markup.Format($"That filter does not work: {error}."),
                Markup.Format($"Ese filtro no sirve: escriba palabras separadas por |, como \"City Council|Public Safety\".")))
            : null;

    private static bool IsNone(string value) => value.Trim().ToLowerInvariant() is "none" or "ninguno" or "-";

    /// <summary>A subscription's settings: channel, filter and reminder times.</summary>
    private string Describe(MeetingSubscription s)
    {
        var where = s.ChannelId is null ? Say("no channel", "sin canal") : $"<#{s.ChannelId}>";
        var filter = s.Filter is null ? Say("every meeting", "todas las reuniones") : Say(Markup.Format($"filter “{s.Filter}”"), Markup.Format($"filtro “{s.Filter}”"));
        var remind = MeetingCards.LeadTimesNote(s.LeadMinutes, Spanish);
        return where + " · " + filter + " · " + remind;
    }

    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
