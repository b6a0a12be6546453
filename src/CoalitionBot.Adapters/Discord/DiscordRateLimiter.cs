using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Keeps REST calls inside Discord's limits: per bucket (from the <c>X-RateLimit-*</c> headers) and the global 50 requests per second.</summary>
/// <remarks>
/// A route is keyed by method + route template + major parameter and mapped to the bucket hash Discord reports, so routes
/// that share a limit share the state. Until a bucket's limit is known only one request at a time goes out on it; after
/// that requests wait before the bucket is empty instead of collecting 429s. A 429 is always obeyed.
/// Major parameters come from outside (every interaction has its own webhook token), so the table forgets a bucket once nobody
/// uses it and it holds nothing a fresh bucket would not learn again safely (see <see cref="Sweep"/>): its size stays bounded.
/// </remarks>
public sealed class DiscordRateLimiter(TimeProvider clock) : IDisposable
{
    /// <summary>Discord's global limit per bot: requests per second (interaction and webhook routes are exempt).</summary>
    public const int GlobalPerSecond = 50;

    // Counted from each response's return (see GlobalSlot), plus a hair for clock granularity.
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromMilliseconds(1010);
    private static readonly TimeSpan ProvisionalWindow = TimeSpan.FromSeconds(1);

    /// <summary>Above this many entries every acquire sweeps, idle or not; below it sweeps run every <see cref="SweepEvery"/>.</summary>
    internal const int MaxEntries = 4096;

    /// <summary>An unused bucket is kept this long after its last use, so a busy route keeps its learned limit between requests.</summary>
    internal static readonly TimeSpan IdleExpiry = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _clock = clock;

    /// <summary>The clock the limiter waits on, for the clients whose calls it paces.</summary>
    internal TimeProvider Clock => _clock;
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _table = new();
    private readonly Queue<GlobalSlot> _globalSent = new();
    private readonly SemaphoreSlim _globalGate = new(1, 1);
    private long _globalBlockedUntil;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>How many route and bucket keys the limiter holds (several keys may share one bucket).</summary>
    internal int EntryCount => _buckets.Count;

    /// <summary>Waits until a request on the route may go out; dispose the lease after reading the response through <see cref="Lease.Complete"/>.</summary>
    public async Task<Lease> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var bucket = BucketFor(route);
        await bucket.Gate.WaitAsync(cancellationToken);
        var holdGate = false;
        var counted = false;
        GlobalSlot? slot = null;
        try
        {
            while (TryTakeTurn(bucket, out holdGate, out counted) is { } wait)
            {
                await Task.Delay(wait, _clock, cancellationToken);
            }

            if (!route.ExemptFromGlobal)
            {
                slot = await AcquireGlobalAsync(cancellationToken);
            }
        }
        catch
        {
            GiveUpTurn(bucket, counted);
            throw;
        }

        if (!holdGate)
        {
            bucket.Gate.Release();
        }

        return new Lease(this, route, bucket, holdGate, counted, slot);
    }

    /// <summary>
    /// Null when a request on the bucket may go out now: with <paramref name="holdGate"/> while its limit is unknown, else
    /// <paramref name="counted"/> against its window. Otherwise how long to wait before asking again.
    /// </summary>
    private TimeSpan? TryTakeTurn(Bucket bucket, out bool holdGate, out bool counted)
    {
        holdGate = false;
        counted = false;
        lock (bucket)
        {
            var now = _clock.GetUtcNow();
            if (bucket.BlockedUntil > now)
            {
                return bucket.BlockedUntil - now;
            }

            if (bucket.Limit is null)
            {
                // Unknown limit: send one, learn the limit from its response, keep the gate until then.
                holdGate = true;
                return null;
            }

            if (bucket.ResetAt <= now && !(bucket.Provisional && bucket.InFlight > 0))
            {
                // A new window; its responses tell when it ends, so until one arrives it is provisional.
                // Requests still on their way may land in it, so they count against it.
                bucket.Remaining = Math.Max(0, bucket.Limit.Value - bucket.InFlight);
                bucket.ResetAt = now + ProvisionalWindow;
                bucket.Provisional = true;
            }

            if (bucket.Remaining > 0)
            {
                bucket.Remaining--;
                bucket.InFlight++;
                counted = true;
                return null;
            }

            return bucket.ResetAt > now ? bucket.ResetAt - now : TimeSpan.FromMilliseconds(20);
        }
    }

    /// <summary>Undoes a turn that was cancelled or failed before its request went out.</summary>
    private void GiveUpTurn(Bucket bucket, bool counted)
    {
        if (counted)
        {
            lock (bucket)
            {
                bucket.InFlight--;
            }
        }

        bucket.Gate.Release();
        Unuse(bucket);
    }

    public void Dispose()
    {
        _globalGate.Dispose();
        foreach (var bucket in _buckets.Values.Distinct())
        {
            bucket.Gate.Dispose();
        }
    }

    /// <summary>Blocks every non-exempt request until the time given (a global 429).</summary>
    internal void BlockGlobal(TimeSpan retryAfter)
    {
        var until = _clock.GetUtcNow().Add(retryAfter).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _globalBlockedUntil);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _globalBlockedUntil, until, current) != current);
    }

    // A global slot counts from the moment its response came back (never before the request reached Discord), so no
    // 1-second window on Discord's side can hold more than the limit, whatever the network did to the requests' spacing.
    private async Task<GlobalSlot> AcquireGlobalAsync(CancellationToken cancellationToken)
    {
        await _globalGate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = _clock.GetUtcNow();
                var blocked = new DateTimeOffset(Interlocked.Read(ref _globalBlockedUntil), TimeSpan.Zero);
                if (blocked > now)
                {
                    await Task.Delay(blocked - now, _clock, cancellationToken);
                    continue;
                }

                TimeSpan wait;
                lock (_globalSent)
                {
                    while (_globalSent.Count > 0 && _globalSent.Peek().ExpiredAt(now))
                    {
                        _globalSent.Dequeue();
                    }

                    if (_globalSent.Count < GlobalPerSecond)
                    {
                        var slot = new GlobalSlot();
                        _globalSent.Enqueue(slot);
                        return slot;
                    }

                    wait = _globalSent.Peek().WaitFrom(now);
                }

                await Task.Delay(wait, _clock, cancellationToken);
            }
        }
        finally
        {
            _globalGate.Release();
        }
    }

    /// <summary>One request counted against the global limit: in flight until its response is back, then for a second more.</summary>
    internal sealed class GlobalSlot
    {
        private long _doneTicks = -1;

        public void Done(DateTimeOffset at) => Interlocked.CompareExchange(ref _doneTicks, at.UtcTicks, -1);

        public bool ExpiredAt(DateTimeOffset now)
        {
            var done = Interlocked.Read(ref _doneTicks);
            return done >= 0 && done + GlobalWindow.Ticks <= now.UtcTicks;
        }

        public TimeSpan WaitFrom(DateTimeOffset now)
        {
            var done = Interlocked.Read(ref _doneTicks);
            return done < 0 ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Max(1, done + GlobalWindow.Ticks - now.UtcTicks));
        }
    }

    // Takes the bucket into use; a bucket in use is never swept, so every request of a route meets the same state.
    private Bucket BucketFor(DiscordRoute route)
    {
        var now = _clock.GetUtcNow();
        var key = _bucketOfRoute.TryGetValue(route.RouteKey, out var hash) ? hash + ":" + route.MajorParameter : route.Key;
        lock (_table)
        {
            if (now >= _nextSweep || _buckets.Count >= MaxEntries)
            {
                Sweep(now);
            }

            var bucket = _buckets.GetOrAdd(key, _ => new Bucket());
            bucket.Users++;
            bucket.LastUsed = now;
            return bucket;
        }
    }

    private void Unuse(Bucket bucket)
    {
        var now = _clock.GetUtcNow();
        lock (_table)
        {
            bucket.Users--;
            bucket.LastUsed = now;
        }
    }

    /// <summary>Forgets buckets nobody uses whose state a fresh bucket would learn again without a 429: window over, limit unknown or
    /// absent, or requests left (a fresh bucket sends one request and reads the truth from its response). Those idle for
    /// <see cref="IdleExpiry"/> go at every sweep, all of them when the table is full; if it is still full (a flood of exhausted
    /// buckets), the ones whose window ends soonest go too, so the size stays bounded whatever the input. Caller holds <c>_table</c>.</summary>
    private void Sweep(DateTimeOffset now)
    {
        _nextSweep = now + SweepEvery;
        var full = _buckets.Count >= MaxEntries;
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Users == 0 && (full || bucket.LastUsed + IdleExpiry <= now) && SafeToForget(bucket, now))
            {
                _buckets.TryRemove(key, out _);
            }
        }

        if (_buckets.Count >= MaxEntries)
        {
            var excess = _buckets.Count - (MaxEntries / 2);
            foreach (var (key, _) in _buckets.Where(e => e.Value.Users == 0).OrderBy(e => ResetOf(e.Value)).Take(excess).ToList())
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private static bool SafeToForget(Bucket bucket, DateTimeOffset now)
    {
        lock (bucket)
        {
            return bucket.BlockedUntil <= now
                && (bucket.Limit is null || bucket.Limit == int.MaxValue || bucket.ResetAt <= now || bucket.Remaining > 0);
        }
    }

    private static DateTimeOffset ResetOf(Bucket bucket)
    {
        lock (bucket)
        {
            return bucket.BlockedUntil > bucket.ResetAt ? bucket.BlockedUntil : bucket.ResetAt;
        }
    }

    private void Learn(DiscordRoute route, Bucket used, HttpResponseHeaders headers)
    {
        var bucket = used;
        if (Header(headers, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            if (!_bucketOfRoute.TryGetValue(route.RouteKey, out var known) || known != hash)
            {
                _bucketOfRoute[route.RouteKey] = hash;
            }

            lock (_table)
            {
                bucket = _buckets.GetOrAdd(hash + ":" + route.MajorParameter, _ => used);
                bucket.LastUsed = _clock.GetUtcNow();
            }
        }

        if (!int.TryParse(Header(headers, "X-RateLimit-Limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            || !int.TryParse(Header(headers, "X-RateLimit-Remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            || !double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            if (used.Limit is null)
            {
                // No headers: not rate limited by route. Keep requests flowing, one at a time per known budget.
                used.Limit = int.MaxValue;
                used.Remaining = int.MaxValue;
                used.ResetAt = DateTimeOffset.MaxValue;
            }

            return;
        }

        var resetAt = _clock.GetUtcNow() + TimeSpan.FromSeconds(resetAfter);
        lock (bucket)
        {
            // Requests counted here may still be in flight, so the smaller count wins; the first response is the truth.
            var first = bucket.Limit is null;
            bucket.Limit = limit;
            bucket.Remaining = first ? remaining : Math.Min(bucket.Remaining, remaining);
            bucket.ResetAt = first || bucket.Provisional || resetAt > bucket.ResetAt ? resetAt : bucket.ResetAt;
            bucket.Provisional = false;
        }

        if (!ReferenceEquals(bucket, used) && used.Limit is null)
        {
            used.Limit = limit;
            used.Remaining = remaining;
            used.ResetAt = resetAt;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int? Limit { get; set; }

        public int Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MaxValue;

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Requests counted against the current window whose responses have not come back.</summary>
        public int InFlight { get; set; }

        /// <summary>The reset time is a guess: no response of this window has come back yet.</summary>
        public bool Provisional { get; set; }

        /// <summary>Requests holding or waiting for this bucket (guarded by the limiter's table lock): while any, it is never forgotten.</summary>
        public int Users { get; set; }

        /// <summary>When a request last took or left this bucket (guarded by the limiter's table lock).</summary>
        public DateTimeOffset LastUsed { get; set; }
    }

    /// <summary>Permission to send one request; report its response with <see cref="Complete"/>, then dispose.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly DiscordRateLimiter _owner;
        private readonly DiscordRoute _route;
        private readonly Bucket _bucket;
        private bool _holdsGate;
        private readonly GlobalSlot? _slot;
        private bool _counted;
        private bool _inUse = true;

        internal Lease(DiscordRateLimiter owner, DiscordRoute route, Bucket bucket, bool holdsGate, bool counted, GlobalSlot? slot)
        {
            _slot = slot;
            _owner = owner;
            _route = route;
            _bucket = bucket;
            _holdsGate = holdsGate;
            _counted = counted;
        }

        /// <summary>Learns the bucket's state from the response; a 429 blocks the bucket (or everything, if global) for <paramref name="retryAfter"/>.</summary>
        public void Complete(HttpResponseMessage response, TimeSpan? retryAfter, bool global)
        {
            ArgumentNullException.ThrowIfNull(response);
            _owner.Learn(_route, _bucket, response.Headers);
            if (retryAfter is { } wait)
            {
                if (global)
                {
                    _owner.BlockGlobal(wait);
                }
                else
                {
                    var until = _owner._clock.GetUtcNow() + wait;
                    lock (_bucket)
                    {
                        _bucket.BlockedUntil = until;
                        _bucket.Remaining = 0;
                        if (_bucket.ResetAt == DateTimeOffset.MaxValue || _bucket.ResetAt < until)
                        {
                            _bucket.ResetAt = until;
                        }
                    }
                }
            }
        }

        public void Dispose()
        {
            _slot?.Done(_owner._clock.GetUtcNow());
            if (_counted)
            {
                _counted = false;
                lock (_bucket)
                {
                    _bucket.InFlight--;
                }
            }

            if (_holdsGate)
            {
                _holdsGate = false;
                _bucket.Gate.Release();
            }

            if (_inUse)
            {
                _inUse = false;
                _owner.Unuse(_bucket);
            }
        }
    }
}

/// <summary>One REST route: method, template (<c>/channels/{channel_id}/messages</c>), major parameter, and the concrete path.</summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter, string Path, bool ExemptFromGlobal = false)
{
    /// <summary>Method + template: what Discord maps to a bucket hash.</summary>
    public string RouteKey => $"{Method.Method} {Template}";

    /// <summary>Method + template + major parameter: the limiter's key until the bucket hash is known.</summary>
    public string Key => $"{RouteKey}:{MajorParameter}";
}
