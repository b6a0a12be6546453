using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Coordination;

/// <summary>
/// Remembers platform deliveries in the database, so a retry or a replay is recognised by every instance and after a restart:
/// the first instance to record a key handles the delivery; the others (and any later copy while the record lasts) drop it.
/// </summary>
/// <remarks>The key is the primary key of <c>Deliveries</c>, so two instances recording the same key at once cannot both succeed.</remarks>
public sealed class DeliveryLog(IServiceScopeFactory scopes, BotInstance instance, TimeProvider clock)
{
    public const int MaxKeyLength = 200;

    /// <summary>Records the delivery; true when this is its first sight (handle it), false when it was recorded before and has not expired (drop it).</summary>
    /// <param name="key">The delivery's identity, prefixed with its platform and kind (<c>discord:interaction:…</c>).</param>
    /// <param name="keepFor">How long the platform may repeat it; the record lasts that long.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    public async Task<bool> FirstSightAsync(string key, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A delivery key has 1 to {MaxKeyLength} characters.", nameof(key));
        }

        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        if (await db.InsertIfAbsentAsync(new DeliveryRecord { Key = key, Holder = instance.Id, SeenAt = now, ExpiresAt = now + keepFor }, cancellationToken))
        {
            return true;
        }

        // Seen before; an expired record (not cleaned up yet) counts as unseen and is taken over by one conditional update.
        var reused = await db.Deliveries.Where(d => d.Key == key && d.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Holder, instance.Id).SetProperty(d => d.SeenAt, now).SetProperty(d => d.ExpiresAt, now + keepFor), cancellationToken);
        return reused == 1;
    }

    /// <summary>Deletes records that expired; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Deliveries.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
