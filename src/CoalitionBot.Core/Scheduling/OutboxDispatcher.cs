using System.Security.Cryptography;
using System.Text;
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

    /// <summary>Messages claimed per round. Default: 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The longest the dispatcher sleeps with nothing due, to notice rows written by other processes. Default: 5 minutes.</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first retry delay; each failure doubles it, up to an hour. Default: 30 seconds.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Delivers due outbox messages: sleeps until the next is due (or it is woken), claims a batch with a lease, sends each through the
/// messenger of the coalition's platform, and records the outcome (sent, retried with backoff, skipped, or failed).</summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IMessenger> messengers,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<Platform, IMessenger> _messengers = messengers.GroupBy(m => m.Platform).ToDictionary(g => g.Key, g => g.Last());
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                var next = await RunOnceAsync(stoppingToken);
                var now = clock.GetUtcNow();
                sleep = next is { } due ? Min(due - now, _options.MaxIdle) : _options.MaxIdle;
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

    /// <summary>Sends everything due now and returns when the next message falls due (null when none is pending).</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            var claimed = await ClaimAsync(db, cancellationToken);
            if (claimed.Count == 0)
            {
                return await NextDueAsync(db, cancellationToken);
            }

            foreach (var row in claimed)
            {
                await DeliverAsync(db, row, cancellationToken);
            }
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CoalitionBotDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + _options.Lease;
        var ids = await db.Outbox.IgnoreQueryFilters()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        // The lease is taken in one conditional UPDATE, so two dispatchers never hold the same row.
        await db.Outbox.IgnoreQueryFilters()
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, _owner).SetProperty(m => m.LeaseUntil, until), cancellationToken);
        return await db.Outbox.IgnoreQueryFilters()
            .Where(m => ids.Contains(m.Id) && m.LeaseOwner == _owner && m.LeaseUntil == until)
            .OrderBy(m => m.NextAttemptAt)
            .ToListAsync(cancellationToken);
    }

    private async Task DeliverAsync(CoalitionBotDbContext db, OutboxMessage row, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (row.NotAfter is { } notAfter && now > notAfter)
        {
            Finish(row, OutboxStatus.Skipped, now, "too late: its moment had passed while the bot or the platform was down");
            await db.SaveChangesAsync(cancellationToken);
            Log.Skipped(logger, row.Id, row.Source);
            return;
        }

        var tenant = new TenantId(row.TenantId);
        var platform = PlatformOf(tenant);
        var message = Outbox.ReadPayload(row.Payload);
        if (message is null || platform is null || !_messengers.TryGetValue(platform.Value, out var messenger))
        {
            var why = message is null ? "the stored message is unreadable" : $"no {platform?.ToString() ?? "known"} adapter is configured";
            Finish(row, OutboxStatus.Failed, now, why);
            await db.SaveChangesAsync(cancellationToken);
            Log.Failed(logger, row.Id, row.Source, why);
            return;
        }

        var late = now - row.DueAt > _options.LateAfter;
        if (late && !string.IsNullOrWhiteSpace(row.LateNotice))
        {
            message = message with { Footer = string.IsNullOrWhiteSpace(message.Footer) ? row.LateNotice : $"{message.Footer}\n{row.LateNotice}" };
        }

        var target = new MessageTarget
        {
            Channel = row.ChannelId is null ? null : new ChannelRef(row.ChannelId, row.ChannelName),
            DirectTo = row.UserId is null ? null : new UserRef(row.UserId, row.UserName),
            IdempotencyKey = IdempotencyKey(row),
        };

        row.Attempts++;
        SendResult result;
        try
        {
            result = await messenger.SendAsync(tenant, target, message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A messenger bug or an unexpected network error: retry like a transient failure.
            result = SendResult.Failed(ex.GetType().Name + ": " + ex.Message, retryable: true);
        }

        now = clock.GetUtcNow();
        if (result.Delivered)
        {
            row.SentLate = late;
            Finish(row, OutboxStatus.Sent, now, null);
        }
        else if (!result.Retryable || row.Attempts >= _options.MaxAttempts)
        {
            Finish(row, OutboxStatus.Failed, now, result.Error);
            Log.Failed(logger, row.Id, row.Source, result.Error ?? "unknown error");
        }
        else
        {
            var backoff = Backoff(row.Attempts);
            row.NextAttemptAt = now + (result.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff);
            row.LastError = Truncate(result.Error);
            row.LeaseOwner = null;
            row.LeaseUntil = null;
            Log.Retrying(logger, row.Id, row.Source, row.Attempts, row.NextAttemptAt);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<DateTimeOffset?> NextDueAsync(CoalitionBotDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = db.Outbox.IgnoreQueryFilters().Where(m => m.Status == OutboxStatus.Pending);
        var free = await pending.Where(m => m.LeaseUntil == null || m.LeaseUntil < now)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);

        // A row another dispatcher holds (or held when it crashed) becomes claimable when its lease ends.
        var leased = await pending.Where(m => m.LeaseUntil >= now)
            .OrderBy(m => m.LeaseUntil).Select(m => m.LeaseUntil).FirstOrDefaultAsync(cancellationToken);
        return free is null ? leased : leased is null || free < leased ? free : leased;
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = _options.FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 10));
        var capped = exponential > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : exponential;
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return capped * jitter;
    }

    private static void Finish(OutboxMessage row, OutboxStatus status, DateTimeOffset now, string? error)
    {
        row.Status = status;
        row.FinishedAt = now;
        row.LastError = Truncate(error);
        row.LeaseOwner = null;
        row.LeaseUntil = null;
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

        [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "An outbox round failed; pending messages stay queued")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
