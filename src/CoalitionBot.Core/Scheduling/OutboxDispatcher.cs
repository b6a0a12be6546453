using System.Security.Cryptography;
using System.Text;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Scheduling;

/// <summary>Options of <c>CoalitionBot:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "CoalitionBot:Outbox";

    /// <summary>How long a dispatcher holds a claimed message before another may take it. Default: 2 minutes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a message is parked as failed. Default: 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>A message sent later than this after its due time carries its late notice. Default: 2 minutes.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most messages claimed in one query (never more than there are free workers). Default: 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// The most messages in flight at once, each to a different channel or person (the platforms' rate limiters pace them
    /// within this). Enough to keep up with slow platform calls: 100,000 reminders in a minute at 100 ms a call need about
    /// 170 at once. Default: 256.
    /// </summary>
    public int Workers { get; set; } = 256;

    /// <summary>The longest the dispatcher sleeps with nothing due, to notice rows written by other processes. Default: 5 minutes.</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry delay; each failure doubles it, up to an hour. Default: 30 seconds.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Delivers due outbox messages: sleeps until the next is due (or it is woken), claims due rows in batches with a lease,
/// sends them concurrently through the messenger of each coalition's platform (at most <see cref="OutboxOptions.Workers"/> at once,
/// one at a time and in due order per channel or person), and records the outcomes (sent, retried with backoff, skipped, or failed).</summary>
/// <remarks>
/// Only the earliest pending message of a destination (a coalition's channel, or a person) can be claimed, so no instance ever
/// has two messages to one destination in flight and a later one never overtakes an earlier one, across any number of
/// dispatchers on one database. A send that waits on a platform's rate limit (the adapters pace inside the call) holds one
/// worker and its own destination only. The claim is one conditional UPDATE, exclusive on SQLite and PostgreSQL alike.
/// </remarks>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IMessenger> messengers,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger,
    BackgroundGate? gate = null,
    LanguageCatalogs? languages = null) : BackgroundService
{
    /// <summary>A failure as the log shows it: a stored catalog sentence (<see cref="StoredText"/>) in English.</summary>
    private string English(string error) => languages is null ? error : StoredText.In(error, languages.StringsFor(LanguageCatalogs.English));

    private readonly string _instance = $"{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<Platform, IMessenger> _messengers = messengers.GroupBy(m => m.Platform).ToDictionary(g => g.Key, g => g.Last());
    private readonly OutboxOptions _options = options.Value;
    private long _claims;

    private DateTimeOffset Now => clock.GetUtcNow();

    private TimeProvider Clock => clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pump = new Pump(this, signal);
        try
        {
            if (gate is not null && !await gate.PassAsync(stoppingToken))
            {
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan sleep;
                try
                {
                    sleep = await pump.StepAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // The database may be briefly unavailable; nothing is lost, the rows stay pending.
                    Log.RoundFailed(logger, ex);
                    sleep = TimeSpan.FromSeconds(5);
                }

                try
                {
                    await signal.WaitAsync(sleep, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await pump.DrainAsync();
        }
    }

    /// <summary>Sends everything due now, waits for those sends, and returns when the next message falls due (null when none is pending).</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var woken = new RoundSignal();
        var pump = new Pump(this, woken);
        try
        {
            while (true)
            {
                var sleep = await pump.StepAsync(cancellationToken);
                if (pump.Idle)
                {
                    return pump.NextDue;
                }

                // Sends in flight wake the round when they finish; the clock is only a backstop.
                await woken.WaitAsync(sleep > TimeSpan.Zero ? sleep : TimeSpan.FromTicks(1), clock, cancellationToken);
            }
        }
        finally
        {
            await pump.DrainAsync();
        }
    }

    /// <summary>The pending messages that are first in line for their destination (no pending message to it is due earlier).</summary>
    internal static IQueryable<OutboxMessage> Heads(IQueryable<OutboxMessage> pending) =>
        pending.Where(m => !pending.Any(e => e.TenantId == m.TenantId && e.Destination == m.Destination
            && (e.DueAt < m.DueAt || (e.DueAt == m.DueAt && e.Id < m.Id))));

    private static IQueryable<OutboxMessage> Pending(CoalitionBotDbContext db) =>
        db.Outbox.IgnoreQueryFilters().Where(m => m.Status == OutboxStatus.Pending);

    /// <summary>Claims up to <paramref name="count"/> due messages, none of them <paramref name="inFlight"/> here (a send that outlived its lease is not started twice by its own dispatcher).</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(CoalitionBotDbContext db, int count, ICollection<long> inFlight, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + _options.Lease;
        var ids = await Heads(Pending(db))
            .Where(m => m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now) && !inFlight.Contains(m.Id))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // One conditional UPDATE takes the lease: of several dispatchers racing for a row, exactly one sees it free. The owner
        // names this claim alone, so reading back returns only the rows this claim won.
        var claim = $"{_instance}:{Interlocked.Increment(ref _claims)}";
        await Pending(db)
            .Where(m => ids.Contains(m.Id) && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, until), cancellationToken);
        return await db.Outbox.IgnoreQueryFilters().AsNoTracking()
            .Where(m => ids.Contains(m.Id) && m.LeaseOwner == claim)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sends one claimed message while keeping its lease: each time a third of the lease has passed with the send still running
    /// (a platform's rate limit, a slow call), the lease is renewed, so no other instance takes over a message that is still being
    /// sent. When the renewal finds the row taken (this instance stalled past its lease), the send is cancelled through
    /// <paramref name="send"/> and its outcome is left to the instance that holds the row now.
    /// </summary>
    private async Task<Outcome> SendHoldingLeaseAsync(OutboxMessage row, CancellationTokenSource send)
    {
        var delivery = DeliverAsync(row, send.Token);
        var leaseUntil = row.LeaseUntil ?? clock.GetUtcNow() + _options.Lease;
        var renewEvery = _options.Lease / 3;
        while (!delivery.IsCompleted)
        {
            var renewIn = leaseUntil - (_options.Lease - renewEvery) - clock.GetUtcNow();
            try
            {
                // Not cancelled by shutdown here: the send sees that itself, and its outcome must be known before the row is let go.
                return await delivery.WaitAsync(renewIn > TimeSpan.Zero ? renewIn : TimeSpan.Zero, clock);
            }
            catch (TimeoutException)
            {
                // Still sending: renew below.
            }

            var until = clock.GetUtcNow() + _options.Lease;
            if (await RenewAsync(row, until))
            {
                leaseUntil = until;
                Log.LeaseRenewed(logger, row.Id, row.Source, until);
                continue;
            }

            Log.LeaseLost(logger, row.Id, row.Source);
            await send.CancelAsync();
            break;
        }

        return await delivery;
    }

    /// <summary>Extends the lease of a row this claim still holds; false when it no longer does (another instance took it over).</summary>
    private async Task<bool> RenewAsync(OutboxMessage row, DateTimeOffset until)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        var renewed = await Held(db, row.LeaseOwner, [row.Id]).Where(m => m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until), CancellationToken.None);
        return renewed == 1;
    }

    /// <summary>Sends one claimed message and says what to record; never throws but for cancellation.</summary>
    private async Task<Outcome> DeliverAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (row.NotAfter is { } notAfter && now > notAfter)
        {
            Log.Skipped(logger, row.Id, row.Source);
            return Outcome.Finished(row, OutboxStatus.Skipped, row.Attempts, now, "too late: its moment had passed while the bot or the platform was down");
        }

        var tenant = new TenantId(row.TenantId);
        var platform = PlatformOf(tenant);
        var message = Outbox.ReadPayload(row.Payload);
        if (message is null || platform is null || !_messengers.TryGetValue(platform.Value, out var messenger))
        {
            var why = message is null
                ? StoredText.Write("core.delivery.unreadable")
                : StoredText.Write("core.delivery.no-adapter", new { platform = platform?.ToString() ?? "?" });
            Log.Failed(logger, row.Id, row.Source, English(why));
            return Outcome.Finished(row, OutboxStatus.Failed, row.Attempts, now, why);
        }

        var late = now - row.DueAt > _options.LateAfter;
        if (late && !string.IsNullOrWhiteSpace(row.LateNotice))
        {
            message = message with { Footer = string.IsNullOrWhiteSpace(message.Footer) ? row.LateNotice : $"{message.Footer}\n{row.LateNotice}" };
        }

        var attempts = row.Attempts + 1;
        var result = await SendAsync(messenger, tenant, TargetOf(row), message, row, cancellationToken);
        return OutcomeOf(row, result, attempts, late);
    }

    /// <summary>Where the row goes: its channel or the person it is for, with the key that lets the platform drop a repeat.</summary>
    private static MessageTarget TargetOf(OutboxMessage row) => new()
    {
        Channel = row.ChannelId is null ? null : new ChannelRef(row.ChannelId, row.ChannelName),
        DirectTo = row.UserId is null ? null : new UserRef(row.UserId, row.UserName),
        IdempotencyKey = IdempotencyKey(row),
    };

    /// <summary>Sends through the messenger; an exception from it (but cancellation) becomes a retryable failure.</summary>
    private async Task<SendResult> SendAsync(IMessenger messenger, TenantId tenant, MessageTarget target, Replies.Reply message, OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            return await messenger.SendAsync(tenant, target, message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A messenger bug or an unexpected network error: logged with its stack, and retried like a transient failure.
            Log.MessengerThrew(logger, ex, row.Id, row.Source);
            return SendResult.Failed(StoredText.Write("core.delivery.crashed", new { detail = ex.GetType().Name + ": " + ex.Message }), retryable: true);
        }
    }

    /// <summary>What to record after a send: sent, failed for good, or pending until the next try.</summary>
    private Outcome OutcomeOf(OutboxMessage row, SendResult result, int attempts, bool late)
    {
        var now = clock.GetUtcNow();
        if (result.Delivered)
        {
            return Outcome.Finished(row, OutboxStatus.Sent, attempts, now, null) with { SentLate = late };
        }

        if (!result.Retryable || attempts >= _options.MaxAttempts)
        {
            Log.Failed(logger, row.Id, row.Source, result.Error is null ? "unknown error" : English(result.Error));
            return Outcome.Finished(row, OutboxStatus.Failed, attempts, now, result.Error);
        }

        // A platform that says when to try again (a rate limit) is believed; the backoff is for failures that say nothing.
        var next = now + (result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : Backoff(attempts));
        Log.Retrying(logger, row.Id, row.Source, attempts, next);
        return new Outcome(row, OutboxStatus.Pending, attempts, next, null, Truncate(result.Error));
    }

    /// <summary>
    /// When the next message can be claimed: the earliest free first-in-line message, or the earliest lease to run out (a row
    /// another dispatcher holds, or held when it crashed). With <paramref name="leases"/> false the leases are not looked at
    /// (they cost a pass over every pending row); the caller then wakes within a lease anyway.
    /// </summary>
    private async Task<DateTimeOffset?> NextDueAsync(CoalitionBotDbContext db, bool leases, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var free = await Heads(Pending(db)).Where(m => m.LeaseUntil == null || m.LeaseUntil <= now)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        if (!leases)
        {
            var backstop = now + _options.Lease;
            return free is null || free > backstop ? backstop : free;
        }

        var leased = await Pending(db).Where(m => m.LeaseUntil > now)
            .OrderBy(m => m.LeaseUntil).Select(m => m.LeaseUntil).FirstOrDefaultAsync(cancellationToken);
        return free is null ? leased : leased is null || free < leased ? free : leased;
    }

    /// <summary>
    /// Records a batch of outcomes in one transaction: the sent ones in one UPDATE per claim, the rest one by one. Each update
    /// touches only the delivery columns of a row this dispatcher's claim still holds, so a row another instance took over
    /// after the lease (this send hung) keeps that instance's outcome, and a concurrent edit of the text survives.
    /// </summary>
    private async Task RecordAsync(IReadOnlyList<Outcome> outcomes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var sent in outcomes.Where(o => o.Status == OutboxStatus.Sent).GroupBy(o => (o.Row.LeaseOwner, o.SentLate)))
        {
            var ids = sent.Select(o => o.Row.Id).ToList();
            var late = sent.Key.SentLate;
            await Held(db, sent.Key.LeaseOwner, ids).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.FinishedAt, now).SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.SentLate, late)
                    .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        }

        foreach (var outcome in outcomes.Where(o => o.Status != OutboxStatus.Sent))
        {
            await Held(db, outcome.Row.LeaseOwner, [outcome.Row.Id]).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, outcome.Status).SetProperty(m => m.Attempts, outcome.Attempts)
                    .SetProperty(m => m.NextAttemptAt, outcome.NextAttemptAt).SetProperty(m => m.FinishedAt, outcome.FinishedAt)
                    .SetProperty(m => m.LastError, outcome.LastError)
                    .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static IQueryable<OutboxMessage> Held(CoalitionBotDbContext db, string? claim, List<long> ids) =>
        db.Outbox.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.LeaseOwner == claim);

    private AsyncServiceScope OpenScope() => scopes.CreateAsyncScope();

    private void ReportRoundFailed(Exception exception) => Log.RoundFailed(logger, exception);

    private TimeSpan Backoff(int attempts)
    {
        var exponential = _options.FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 10));
        var capped = exponential > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : exponential;
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return capped * jitter;
    }

    private static Platform? PlatformOf(TenantId tenant) => tenant.Value.Split(':')[0] switch
    {
        "discord" => Platform.Discord,
        "slack" => Platform.Slack,
        "console" => Platform.Console,
        _ => null,
    };

    /// <summary>A stable 25-character key per message (Discord's nonce limit), so a platform can drop a repeated delivery.</summary>
    private static string IdempotencyKey(OutboxMessage row) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{row.TenantId}|{row.DedupKey}")))
            .Replace('+', '-').Replace('/', '_')[..25];

    private static string? Truncate(string? text) => text is { Length: > 500 } ? text[..500] : text;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Outbox message {Id} from {Source} failed for good: {Error}")]
        public static partial void Failed(ILogger logger, long id, string source, string error);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Outbox message {Id} from {Source} failed (attempt {Attempts}); next try at {NextAttempt:O}")]
        public static partial void Retrying(ILogger logger, long id, string source, int attempts, DateTimeOffset nextAttempt);

        [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Outbox message {Id} from {Source} skipped: its moment had passed")]
        public static partial void Skipped(ILogger logger, long id, string source);

        [LoggerMessage(EventId = 26, Level = LogLevel.Error, Message = "Outbox message {Id} from {Source}: the messenger threw; it will be retried")]
        public static partial void MessengerThrew(ILogger logger, Exception exception, long id, string source);

        [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "An outbox round failed; pending messages stay queued")]
        public static partial void RoundFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Outbox message {Id} from {Source} is still being sent; its lease is renewed until {Until:O}")]
        public static partial void LeaseRenewed(ILogger logger, long id, string source, DateTimeOffset until);

        [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "Outbox message {Id} from {Source} was taken over by another instance while this one was sending it; its send is cancelled and its outcome left to the other")]
        public static partial void LeaseLost(ILogger logger, long id, string source);
    }
}
