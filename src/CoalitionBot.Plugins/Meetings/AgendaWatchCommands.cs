using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
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

    [Command("meeting watch", "Watch a city's Legistar agendas for immigration items and import its meetings", Role = Role.Lead)]
    public async Task<CommandResult> WatchAsync(
        [Option("The Legistar client name, like seattle, nyc, kingcounty", MaxLength = 60)] string client,
        [Option("Bodies to watch, like \"City Council|Public Safety Committee\" (default: all)", MaxLength = 200)] string? body = null,
        [Option("Words to watch for, separated by | (default: a bilingual immigration list)", MaxLength = 500)] string? keywords = null,
        [Option("The channel for alerts and reminders (default: the coalition's reminders channel)")] ChannelRef? channel = null,
        [Option("Reminder times, like 1d,2h (default: the plugin's)", MaxLength = 100)] string? remind = null,
        [Option("The client's API token, if it needs one (stored encrypted, never shown)", MaxLength = 500)] string? token = null,
        CancellationToken cancellationToken = default)
    {
        var name = client.Trim().ToLowerInvariant();
        if (!LegistarClient.IsClientName(name))
        {
            return CommandResult.Invalid(Context.T("meetings.watch.bad-client", new { client }));
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
            return CommandResult.Invalid(Context.T("meetings.watch.failed", new { client = name, reason = bodies.Error!.Markup(Context.Strings) }));
        }

        var (chosen, bodyError) = LegistarBodies.Choose(bodies.Value!, body);
        if (bodyError is not null)
        {
            return CommandResult.Invalid(bodyError.In(Context.Strings));
        }

        var bodyIds = LegistarBodies.Ids(chosen);
        if (existing.FirstOrDefault(w => w.Kind == AgendaWatchKind.Bodies && w.Client == name && w.BodyIds == bodyIds) is { } same)
        {
            return CommandResult.Invalid(Context.T("meetings.watch.duplicate", new { client = name, number = same.Number }));
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
            Text = Context.T("meetings.watch.done", new { number = watch.Number, client = watch.Client, settings = Settings(watch), outcome = Outcome(watch, check) }),
            Ephemeral = secret is not null,
        });
    }

    [Command("meeting watch matter", "Follow one matter (like Res 31877): when it is scheduled, its status and votes", Role = Role.Lead)]
    public async Task<CommandResult> WatchMatterAsync(
        [Option("The Legistar client name, like seattle or nyc", MaxLength = 60)] string client,
        [Option("The matter's file number, like Res 31877 or CB 120300", Remainder = true, MaxLength = 60)] string file,
        [Option("The channel for its news (default: the coalition's reminders channel)")] ChannelRef? channel = null,
        [Option("The client's API token, if it needs one (stored encrypted, never shown)", MaxLength = 500)] string? token = null,
        CancellationToken cancellationToken = default)
    {
        var name = client.Trim().ToLowerInvariant();
        var fileNumber = file.Trim();
        if (!LegistarClient.IsClientName(name) || fileNumber.Length == 0)
        {
            return CommandResult.Invalid(Context.T("meetings.watch.matter.usage"));
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
            return CommandResult.Invalid(matters.Error is { } why
                ? Context.T("meetings.watch.matter.failed", new { file = fileNumber, reason = why.Markup(Context.Strings) })
                : Context.T("meetings.watch.matter.unknown", new { file = fileNumber, client = name }));
        }

        var matter = matters.Value![0];
        if (existing.FirstOrDefault(w => w.Kind == AgendaWatchKind.Matter && w.Client == name && w.MatterId == matter.MatterId) is { } same)
        {
            return CommandResult.Invalid(Context.T("meetings.watch.matter.duplicate", new { file = fileNumber, number = same.Number }));
        }

        var watch = new AgendaWatch { Kind = AgendaWatchKind.Matter, Client = name, MatterFile = MeetingCards.Cut(matter.MatterFile ?? fileNumber, 64), MatterId = matter.MatterId };
        var check = await StartAsync(watch, existing, channel, secret, cancellationToken);
        var where = watch.ChannelId is null ? "?" : $"<#{watch.ChannelId}>";
        return CommandResult.Ok(new Reply
        {
            Text = Context.T("meetings.watch.matter.done", new
            {
                number = watch.Number, file = watch.MatterFile, client = watch.Client, title = watch.MatterTitle, status = watch.MatterStatus ?? "?",
                channel = new TrustedMarkup(where), outcome = Outcome(watch, check),
            }),
            Ephemeral = secret is not null,
        });
    }

    [Command("meeting watch edit", "Change an agenda watch's bodies, keywords, channel, reminders or token", Role = Role.Lead)]
    public async Task<CommandResult> EditAsync(
        [Option("The watch number", MinValue = 1)] int id,
        [Option("Bodies to watch, | between names; all for every body", MaxLength = 200)] string? body = null,
        [Option("Words to watch for, | between them; default for the bilingual list", MaxLength = 500)] string? keywords = null,
        [Option("The channel for alerts and reminders")] ChannelRef? channel = null,
        [Option("Reminder times, like 1d,2h; default for the plugin's", MaxLength = 100)] string? remind = null,
        [Option("A new API token; none removes it", MaxLength = 500)] string? token = null,
        CancellationToken cancellationToken = default)
    {
        if (body is null && keywords is null && channel is null && remind is null && token is null)
        {
            return CommandResult.Invalid(Context.T("meetings.watch.edit.nothing", new { id }));
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
            Text = Context.T("meetings.watch.edit.done", new { number = watch.Number, client = watch.Client, settings = Settings(watch), outcome = Outcome(watch, check) }),
            Ephemeral = token is not null,
        });
    }

    [Command("meeting watches", "Agenda watches: bodies, keywords, channel, last check and errors")]
    public async Task<CommandResult> ListAsync(CancellationToken cancellationToken = default)
    {
        var watches = await db.Watches.AsNoTracking().OrderBy(w => w.Number).ToListAsync(cancellationToken);
        if (watches.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Context.T("meetings.watches.none"),
                Ephemeral = true,
            });
        }

        var reader = Context.ReaderAt(clock.GetUtcNow());
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("meetings.watches.title"),
            Bullets = watches.Select(w =>
            {
                var (last, next) = MeetingCards.Checked(w.LastCheckAt, w.NextCheckAt, reader);
                var state = new TrustedMarkup(MeetingCards.Health(w.LastError, reader));
                return w.Kind == AgendaWatchKind.Matter
                    ? Context.T("meetings.watches.matter", new
                    {
                        number = w.Number, client = w.Client, file = w.MatterFile, status = w.MatterStatus ?? "?",
                        channel = new TrustedMarkup(w.ChannelId is null ? "?" : $"<#{w.ChannelId}>"), last, state, next,
                    })
                    : Context.T("meetings.watches.bodies", new { number = w.Number, client = w.Client, settings = Settings(w), last, state, next });
            }).ToList(),
            Footer = Context.T("meetings.watches.footer"),
            Ephemeral = true,
        });
    }

    [Command("meeting unwatch", "Stop an agenda watch and cancel the meetings it imported", Role = Role.Lead)]
    public async Task<CommandResult> UnwatchAsync(
        [Option("The watch number", MinValue = 1)] int id,
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
            Text = Context.T("meetings.unwatch.done", new { id, client = watch.Client, cancelled = meetings.Count, withdrawn }),
        });
    }

    private CommandResult? TooMany(List<AgendaWatch> existing) => existing.Count < MaxWatches
        ? null
        : CommandResult.Invalid(Context.T("meetings.watch.too-many", new { max = MaxWatches }));

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
            return CommandResult.Invalid(Context.T("meetings.watch.edit.bodies-failed", new { client = watch.Client, reason = bodies.Error!.Markup(Context.Strings) }));
        }

        var (chosen, bodyError) = LegistarBodies.Choose(bodies.Value!, body.Trim().ToLowerInvariant() is "all" or "todos" ? null : body);
        if (bodyError is not null)
        {
            return CommandResult.Invalid(bodyError.In(Context.Strings));
        }

        watch.BodyIds = LegistarBodies.Ids(chosen);
        watch.BodyNames = LegistarBodies.Names(chosen);
        return null;
    }

    private CommandResult? Validate(string? keywords, string? remind)
    {
        if (keywords is not null && AgendaKeywords.Parse(keywords, out var keywordError) is null)
        {
            return CommandResult.Invalid(keywordError!.In(Context.Strings));
        }

        if (remind is not null && Recurrence.ParseLeadMinutes(remind, out var remindError) is null)
        {
            return CommandResult.Invalid(remindError!.In(Context.Strings));
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
    private TrustedMarkup Outcome(AgendaWatch watch, WatchCheck check)
    {
        var reader = Context.ReaderAt(clock.GetUtcNow());
        if (!check.Ok)
        {
            return new(Context.T("meetings.watch.unread", new { error = check.Error!.Markup(Context.Strings), retry = reader.Duration(watch.NextCheckAt - reader.Now, TimeUnits.Week) }));
        }

        var every = reader.Duration(settings.WatchEvery, TimeUnits.Week);
        return new(check.Import is { } i
            ? Context.T("meetings.watch.checked-imported", new { matched = i.Matched, added = i.Added, alerts = check.Alerts, every })
            : Context.T("meetings.watch.checked", new { alerts = check.Alerts, every }));
    }

    /// <summary>A watch's settings as trusted markup for a sentence.</summary>
    private TrustedMarkup Settings(AgendaWatch watch) => new(AgendaCards.Settings(watch, Context.ReaderAt(clock.GetUtcNow())));

    private static bool IsDefault(string value) => value.Trim().ToLowerInvariant() is "default" or "defecto" or "por defecto";

    private CommandResult NotFound(int id) =>
        CommandResult.NotFound(Context.T("meetings.watch.not-found", new { id }));
}
