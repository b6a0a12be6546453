using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting subscribe</c>, <c>subscriptions</c> and <c>unsubscribe</c> commands: public meeting calendars imported and kept in sync.</summary>
public sealed partial class MeetingCommands
{
    private const int MaxSubscriptions = 20;

    [Command("meeting subscribe", "Import a public meeting calendar (.ics link) and keep it in sync", Role = Role.Lead, DescriptionEs = "Importar un calendario público de reuniones (enlace .ics) y mantenerlo al día")]
    public async Task<CommandResult> SubscribeAsync(
        [Option("The calendar's .ics link, like a city's Legistar feed", MaxLength = 500, DescriptionEs = "El enlace .ics del calendario, como el de Legistar de la ciudad")] string url,
        [Option("The channel for reminders (default: this one)", DescriptionEs = "El canal de los recordatorios (por defecto: este)")] ChannelRef? channel = null,
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

        if (FeedParser.ParseFilter(filter, out var filterError) is null)
        {
            return CommandResult.Invalid(Say(Markup.Format($"That filter does not work: {filterError}."),
                Markup.Format($"Ese filtro no sirve: escriba palabras separadas por |, como \"City Council|Public Safety\".")));
        }

        string? leadMinutes = null;
        if (remind is not null)
        {
            var leads = Recurrence.ParseLeadTimes(remind, out var remindError);
            if (leads is null)
            {
                return CommandResult.Invalid(Markup.Escape(remindError!));
            }

            leadMinutes = string.Join(',', leads.Select(l => ((int)l.TotalMinutes).ToString(CultureInfo.InvariantCulture)));
        }

        var address = uri.ToString();
        var existing = await db.Subscriptions.AsNoTracking().ToListAsync(cancellationToken);
        if (existing.FirstOrDefault(s => s.Url == address) is { } same)
        {
            return CommandResult.Invalid(Say(Markup.Format($"That calendar is already subscription #{same.Number}. See them with `/meeting subscriptions`."),
                Markup.Format($"Ya hay una suscripción a ese calendario (#{same.Number}). Véalas con `/meeting subscriptions`.")));
        }

        if (existing.Count >= MaxSubscriptions)
        {
            return CommandResult.Invalid(Say($"This coalition already has {MaxSubscriptions} calendar subscriptions; remove one with `/meeting unsubscribe`.",
                $"Esta coalición ya tiene {MaxSubscriptions} suscripciones a calendarios; quite una con `/meeting unsubscribe`."));
        }

        // The first fetch validates the link; a slow feed is covered by the adapters' deferred answers.
        var display = FeedFetcher.Display(address);
        var fetch = await fetcher.FetchAsync(uri, null, null, cancellationToken);
        string? parseError = null;
        var feed = fetch.Ok ? FeedParser.Parse(fetch.Text ?? string.Empty, Context.TimeZone.Id, out parseError) : null;
        if (feed is null)
        {
            var why = fetch.Error ?? parseError;
            return CommandResult.Invalid(Say(Markup.Format($"Could not import `{display}`: {why}. Nothing was saved."),
                Markup.Format($"No se pudo importar `{display}`: {why}. No se guardó nada.")));
        }

        var now = clock.GetUtcNow();
        var target = channel ?? Context.Caller.Channel;
        var subscription = new MeetingSubscription
        {
            Number = (existing.Count == 0 ? 0 : existing.Max(s => s.Number)) + 1,
            Url = address,
            Name = Cut(feed.Name ?? uri.Host, 120),
            ChannelId = target?.Id,
            ChannelName = target?.Name,
            Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
            LeadMinutes = leadMinutes,
            ETag = fetch.ETag,
            LastModified = fetch.LastModified,
            LastRefreshAt = now,
            LastSuccessAt = now,
            NextRefreshAt = now + settings.FeedRefreshEvery,
            CreatedBy = Context.User.Name,
            CreatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var result = await sync.ApplyAsync(subscription, feed, cancellationToken);
        refreshSignal.Wake();
        var every = settings.FeedRefreshEvery.Humanize(culture: MeetingCards.Culture(Spanish));
        return CommandResult.Ok(new Reply
        {
            Text = Say(
                Markup.Format($"Subscribed **#{subscription.Number} {subscription.Name}**: {result.Found} upcoming meeting(s) in the feed, {result.Matched} imported{(subscription.Filter is null ? string.Empty : $" (filter: {subscription.Filter})")}. It is checked every {every}; see them with `/meeting list`."),
                Markup.Format($"Suscripción **#{subscription.Number} {subscription.Name}**: {result.Found} reunión(es) próxima(s) en el calendario, {result.Matched} importada(s){(subscription.Filter is null ? string.Empty : $" (filtro: {subscription.Filter})")}. Se revisa cada {every}; véalas con `/meeting list`.")),
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
            return CommandResult.NotFound(Say($"There is no calendar subscription #{id}. See them with `/meeting subscriptions`.", $"No existe la suscripción #{id}. Véalas con `/meeting subscriptions`."));
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

    /// <summary>Refuses a hand edit of an imported meeting: the feed is its source, and the next refresh would undo the edit.</summary>
    private async Task<CommandResult?> ImportedAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        if (meeting.SubscriptionId is null)
        {
            return null;
        }

        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == meeting.SubscriptionId, cancellationToken);
        var name = subscription is null ? "?" : $"#{subscription.Number} {subscription.Name}";
        return CommandResult.Invalid(Say(
            Markup.Format($"Meeting #{meeting.Number} comes from the calendar feed {name} and follows it, so it cannot be changed here: the change belongs at the source, and the next refresh brings it in. To stop importing the feed, use `/meeting unsubscribe`."),
            Markup.Format($"La reunión #{meeting.Number} viene del calendario {name} y se sincroniza con él, así que no se puede cambiar aquí: el cambio debe hacerse en el calendario de origen, y la próxima revisión lo traerá. Para dejar de importar ese calendario, use `/meeting unsubscribe`.")));
    }

    private string Describe(MeetingSubscription s, int meetings, DateTimeOffset now)
    {
        var culture = MeetingCards.Culture(Spanish);
        var last = s.LastRefreshAt is { } at ? at.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: culture) : Say("never", "nunca");
        var next = s.NextRefreshAt.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: now.UtcDateTime, culture: culture);
        var state = s.LastError is null ? Say("ok", "sin errores") : Say("error: ", "error: ") + s.LastError;
        var where = s.ChannelId is null ? "?" : $"<#{s.ChannelId}>";
        var filter = s.Filter is null ? string.Empty : Say($" · filter: {s.Filter}", $" · filtro: {s.Filter}");
        return Markup.Format($"**#{s.Number} {s.Name}** — `{FeedFetcher.Display(s.Url)}` → ") + where + Markup.Format($"{filter} · ")
            + Say(Markup.Format($"{meetings} meeting(s) · last refresh {last} ({state}) · next {next}"),
                Markup.Format($"{meetings} reunión(es) · última revisión {last} ({state}) · próxima {next}"));
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
