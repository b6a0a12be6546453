namespace CoalitionBot.Adapters.Slack;

/// <summary>A small thread-safe cache with one lifetime for every entry and a size cap (the oldest entry goes first); time comes from <see cref="TimeProvider"/>.</summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, TimeSpan lifetime, TimeProvider clock)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byAge = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Prune(clock.GetUtcNow());
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            Prune(clock.GetUtcNow());
            if (_entries.TryGetValue(key, out var node))
            {
                value = node.Value.Value;
                return true;
            }

            value = default!;
            return false;
        }
    }

    /// <summary>Adds the entry unless the key is present; true when it was added (first sight).</summary>
    public bool TryAdd(TKey key, TValue value) => TryAdd(key, value, lifetime);

    /// <summary>Adds the entry with its own (shorter) lifetime unless the key is present.</summary>
    public bool TryAdd(TKey key, TValue value, TimeSpan entryLifetime)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Prune(now);
            if (_entries.ContainsKey(key))
            {
                return false;
            }

            Insert(key, value, now + Min(entryLifetime, lifetime));
            return true;
        }
    }

    /// <summary>Adds or replaces the entry, restarting its lifetime.</summary>
    public void Set(TKey key, TValue value, TimeSpan? entryLifetime = null)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Prune(now);
            Remove(key);
            Insert(key, value, now + Min(entryLifetime ?? lifetime, lifetime));
        }
    }

    /// <summary>Returns the cached value, or adds the one <paramref name="create"/> makes (called under the lock: keep it cheap).</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Prune(now);
            if (_entries.TryGetValue(key, out var node))
            {
                return node.Value.Value;
            }

            var value = create(key);
            Insert(key, value, now + lifetime);
            return value;
        }
    }

    public void Remove(TKey key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _byAge.Remove(node);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void Insert(TKey key, TValue value, DateTimeOffset expires)
    {
        while (_entries.Count >= capacity && _byAge.First is { } oldest)
        {
            _entries.Remove(oldest.Value.Key);
            _byAge.RemoveFirst();
        }

        // Entries are kept in expiry order; a shorter-lived entry goes before longer-lived ones.
        var after = _byAge.Last;
        while (after is not null && after.Value.Expires > expires)
        {
            after = after.Previous;
        }

        var entry = new Entry(key, value, expires);
        _entries[key] = after is null ? _byAge.AddFirst(entry) : _byAge.AddAfter(after, entry);
    }

    private void Prune(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.Expires <= now)
        {
            _entries.Remove(oldest.Value.Key);
            _byAge.RemoveFirst();
        }
    }

    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset Expires);
}
