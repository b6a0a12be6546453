namespace CoalitionBot.Adapters.Slack;

/// <summary>A pace: so many calls a minute, with up to <see cref="Burst"/> of them at once after a quiet spell.</summary>
/// <param name="PerMinute">Calls per minute kept on average.</param>
/// <param name="Burst">Calls that may go out together before the pace applies (at least 1).</param>
public readonly record struct SlackRate(int PerMinute, int Burst)
{
    /// <summary>The gap between two calls once a burst is spent.</summary>
    public TimeSpan Interval => TimeSpan.FromMinutes(1) / PerMinute;

    /// <summary>How far ahead of the pace a burst may run.</summary>
    internal TimeSpan Tolerance => Interval * (Burst - 1);
}

/// <summary>
/// Paces Slack Web API calls to Slack's published limits, which apply per method per workspace (the tiers) and, for
/// <c>chat.postMessage</c>, about one message per second per channel. Calls wait for their turn instead of collecting 429s;
/// a 429's <c>Retry-After</c> pauses that method for that workspace. One key per (team, method[, channel]); keys that are
/// idle expire, so memory stays bounded by the calls of the last minute.
/// </summary>
/// <remarks>
/// Each key keeps a theoretical arrival time (the generic cell rate algorithm): a call may start when that time, less the
/// burst tolerance, has come, and moves it one interval on. Discord's limiter learns its windows from response headers;
/// Slack sends none, so the rates here are the documented tiers.
/// </remarks>
public sealed class SlackRateLimiter(TimeProvider clock)
{
    /// <summary>Tier 1: about one call a minute (<c>apps.connections.open</c>).</summary>
    public static readonly SlackRate Tier1 = new(1, 2);

    /// <summary>Tier 2: 20+ a minute; also what an unlisted method gets (Slack: "most methods allow at least 20").</summary>
    public static readonly SlackRate Tier2 = new(20, 5);

    /// <summary>Tier 3: 50+ a minute (<c>conversations.open</c>, <c>chat.update</c>).</summary>
    public static readonly SlackRate Tier3 = new(50, 10);

    /// <summary>Tier 4: 100+ a minute (<c>users.info</c>, <c>chat.postEphemeral</c>, the file upload steps).</summary>
    public static readonly SlackRate Tier4 = new(100, 20);

    /// <summary><c>chat.postMessage</c> per channel: one a second, no bursts (Slack may hide a burst's messages rather than refuse them).</summary>
    public static readonly SlackRate PerChannel = new(60, 1);

    private const int MinPruneAt = 1024;

    private static readonly Dictionary<string, SlackRate?> Methods = new(StringComparer.Ordinal)
    {
        ["apps.connections.open"] = Tier1,
        ["chat.update"] = Tier3,
        ["conversations.open"] = Tier3,
        ["chat.postEphemeral"] = Tier4,
        ["users.info"] = Tier4,
        ["files.getUploadURLExternal"] = Tier4,
        ["files.completeUploadExternal"] = Tier4,

        // Special tier: paced per channel; the workspace-wide limit is unpublished, so only its 429s pause the method.
        ["chat.postMessage"] = null,
    };

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _pruneAt = MinPruneAt;

    /// <summary>The method's workspace-wide pace, or null when the method has none of its own (only its 429s pause it).</summary>
    public static SlackRate? RateOf(string method) => Methods.TryGetValue(method, out var rate) ? rate : Tier2;

    /// <summary>True for methods that are also paced per channel.</summary>
    public static bool IsPacedPerChannel(string method) => method == "chat.postMessage";

    /// <summary>Keys held now (live pacing state and pauses); idle keys are dropped as new ones come.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Waits until a call of <paramref name="method"/> for <paramref name="team"/> (and <paramref name="channel"/>, for
    /// methods paced per channel) may go out, and takes that turn. Returns null when it may; when the turn is further away
    /// than <paramref name="maxWait"/>, takes nothing and returns how far away it is, for the caller to try again then.
    /// </summary>
    public async Task<TimeSpan?> WaitTurnAsync(string? team, string method, string? channel, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var methodKey = (team ?? string.Empty) + "/" + method;
        var channelKey = channel is not null && IsPacedPerChannel(method) ? methodKey + "/" + channel : null;
        var methodRate = RateOf(method);
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                PruneIfDue(now);
                var byMethod = EntryFor(methodKey, now);
                var byChannel = channelKey is null ? null : EntryFor(channelKey, now);
                var start = Max(now, byMethod.HeldUntil);
                if (methodRate is { } rate)
                {
                    start = Max(start, byMethod.Next - rate.Tolerance);
                }

                if (byChannel is not null)
                {
                    start = Max(start, Max(byChannel.HeldUntil, byChannel.Next - PerChannel.Tolerance));
                }

                wait = start - now;
                if (wait > maxWait)
                {
                    return wait;
                }

                if (methodRate is { } taken)
                {
                    byMethod.Next = Max(byMethod.Next, start) + taken.Interval;
                }

                if (byChannel is not null)
                {
                    byChannel.Next = Max(byChannel.Next, start) + PerChannel.Interval;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            // A 429 that arrived while this call waited pauses it too: it takes a new turn after the pause.
            if (!IsHeld(methodKey, channelKey))
            {
                return null;
            }
        }
    }

    /// <summary>Pauses <paramref name="method"/> for <paramref name="team"/> until <paramref name="until"/> (after a 429); calls already waiting wait for it too.</summary>
    public void Hold(string? team, string method, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(method);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            PruneIfDue(now);
            var entry = EntryFor((team ?? string.Empty) + "/" + method, now);
            entry.HeldUntil = Max(entry.HeldUntil, until);

            // After the pause the pace starts afresh, without a burst of everything that waited.
            entry.Next = Max(entry.Next, until + (RateOf(method)?.Tolerance ?? TimeSpan.Zero));
        }
    }

    private bool IsHeld(string methodKey, string? channelKey)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return (_entries.TryGetValue(methodKey, out var m) && m.HeldUntil > now)
                || (channelKey is not null && _entries.TryGetValue(channelKey, out var c) && c.HeldUntil > now);
        }
    }

    private Entry EntryFor(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry { Next = now, HeldUntil = now };
            _entries[key] = entry;
        }

        return entry;
    }

    // An entry whose next turn and pause have both passed is the same as no entry. Pruning when the count doubles keeps the
    // cost amortised constant per call and the size within twice the keys used in the last minute.
    private void PruneIfDue(DateTimeOffset now)
    {
        if (_entries.Count < _pruneAt)
        {
            return;
        }

        foreach (var idle in _entries.Where(e => e.Value.Next <= now && e.Value.HeldUntil <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(idle);
        }

        _pruneAt = Math.Max(MinPruneAt, _entries.Count * 2);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Entry
    {
        /// <summary>When the next call would be due at the steady pace (the theoretical arrival time).</summary>
        public DateTimeOffset Next { get; set; }

        public DateTimeOffset HeldUntil { get; set; }
    }
}
