using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CoalitionBot.Core.Coordination;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Edge;

/// <summary>Lets each platform delivery (a Slack event, command or press, a Discord interaction) be handled once: a retry, a
/// redelivery or a copy sent to another instance is recognised and dropped.</summary>
/// <remarks>
/// Two memories: this instance's own (answers at once, and stops a burst of retries before it reaches the database), then
/// the <see cref="DeliveryLog"/> record every instance shares, which also outlives a restart. Keys carry their platform and
/// kind (<c>slack:event:Ev1</c>, <c>discord:interaction:123</c>), so deliveries of different platforms never collide.
/// </remarks>
public sealed partial class DeliveryGuard(DeliveryLog log, TimeProvider clock, ILogger<DeliveryGuard> logger)
{
    /// <summary>How long a delivery is remembered: platforms retry within minutes, and a Discord interaction token lives 15 minutes.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(15);

    /// <summary>The most keys this instance remembers; beyond it the oldest go early (the shared record still has them).</summary>
    internal const int MaxRemembered = 100_000;

    // Kept as 64-bit fingerprints in a queue of structs, which the garbage collector never has to trace: 100k of them cost
    // it nothing, where 100k key strings would be traced on every collection. Two keys share a fingerprint with odds of
    // about one in 10^9 at the cap.
    private readonly HashSet<ulong> _seen = [];
    private readonly Queue<(ulong Key, DateTimeOffset At)> _byAge = new();
    private readonly Lock _gate = new();

    /// <summary>True when this instance has not seen the key within <see cref="Memory"/>; the key is remembered from now on.</summary>
    public bool FirstSightHere(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var fingerprint = Fingerprint(key);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            while (_byAge.TryPeek(out var oldest) && (oldest.At + Memory <= now || _byAge.Count >= MaxRemembered))
            {
                _byAge.Dequeue();
                _seen.Remove(oldest.Key);
            }

            if (!_seen.Add(fingerprint))
            {
                return false;
            }

            _byAge.Enqueue((fingerprint, now));
            return true;
        }
    }

    /// <summary>True when the delivery is new here and on every instance: handle it; false (logged) when it is a copy: drop it.</summary>
    public async Task<bool> FirstSightAsync(string key, CancellationToken cancellationToken)
    {
        if (!FirstSightHere(key))
        {
            Log.Duplicate(logger, key, "this instance");
            return false;
        }

        return await FirstSightElsewhereAsync(key, cancellationToken);
    }

    /// <summary>The shared half of <see cref="FirstSightAsync"/>, for a caller that asked <see cref="FirstSightHere"/> itself.</summary>
    public async Task<bool> FirstSightElsewhereAsync(string key, CancellationToken cancellationToken)
    {
        if (await log.FirstSightAsync(key, Memory, cancellationToken))
        {
            return true;
        }

        Log.Duplicate(logger, key, "another instance or before a restart");
        return false;
    }

    private static ulong Fingerprint(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Delivery {Key} was seen before (by {Where}); handled once")]
        public static partial void Duplicate(ILogger logger, string key, string where);
    }
}
