using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CoalitionBot.Core.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Discord;

/// <summary>One Gateway shard: its id, the total count, and the URL to connect to.</summary>
public sealed record GatewayShard(int Id, int Count, Uri Url)
{
    /// <summary>The lease an instance holds while it runs this shard.</summary>
    public string LeaseName => DiscordShards.ShardLeaseName(Id, Count);
}

/// <summary>Spaces identifies as Discord requires: shards with the same <c>shard_id % max_concurrency</c> identify at most once per 5 s,
/// across every instance of the bot (a lease per bucket that nobody may renew early).</summary>
public sealed class DiscordIdentifyGate(Leases leases, int maxConcurrency, TimeProvider clock)
{
    /// <summary>How long a bucket stays closed after an identify.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(5);

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <summary>The rate-limit bucket of a shard.</summary>
    public int BucketOf(int shardId) => shardId % MaxConcurrency;

    /// <summary>Returns once this shard may identify (its bucket's 5 s since the last identify have passed), taking the bucket for the next 5 s.</summary>
    public async Task WaitTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        var name = "discord.identify:" + BucketOf(shardId).ToString(CultureInfo.InvariantCulture);
        while (!await leases.TryTakeExpiredAsync(name, clock.GetUtcNow() + Spacing, cancellationToken))
        {
            var held = (await leases.ListAsync(name, cancellationToken)).FirstOrDefault(l => l.Name == name);
            var wait = held is null ? TimeSpan.Zero : held.ExpiresAt - clock.GetUtcNow();
            await Task.Delay(wait > TimeSpan.FromMilliseconds(50) ? wait : TimeSpan.FromMilliseconds(50), clock, cancellationToken);
        }
    }
}

/// <summary>What <c>/healthz</c> shows of one shard: its state here, or which instance runs it.</summary>
public sealed record ShardHealth(int Shard, string State, string? Instance);

/// <summary>
/// Runs this instance's share of the Discord Gateway shards. The count is <c>CoalitionBot:Discord:Shards</c> (or Discord's recommendation for
/// <c>auto</c>); every <see cref="RenewEvery"/> the instance renews its leases, counts the live instances and claims free shards up to its fair
/// share (the count divided by the live instances, rounded up), giving one back when it holds more and no shard is left unclaimed. A dead
/// instance's shards are free once their leases (<see cref="Lease"/>) expire, and are claimed by the others on their next round.
/// </summary>
public sealed partial class DiscordShards(
    IServiceProvider services,
    DiscordRestClient rest,
    Leases leases,
    BotInstance instance,
    DiscordAdapterStatus status,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordShards> logger) : BackgroundService
{
    /// <summary>How long a shard (and an instance's presence) is held without renewal; a dead instance's shards move after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>How often leases are renewed and shards balanced.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    private const string InstancePrefix = "discord.instance:";
    private const string ShardPrefix = "discord.shard:";
    private readonly ConcurrentDictionary<int, DiscordGateway> _running = new();
    private volatile IReadOnlyList<ShardHealth> _others = [];

    /// <summary>The shard count in use (0 until it is known).</summary>
    public int ShardCount { get; private set; }

    /// <summary>The shards this instance runs now, by id.</summary>
    public IReadOnlyDictionary<int, DiscordGateway> Running => _running;

    /// <summary>The lease name of a shard (the count is part of it, so a new count starts afresh).</summary>
    public static string ShardLeaseName(int id, int count) =>
        ShardPrefix + id.ToString(CultureInfo.InvariantCulture) + "/" + count.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every shard's state: those run here with their connection state, the others with the instance that runs them (as of the last round).</summary>
    public IReadOnlyList<ShardHealth> Health()
    {
        var here = _running.Values.Select(g => new ShardHealth(g.Shard.Id, g.State, instance.Name));
        return [.. here.Concat(_others.Where(o => !_running.ContainsKey(o.Shard))).OrderBy(h => h.Shard)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        status.Degrade("connecting to the Discord Gateway");
        status.Describe(() => new { shards = Health() });
        var gateway = await ResolveAsync(stoppingToken);
        if (gateway is null)
        {
            return;
        }

        var (url, count, maxConcurrency) = gateway.Value;
        ShardCount = count;
        var gate = new DiscordIdentifyGate(leases, maxConcurrency, clock);
        Log.Sharding(logger, count, gate.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync(url, gate, stoppingToken);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    // The database is away: the shards run on; their leases cannot be renewed and may pass to another instance.
                    Log.BalanceFailed(logger, ex);
                }

                await Task.Delay(RenewEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var id in _running.Keys.ToList())
            {
                await StopShardAsync(id, release: true);
            }

            await leases.ReleaseAsync(InstancePrefix + instance.Id, keepUntil: null, CancellationToken.None);
        }
    }

    /// <summary>One round: announce this instance, renew its shards, claim free ones up to the fair share, give one back above it.</summary>
    internal async Task BalanceAsync(Uri url, DiscordIdentifyGate gate, CancellationToken cancellationToken)
    {
        var count = ShardCount;
        await leases.TryAcquireAsync(InstancePrefix + instance.Id, Lease, cancellationToken);
        foreach (var id in _running.Keys.ToList())
        {
            if (!await leases.TryAcquireAsync(ShardLeaseName(id, count), Lease, cancellationToken))
            {
                Log.Lost(logger, id, count);
                await StopShardAsync(id, release: false);
            }
        }

        var now = clock.GetUtcNow();
        var all = await leases.ListAsync("discord.", cancellationToken);
        var live = Math.Max(1, all.Count(l => l.Name.StartsWith(InstancePrefix, StringComparison.Ordinal) && l.ExpiresAt > now));
        var fair = (count + live - 1) / live;
        var held = all.Where(l => l.Name.StartsWith(ShardPrefix, StringComparison.Ordinal) && l.ExpiresAt > now)
            .ToDictionary(l => l.Name, l => l.Holder, StringComparer.Ordinal);
        for (var id = 0; id < count && _running.Count < fair; id++)
        {
            if (!_running.ContainsKey(id) && !held.ContainsKey(ShardLeaseName(id, count))
                && await leases.TryAcquireAsync(ShardLeaseName(id, count), Lease, cancellationToken))
            {
                await StartShardAsync(new GatewayShard(id, count, url), gate, cancellationToken);
                held[ShardLeaseName(id, count)] = instance.Id;
            }
        }

        if (_running.Count > fair && Enumerable.Range(0, count).All(id => held.ContainsKey(ShardLeaseName(id, count))))
        {
            // Every shard runs somewhere and this instance has more than its share: hand one over (a newer instance takes it next round).
            var extra = _running.Keys.Max();
            Log.HandedOver(logger, extra, count);
            await StopShardAsync(extra, release: true);
            held.Remove(ShardLeaseName(extra, count));
        }

        _others = [.. Enumerable.Range(0, count).Where(id => !_running.ContainsKey(id)).Select(id =>
            held.TryGetValue(ShardLeaseName(id, count), out var holder)
                ? new ShardHealth(id, "elsewhere", NameOf(holder))
                : new ShardHealth(id, "unclaimed", null))];
        var waiting = _running.Values.Where(g => g.State != "ready").OrderBy(g => g.Shard.Id).FirstOrDefault();
        status.Degrade(waiting is null ? null : $"shard {waiting.Shard.Id}/{count}: {waiting.State}");
    }

    private async Task StartShardAsync(GatewayShard shard, DiscordIdentifyGate gate, CancellationToken cancellationToken)
    {
        var connection = ActivatorUtilities.CreateInstance<DiscordGateway>(services, shard, gate);
        _running[shard.Id] = connection;
        Log.Claimed(logger, shard.Id, shard.Count);
        await connection.StartAsync(cancellationToken);
    }

    private async Task StopShardAsync(int id, bool release)
    {
        if (!_running.TryRemove(id, out var connection))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await connection.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // It did not close in time; disposing it ends it.
        }

        connection.Dispose();
        if (release)
        {
            await leases.ReleaseAsync(connection.Shard.LeaseName, keepUntil: null, CancellationToken.None);
        }
    }

    /// <summary>The Gateway URL, the shard count and <c>max_concurrency</c>: from configuration and <c>GET /gateway/bot</c> (retried with backoff);
    /// null when Discord refuses the token (the adapter stops) or on shutdown.</summary>
    private async Task<(Uri Url, int Count, int MaxConcurrency)?> ResolveAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        for (var failures = 0; !cancellationToken.IsCancellationRequested; failures++)
        {
            var response = await rest.GetGatewayBotAsync(cancellationToken);
            if (response.IsSuccess && response.Body is { ValueKind: JsonValueKind.Object } body)
            {
                var url = configured.GatewayUrl
                    ?? (body.TryGetProperty("url", out var u) && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed) ? parsed : null);
                var recommended = body.TryGetProperty("shards", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) && n >= 1 ? n : 1;
                var concurrency = body.TryGetProperty("session_start_limit", out var limit) && limit.ValueKind == JsonValueKind.Object
                    && limit.TryGetProperty("max_concurrency", out var mc) && mc.ValueKind == JsonValueKind.Number && mc.TryGetInt32(out var m) && m >= 1 ? m : 1;
                if (url is not null)
                {
                    return (url, configured.FixedShardCount ?? Math.Min(recommended, DiscordOptions.MaxShards), concurrency);
                }
            }
            else if (response.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                const string problem = "Discord rejected the bot token (CoalitionBot:Discord:BotToken); the Gateway adapter stopped.";
                Log.Unauthorized(logger);
                status.Stop(problem);
                return null;
            }
            else if (configured.GatewayUrl is { } fallback && configured.FixedShardCount is { } fixedCount)
            {
                // Everything needed is configured; only max_concurrency is unknown, and 1 is always safe.
                return (fallback, fixedCount, 1);
            }

            status.Degrade($"cannot reach Discord for the Gateway URL: {response}");
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(60_000, 1000 * Math.Pow(2, Math.Min(failures, 6)))), clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private static string NameOf(string holder)
    {
        // A holder id is the instance name and a random suffix: show the name.
        var cut = holder.LastIndexOf(':');
        return cut > 0 ? holder[..cut] : holder;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 160, Level = LogLevel.Information, Message = "Discord Gateway: {Count} shard(s), max_concurrency {MaxConcurrency}")]
        public static partial void Sharding(ILogger logger, int count, int maxConcurrency);

        [LoggerMessage(EventId = 161, Level = LogLevel.Information, Message = "Discord Gateway: running shard {Id}/{Count} here")]
        public static partial void Claimed(ILogger logger, int id, int count);

        [LoggerMessage(EventId = 162, Level = LogLevel.Warning, Message = "Discord Gateway: shard {Id}/{Count} was taken over by another instance; stopped here")]
        public static partial void Lost(ILogger logger, int id, int count);

        [LoggerMessage(EventId = 163, Level = LogLevel.Information, Message = "Discord Gateway: handing shard {Id}/{Count} over to another instance")]
        public static partial void HandedOver(ILogger logger, int id, int count);

        [LoggerMessage(EventId = 164, Level = LogLevel.Warning, Message = "Discord Gateway: renewing shard leases failed; will try again")]
        public static partial void BalanceFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 165, Level = LogLevel.Critical, Message = "Discord rejected the bot token (GET /gateway/bot 401): the Discord adapter stopped. Fix the token and restart.")]
        public static partial void Unauthorized(ILogger logger);
    }
}
