using CoalitionBot.Adapters.Edge;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Each interaction is answered once: a duplicate delivery within 10 s gets the first delivery's answer; a later one
/// (Discord takes an initial answer within 3 s only) is refused. The ids themselves are remembered by the shared
/// <see cref="DeliveryGuard"/>, here and in the database, so nothing runs twice while the interaction's token lives.</summary>
public sealed class DiscordInteractionGuard(DeliveryGuard deliveries, TimeProvider clock)
{
    // How long a finished answer is kept for a duplicate delivery; after that only the id is remembered. Discord takes an
    // interaction's first answer within 3 s, so an answer kept longer could never be used. The cap bounds a burst: rendered
    // answers are large, and a minute of them kept under load made the garbage collector pause for tens of milliseconds.
    private static readonly TimeSpan KeepAnswer = TimeSpan.FromSeconds(10);
    internal const int MaxKeptAnswers = 100;

    private static readonly Task<InteractionAnswer> Forgotten = Task.FromResult(InteractionAnswer.Bad("the interaction was delivered again after its answer was sent"));

    // The answers still kept, in arrival order, so expiry looks only at the oldest.
    private readonly Dictionary<string, Task<InteractionAnswer>> _answers = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _byAge = new();
    private readonly Lock _gate = new();

    /// <summary>The refusal for a copy whose first delivery's answer is no longer kept (or was handled elsewhere).</summary>
    public static Task<InteractionAnswer> Refusal => Forgotten;

    /// <summary>Null when the id is new on this instance (its answer is now <paramref name="answer"/>); otherwise the earlier
    /// delivery's answer, or a refusal once that was let go.</summary>
    public Task<InteractionAnswer>? FirstSight(string id, Task<InteractionAnswer> answer)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            while (_byAge.TryPeek(out var oldest) && (oldest.At + KeepAnswer < now || _byAge.Count >= MaxKeptAnswers))
            {
                // An answer still being worked out goes too: a duplicate then is refused, and still nothing runs twice.
                _byAge.Dequeue();
                _answers.Remove(oldest.Id);
            }

            if (_answers.TryGetValue(id, out var earlier))
            {
                return earlier;
            }

            if (!deliveries.FirstSightHere(Key(id)))
            {
                return Forgotten;
            }

            _answers.Add(id, answer);
            _byAge.Enqueue((id, now));
            return null;
        }
    }

    /// <summary>False when another instance (or this one before a restart) took the interaction already.</summary>
    public Task<bool> FirstSightElsewhereAsync(string id, CancellationToken cancellationToken) =>
        deliveries.FirstSightElsewhereAsync(Key(id), cancellationToken);

    private static string Key(string id) => "discord:interaction:" + id;
}
