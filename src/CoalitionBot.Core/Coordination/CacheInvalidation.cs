using System.Data.Common;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CoalitionBot.Core.Coordination;

/// <summary>
/// Keeps in-memory caches true on every instance: a change publishes the key it touched, and every instance's subscribers drop that entry
/// (this instance at once, the others when the change is committed, within about a second).
/// </summary>
public interface ICacheInvalidation
{
    /// <summary>Drops <paramref name="key"/> of <paramref name="cache"/> here now, and on every instance once the changes made through <paramref name="through"/> are committed.</summary>
    /// <remarks>Call it after saving (inside the same transaction when there is one): the message travels with that transaction.</remarks>
    Task PublishAsync(DbContext through, string cache, string key, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="drop"/> with every key published for <paramref name="cache"/>, and with null when every entry must go
    /// (this instance may have missed a message). Dispose the result to stop.</summary>
    IDisposable Subscribe(string cache, Action<string?> drop);
}

/// <summary>Names and limits of cache invalidation messages.</summary>
public static class CacheInvalidation
{
    public const int MaxNameLength = 40;

    public const int MaxKeyLength = 200;

    /// <summary>The cache name that reaches every subscriber: a coalition whose data was deleted wholesale.</summary>
    public const string Everything = "*";

    internal static void Check(string cache, string key)
    {
        if (string.IsNullOrEmpty(cache) || cache.Length > MaxNameLength || cache.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A cache name has 1 to {MaxNameLength} characters and no line break.", nameof(cache));
        }

        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A cache key has 1 to {MaxKeyLength} characters.", nameof(key));
        }
    }
}

/// <summary>How invalidations leave this process (the small provider-specific part of <see cref="ICacheInvalidation"/>).</summary>
public interface ICacheTransport
{
    /// <summary>Sends one invalidation to the other instances on <paramref name="connection"/> (open), inside <paramref name="transaction"/> when given.</summary>
    Task SendAsync(DbConnection connection, DbTransaction? transaction, string cache, string key, CancellationToken cancellationToken);
}

/// <summary>The one <see cref="ICacheInvalidation"/>: subscribers in this process, and a transport that carries messages to the other instances.</summary>
public sealed class CacheInvalidationHub(ICacheTransport transport) : ICacheInvalidation
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public async Task PublishAsync(DbContext through, string cache, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(through);
        CacheInvalidation.Check(cache, key);
        Deliver(cache, key);
        if (transport is LocalCacheTransport)
        {
            return;
        }

        await through.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await transport.SendAsync(through.Database.GetDbConnection(), through.Database.CurrentTransaction?.GetDbTransaction(), cache, key, cancellationToken);
        }
        finally
        {
            await through.Database.CloseConnectionAsync();
        }
    }

    public IDisposable Subscribe(string cache, Action<string?> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var subscription = new Subscription(this, cache, drop);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Hands a received (or locally published) invalidation to the subscribers of its cache.</summary>
    public void Deliver(string cache, string key)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (cache == CacheInvalidation.Everything || subscription.Cache == cache)
            {
                subscription.Drop(key);
            }
        }
    }

    /// <summary>Empties every subscribed cache: a transport calls it when it may have missed messages (a lost connection, a long outage).</summary>
    public void DropAll()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Drop(null);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private sealed class Subscription(CacheInvalidationHub hub, string cache, Action<string?> drop) : IDisposable
    {
        public string Cache => cache;

        public void Drop(string? key) => drop(key);

        public void Dispose() => hub.Remove(this);
    }
}

/// <summary>Invalidations stay in this process: enough for one instance.</summary>
public sealed class LocalCacheTransport : ICacheTransport
{
    public Task SendAsync(DbConnection connection, DbTransaction? transaction, string cache, string key, CancellationToken cancellationToken) => Task.CompletedTask;
}
