using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Core.Scheduling;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting</c> commands.</summary>
public sealed partial class MeetingCommands(
    MeetingsDbContext db,
    MeetingPlanner planner,
    Outbox outbox,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<BotOptions> bot,
    FeedFetcher fetcher,
    FeedSync sync,
    FeedRefreshSignal refreshSignal,
    Lazy<FeedSubscriptions> feeds,
    MeetingsSettings settings) : CommandModule
{
    private const string RetryAction = "meeting.retry";

    private bool Spanish => Context.IsSpanish;

    [Command("meeting add", "Schedule a meeting or hearing, with reminders", Role = Role.Lead, DescriptionEs = "Programar una reunión o audiencia, con recordatorios")]
    public async Task<CommandResult> AddAsync(
        [Option("What it is, like: City council", MaxLength = 120, DescriptionEs = "Qué es, como: Concejo municipal")] string title,
        [Option("When the (first) meeting starts, like 2026-12-01 18:00", DescriptionEs = "Cuándo empieza (la primera), como 2026-12-01 18:00")] DateTimeOffset when,
        [Option("Where", MaxLength = 200, DescriptionEs = "Dónde")] string? where = null,
        [Option("The channel for reminders (default: the coalition's reminders channel, else this one)", DescriptionEs = "El canal de los recordatorios (por defecto: el de la coalición, o este)")] ChannelRef? channel = null,
        [Option("How it repeats, like: every 1st and 3rd tuesday", MaxLength = 200, DescriptionEs = "Cómo se repite, como: cada primer y tercer martes")] string? repeat = null,
        [Option("Reminder times before it, like 7d,1d,2h (or none)", MaxLength = 100, DescriptionEs = "Recordatorios antes, como 7d,1d,2h (o none)")] string? remind = null,
        [Option("Agenda text or link", MaxLength = 1000, DescriptionEs = "Agenda o enlace")] string? agenda = null,
        [Option("IANA time zone if not the coalition's, like America/Los_Angeles", MaxLength = 64, DescriptionEs = "Zona horaria IANA si no es la de la coalición")] string? zone = null,
        CancellationToken cancellationToken = default)
    {
        var zoneId = zone?.Trim() ?? Context.TimeZone.Id;
        if (CommandContextFactory.FindZone(zoneId) is null)
        {
            return CommandResult.Invalid(Say(Markup.Format($"`{zoneId}` is not a time zone; use an IANA name like America/Chicago."),
                Markup.Format($"`{zoneId}` no es una zona horaria; use un nombre IANA como America/Chicago.")));
        }

        // The date was read in the coalition's zone; keep its wall-clock time in the meeting's own zone.
        var local = TimeZoneInfo.ConvertTime(when, Context.TimeZone).DateTime;
        var meeting = new Meeting
        {
            Title = title.Trim(),
            StartLocal = local,
            TimeZone = zoneId,
            Location = where?.Trim(),
            ChannelId = Context.ChannelFor(CoalitionChannel.Reminders, channel)?.Id,
            ChannelName = Context.ChannelFor(CoalitionChannel.Reminders, channel)?.Name,
            Agenda = agenda?.Trim(),
            CreatedBy = Context.User.Name,
            CreatedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
        };
        var problem = ApplyRepeat(meeting, repeat) ?? ApplyReminders(meeting, remind);
        if (problem is not null)
        {
            return CommandResult.Invalid(problem);
        }

        var first = Recurrence.Occurrences(meeting, clock.GetUtcNow(), clock.GetUtcNow() + TimeSpan.FromDays(3660)).FirstOrDefault();
        if (first == default)
        {
            return CommandResult.Invalid(Say("That meeting is in the past. Give a future date and time.", "Esa reunión ya pasó. Indique una fecha y hora futuras."));
        }

        meeting.Number = (await db.Meetings.MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0) + 1;
        db.Meetings.Add(meeting);
        await outbox.SaveThenAsync(db, () => planner.PlanAsync(meeting, cancellationToken), cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(
                Markup.Format($"Added meeting **#{meeting.Number}: {meeting.Title}** — {MeetingCards.When(meeting, first, false)}{RepeatNote(meeting)}."),
                Markup.Format($"Reunión agregada **#{meeting.Number}: {meeting.Title}** — {MeetingCards.When(meeting, first, true)}{RepeatNote(meeting)}.")),
            Fields = [new ReplyField(Say("Reminders", "Recordatorios"), ReminderNote(meeting) + (channel is null && Context.HasCoalitionChannel(CoalitionChannel.Reminders)
                ? Say(" (the coalition's reminders channel)", " (el canal de recordatorios de la coalición)")
                : string.Empty))],
        });
    }

    [Command("meeting list", "Upcoming meetings", DescriptionEs = "Próximas reuniones")]
    public async Task<CommandResult> ListAsync(
        [Option("How many days ahead (default 14)", MinValue = 1, MaxValue = 120, DescriptionEs = "Cuántos días adelante (por defecto 14)")] int days = 14,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var upcoming = await UpcomingAsync(now, now + TimeSpan.FromDays(days), cancellationToken);
        if (upcoming.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say($"No meetings in the next {days} days. Leads add them with `/meeting add`.", $"No hay reuniones en los próximos {days} días. Los coordinadores las agregan con `/meeting add`."),
                Ephemeral = true,
            });
        }

        return CommandResult.Ok(new Reply
        {
            Title = Say($"Meetings in the next {days} days", $"Reuniones en los próximos {days} días"),
            Bullets = upcoming.Take(25).Select(u => Markup.Format($"{MeetingCards.When(u.Meeting, u.Start, Spanish)} — **#{u.Meeting.Number} {u.Meeting.Title}**{(u.Meeting.Location is null ? string.Empty : " · " + u.Meeting.Location)}")).ToList(),
            Footer = Say("Details and RSVP: `/meeting show <number>`", "Detalles y asistencia: `/meeting show <número>`"),
            Ephemeral = true,
        });
    }

    [Command("meeting next", "The next meeting, with RSVP buttons", DescriptionEs = "La próxima reunión, con botones de asistencia")]
    public async Task<CommandResult> NextAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var next = (await UpcomingAsync(now, now + TimeSpan.FromDays(3660), cancellationToken)).FirstOrDefault();
        return next.Meeting is null
            ? CommandResult.Ok(new Reply { Text = Say("No upcoming meetings.", "No hay reuniones próximas."), Ephemeral = true })
            : CommandResult.Ok(await CardAsync(next.Meeting, next.Start, cancellationToken));
    }

    [Command("meeting show", "One meeting: when, where, agenda and who is going", DescriptionEs = "Una reunión: cuándo, dónde, agenda y quién va")]
    public async Task<CommandResult> ShowAsync(
        [Option("The meeting number", MinValue = 1, DescriptionEs = "El número de la reunión")] int id,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null)
        {
            return NotFound(id);
        }

        var now = clock.GetUtcNow();
        var next = Recurrence.Occurrences(meeting, now, now + TimeSpan.FromDays(3660), await planner.SkippedAsync(meeting, cancellationToken)).FirstOrDefault();
        if (next == default)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Say(Markup.Format($"#{meeting.Number} {meeting.Title} has no upcoming date{(meeting.Cancelled ? " (cancelled)" : string.Empty)}."),
                    Markup.Format($"#{meeting.Number} {meeting.Title} no tiene fechas próximas{(meeting.Cancelled ? " (cancelada)" : string.Empty)}.")),
                Ephemeral = true,
            });
        }

        return CommandResult.Ok(await CardAsync(meeting, next, cancellationToken));
    }

    [Command("meeting edit", "Change a meeting", Role = Role.Lead, DescriptionEs = "Cambiar una reunión")]
    public async Task<CommandResult> EditAsync(
        [Option("The meeting number", MinValue = 1, DescriptionEs = "El número de la reunión")] int id,
        [Option("New title", MaxLength = 120, DescriptionEs = "Nuevo título")] string? title = null,
        [Option("New start", DescriptionEs = "Nuevo inicio")] DateTimeOffset? when = null,
        [Option("New place", MaxLength = 200, DescriptionEs = "Nuevo lugar")] string? where = null,
        [Option("New reminder channel", DescriptionEs = "Nuevo canal de recordatorios")] ChannelRef? channel = null,
        [Option("New repeat, or none", MaxLength = 200, DescriptionEs = "Nueva repetición, o none")] string? repeat = null,
        [Option("New reminder times, like 1d,2h", MaxLength = 100, DescriptionEs = "Nuevos recordatorios, como 1d,2h")] string? remind = null,
        [Option("New agenda text or link", MaxLength = 1000, DescriptionEs = "Nueva agenda o enlace")] string? agenda = null,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return NotFound(id);
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (title is null && when is null && where is null && channel is null && repeat is null && remind is null && agenda is null)
        {
            return CommandResult.Invalid(Say("Say what to change, like `where:\"City Hall\"` or `when:\"2026-12-01 18:00\"`.",
                "Indique qué cambiar, como `where:\"Ayuntamiento\"` o `when:\"2026-12-01 18:00\"`."));
        }

        var problem = (repeat is null ? null : ApplyRepeat(meeting, repeat)) ?? (remind is null ? null : ApplyReminders(meeting, remind));
        if (problem is not null)
        {
            return CommandResult.Invalid(problem);
        }

        meeting.Title = title?.Trim() ?? meeting.Title;
        meeting.Location = where?.Trim() ?? meeting.Location;
        meeting.Agenda = agenda?.Trim() ?? meeting.Agenda;
        if (channel is not null)
        {
            meeting.ChannelId = channel.Id;
            meeting.ChannelName = channel.Name;
        }

        if (when is { } start)
        {
            meeting.StartLocal = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone)).DateTime;
        }

        meeting.UpdatedAt = clock.GetUtcNow();
        await SaveAndReplanAsync(meeting, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Updated meeting #{meeting.Number}; its reminders are rescheduled."), Markup.Format($"Reunión #{meeting.Number} actualizada; sus recordatorios se reprogramaron.")),
        });
    }

    [Command("meeting cancel", "Cancel a meeting, or one date of a recurring one", Role = Role.Lead, DescriptionEs = "Cancelar una reunión, o una fecha de una que se repite")]
    public async Task<CommandResult> CancelAsync(
        [Option("The meeting number", MinValue = 1, DescriptionEs = "El número de la reunión")] int id,
        [Option("Only this date, like 2026-12-15", DescriptionEs = "Solo esta fecha, como 2026-12-15")] DateTimeOffset? date = null,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return NotFound(id);
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (date is null)
        {
            meeting.Cancelled = true;
            meeting.UpdatedAt = clock.GetUtcNow();
            var withdrawn = 0;
            await outbox.SaveThenAsync(db, async () => withdrawn = await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken), cancellationToken);
            return CommandResult.Ok(new Reply
            {
                Text = Say(Markup.Format($"Cancelled meeting #{meeting.Number} {meeting.Title} ({withdrawn} reminder(s) withdrawn)."),
                    Markup.Format($"Reunión #{meeting.Number} {meeting.Title} cancelada ({withdrawn} recordatorio(s) retirados).")),
            });
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(date.Value, Context.TimeZone).DateTime);
        var dayStart = Recurrence.ToInstant(day.ToDateTime(TimeOnly.MinValue), meeting.TimeZone);
        var occurrence = Recurrence.Occurrences(meeting, dayStart, dayStart + TimeSpan.FromDays(1))
            .FirstOrDefault(o => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o, zone).DateTime) == day);
        if (occurrence == default)
        {
            return CommandResult.Invalid(Say(Markup.Format($"Meeting #{meeting.Number} does not meet on {day:yyyy-MM-dd}. See the dates with `/meeting show {meeting.Number}`."),
                Markup.Format($"La reunión #{meeting.Number} no se reúne el {day:yyyy-MM-dd}. Vea las fechas con `/meeting show {meeting.Number}`.")));
        }

        if (!await db.Skips.AnyAsync(s => s.MeetingId == meeting.Id && s.OccurrenceStart == occurrence, cancellationToken))
        {
            db.Skips.Add(new MeetingSkip { MeetingId = meeting.Id, OccurrenceStart = occurrence, SkippedBy = Context.User.Name, SkippedAt = clock.GetUtcNow() });
        }

        await outbox.SaveThenAsync(db, () => outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting, occurrence), cancellationToken), cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = Say(Markup.Format($"Cancelled #{meeting.Number} {meeting.Title} on {MeetingCards.When(meeting, occurrence, false)}; the other dates stay."),
                Markup.Format($"Cancelada #{meeting.Number} {meeting.Title} del {MeetingCards.When(meeting, occurrence, true)}; las demás fechas siguen.")),
        });
    }

    [Command("meeting agenda", "Set a meeting's agenda (text or link)", Role = Role.Lead, DescriptionEs = "Poner la agenda de una reunión (texto o enlace)")]
    public async Task<CommandResult> AgendaAsync(
        [Option("The meeting number", MinValue = 1, DescriptionEs = "El número de la reunión")] int id,
        [Option("The agenda text or link", Remainder = true, MaxLength = 1000, DescriptionEs = "La agenda o el enlace")] string agenda,
        CancellationToken cancellationToken = default)
    {
        var meeting = await FindAsync(id, cancellationToken);
        if (meeting is null || meeting.Cancelled)
        {
            return NotFound(id);
        }

        if (await ImportedAsync(meeting, cancellationToken) is { } refused)
        {
            return refused;
        }

        meeting.Agenda = agenda.Trim();
        meeting.UpdatedAt = clock.GetUtcNow();

        // Pending reminders carry the agenda, so they are rewritten with it.
        await SaveAndReplanAsync(meeting, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Say(Markup.Format($"Agenda set for #{meeting.Number}."), Markup.Format($"Agenda lista para #{meeting.Number}.")) });
    }

    [Command("meeting reminders failed", "Reminders and messages that could not be delivered", Role = Role.Admin, DescriptionEs = "Recordatorios y mensajes que no se pudieron enviar")]
    public async Task<CommandResult> FailedAsync(CancellationToken cancellationToken = default)
    {
        var failed = await outbox.FailedAsync(10, cancellationToken);
        if (failed.Count == 0)
        {
            return CommandResult.Ok(new Reply { Text = Say("Nothing failed: every reminder went out.", "Nada falló: todos los recordatorios salieron."), Ephemeral = true });
        }

        return CommandResult.Ok(new Reply
        {
            Title = Say("Messages that could not be delivered", "Mensajes que no se pudieron enviar"),
            Bullets = failed.Select(f => Markup.Format($"`{f.Id}` {f.Source} → {(f.ChannelName ?? f.ChannelId ?? f.UserName ?? f.UserId)}: due {TimeZoneInfo.ConvertTime(f.DueAt, Context.TimeZone):yyyy-MM-dd HH:mm} ({Context.TimeZone.Id}), {f.Attempts} attempt(s): {f.LastError ?? "unknown error"}")).ToList(),
            Footer = Say("Fix the cause (channel access, tokens), then retry.", "Corrija la causa (acceso al canal, tokens) y vuelva a intentar."),
            Buttons = failed.Take(5).Select(f => new ReplyButton(RetryAction, Say($"Retry {f.Id}", $"Reintentar {f.Id}"), f.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            Ephemeral = true,
        });
    }

    [Command("meeting feed", "A calendar link with all meetings, for your calendar app", DescriptionEs = "Un enlace de calendario con todas las reuniones, para su aplicación de calendario")]
    public async Task<CommandResult> FeedAsync(
        [Option("reset makes a new link and stops the old one (leads)", Choices = ["reset"], DescriptionEs = "reset crea un enlace nuevo y anula el anterior (coordinadores)")] string? action = null,
        CancellationToken cancellationToken = default)
    {
        var token = await db.FeedTokens.FirstOrDefaultAsync(cancellationToken);
        if (action == "reset")
        {
            if (Context.Role < Role.Lead)
            {
                return CommandResult.Forbidden(Say("Only leads can reset the calendar link.", "Solo los coordinadores pueden renovar el enlace del calendario."));
            }

            if (token is not null)
            {
                db.FeedTokens.Remove(token);
                await db.SaveChangesAsync(cancellationToken);
                token = null;
            }
        }

        if (token is null)
        {
            token = new MeetingFeedToken { Token = MeetingFeed.NewToken(), CreatedBy = Context.User.Name, CreatedAt = clock.GetUtcNow() };
            db.FeedTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
        }

        var path = $"/feeds/meetings/{token.Token}.ics";
        var link = bot.Value.PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, path).ToString() : path;
        return CommandResult.Ok(new Reply
        {
            Title = Say("Meetings calendar", "Calendario de reuniones"),
            Text = Say(
                Markup.Format($"Subscribe in your calendar app (Google, Outlook, Apple) with this link:\n`{link}`\nKeep it inside the coalition: anyone with it sees the meetings. A lead can make a new one with `/meeting feed reset`."),
                Markup.Format($"Suscríbase en su aplicación de calendario (Google, Outlook, Apple) con este enlace:\n`{link}`\nNo lo comparta fuera de la coalición: quien lo tenga ve las reuniones. Un coordinador puede crear otro con `/meeting feed reset`.")),
            Footer = bot.Value.PublicBaseUrl is null
                ? Say("The bot's public address (CoalitionBot:PublicBaseUrl) is not set, so only the path is shown.", "La dirección pública del bot (CoalitionBot:PublicBaseUrl) no está configurada; solo se muestra la ruta.")
                : null,
            Ephemeral = true,
        });
    }

    [Button(RetryAction, Role = Role.Admin)]
    public async Task<CommandResult> RetryAsync(string value, CancellationToken cancellationToken = default)
    {
        var ok = long.TryParse(value, CultureInfo.InvariantCulture, out var id) && await outbox.RetryAsync(id, cancellationToken);
        return ok
            ? CommandResult.Ok(new Reply { Text = Say($"Message {id} is queued again.", $"El mensaje {id} está en cola de nuevo."), Ephemeral = true })
            : CommandResult.Invalid(Say("That message is no longer in the failed list.", "Ese mensaje ya no está en la lista de fallidos."));
    }

    [Button(MeetingCards.RsvpAction)]
    public async Task<CommandResult> RsvpAsync(string value, CancellationToken cancellationToken = default)
    {
        var parts = value.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var meetingId)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seconds) || parts[2] is not ("y" or "n"))
        {
            return CommandResult.Invalid(Say("That button is broken; use `/meeting next`.", "Ese botón no funciona; use `/meeting next`."));
        }

        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        var occurrence = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (meeting is null || meeting.Cancelled || await db.Skips.AnyAsync(s => s.MeetingId == meetingId && s.OccurrenceStart == occurrence, cancellationToken))
        {
            return CommandResult.Invalid(Say("That meeting was cancelled.", "Esa reunión se canceló."));
        }

        if (occurrence < clock.GetUtcNow())
        {
            return CommandResult.Invalid(Say("That meeting already started.", "Esa reunión ya empezó."));
        }

        var going = parts[2] == "y";
        var rsvp = await db.Rsvps.FirstOrDefaultAsync(r => r.MeetingId == meetingId && r.OccurrenceStart == occurrence && r.UserId == Context.User.Id, cancellationToken);
        if (rsvp is null)
        {
            rsvp = new Rsvp { MeetingId = meetingId, OccurrenceStart = occurrence, UserId = Context.User.Id };
            db.Rsvps.Add(rsvp);
        }

        rsvp.UserName = Context.User.DisplayName;
        rsvp.Going = going;
        rsvp.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var (yes, no) = await CountsAsync(meeting, occurrence, cancellationToken);
        return CommandResult.Ok(new Reply
        {
            Text = going
                ? Say(Markup.Format($"You're going to **{meeting.Title}** on {MeetingCards.When(meeting, occurrence, false)}. Going: {yes} · Can't go: {no}."),
                    Markup.Format($"Usted va a **{meeting.Title}** el {MeetingCards.When(meeting, occurrence, true)}. Van: {yes} · No pueden: {no}."))
                : Say(Markup.Format($"Noted: you can't make **{meeting.Title}**. Going: {yes} · Can't go: {no}."),
                    Markup.Format($"Anotado: no puede ir a **{meeting.Title}**. Van: {yes} · No pueden: {no}.")),
            Ephemeral = true,
        });
    }

    private async Task<Reply> CardAsync(Meeting meeting, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (yes, no) = await CountsAsync(meeting, occurrence, cancellationToken);
        var fields = new List<ReplyField>
        {
            new(Say("When", "Cuándo"), Markup.Escape($"{MeetingCards.When(meeting, occurrence, Spanish)} — {MeetingCards.Relative(occurrence, now, Spanish)}")),
        };
        if (meeting.Rule is not null)
        {
            // A lead's own words ("every 1st tuesday") as typed; a calendar feed's rule (stored as RRULE:…) in words.
            var repeats = meeting.RuleText is { } typed && !typed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? typed : Recurrence.Describe(meeting.Rule, Spanish);
            fields.Add(new ReplyField(Say("Repeats", "Se repite"), Markup.Escape(repeats), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            fields.Add(new ReplyField(Say("Where", "Lugar"), Markup.Escape(meeting.Location), Inline: true));
        }

        if (!string.IsNullOrWhiteSpace(meeting.Agenda))
        {
            fields.Add(new ReplyField("Agenda", Markup.Escape(meeting.Agenda)));
        }

        if (meeting.SubscriptionId is not null)
        {
            var source = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == meeting.SubscriptionId, cancellationToken);
            var name = source is null ? "?" : $"#{source.Number} {source.Name}";
            fields.Add(new ReplyField(Say("Source", "Origen"), Say(Markup.Format($"from feed {name} (kept in sync; change it at the source)"),
                Markup.Format($"del calendario {name} (se mantiene al día; se cambia en la fuente)"))));
        }

        fields.Add(new ReplyField(Say("RSVPs", "Asistencia"), Say($"Going: {yes} · Can't go: {no}", $"Van: {yes} · No pueden: {no}"), Inline: true));
        fields.Add(new ReplyField(Say("Reminders", "Recordatorios"), ReminderNote(meeting)));
        return new Reply
        {
            Title = $"#{meeting.Number} {meeting.Title}",
            Fields = fields,
            Footer = Say("Get ready with `/tp council`.", "Prepárese con `/tp concejo`."),
            Buttons = MeetingCards.RsvpButtons(meeting, occurrence, Spanish),
            Ephemeral = true,
        };
    }

    private async Task<(int Going, int NotGoing)> CountsAsync(Meeting meeting, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var answers = await db.Rsvps.Where(r => r.MeetingId == meeting.Id && r.OccurrenceStart == occurrence).Select(r => r.Going).ToListAsync(cancellationToken);
        return (answers.Count(a => a), answers.Count(a => !a));
    }

    private async Task<List<(Meeting Meeting, DateTimeOffset Start)>> UpcomingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.Where(m => !m.Cancelled).ToListAsync(cancellationToken);
        var skips = (await db.Skips.ToListAsync(cancellationToken)).GroupBy(s => s.MeetingId).ToDictionary(g => g.Key, g => (IReadOnlySet<DateTimeOffset>)g.Select(s => s.OccurrenceStart).ToHashSet());
        return meetings
            .SelectMany(m => Recurrence.Occurrences(m, from, to, skips.GetValueOrDefault(m.Id)).Take(60).Select(o => (m, o)))
            .OrderBy(x => x.o).ThenBy(x => x.m.Number)
            .ToList();
    }

    private Task<Meeting?> FindAsync(int number, CancellationToken cancellationToken) =>
        db.Meetings.FirstOrDefaultAsync(m => m.Number == number, cancellationToken);

    private CommandResult NotFound(int id) =>
        CommandResult.NotFound(Say($"There is no meeting #{id}. See them with `/meeting list`.", $"No existe la reunión #{id}. Véalas con `/meeting list`."));

    private static string? ApplyRepeat(Meeting meeting, string? repeat)
    {
        if (repeat is null || repeat.Trim() is "none" or "no" or "never" or "nunca")
        {
            meeting.Rule = null;
            meeting.RuleText = null;
            return null;
        }

        var rule = Recurrence.Parse(repeat, out var error);
        if (rule is null)
        {
            return Markup.Escape(error!);
        }

        meeting.Rule = rule;
        meeting.RuleText = repeat.Trim();
        return null;
    }

    private static string? ApplyReminders(Meeting meeting, string? remind)
    {
        if (remind is null)
        {
            return null;
        }

        if (Recurrence.ParseLeadMinutes(remind, out var error) is not { } minutes)
        {
            return Markup.Escape(error!);
        }

        meeting.LeadMinutes = minutes;
        return null;
    }

    /// <summary>Saves the meeting's change and rewrites its pending reminders in one transaction: both or neither.</summary>
    private Task SaveAndReplanAsync(Meeting meeting, CancellationToken cancellationToken) =>
        outbox.SaveThenAsync(db, () => planner.ReplanAsync(meeting, cancellationToken), cancellationToken);

    private static string RepeatNote(Meeting meeting) => meeting.RuleText is null ? string.Empty : $" ({meeting.RuleText})";

    private string ReminderNote(Meeting meeting)
    {
        var leads = planner.LeadTimes(meeting);
        var culture = MeetingCards.Culture(Spanish);
        var where = meeting.ChannelId is null ? "?" : $"<#{meeting.ChannelId}>";
        return leads.Count == 0
            ? Say("none", "ninguno")
            : Say($"{string.Join(", ", leads.Select(l => l.Humanize(culture: culture)))} before, in {where}",
                $"{string.Join(", ", leads.Select(l => l.Humanize(culture: culture)))} antes, en {where}");
    }

    private string Say(string english, string spanish) => Context.Say(english, spanish);
}
