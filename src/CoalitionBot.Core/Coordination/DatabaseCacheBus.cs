using System.Data.Common;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Coordination;

/// <summary>Carries invalidations as rows of <c>CacheInvalidations</c>, written in the publisher's transaction and read by every instance's <see cref="DatabaseCachePoller"/>.</summary>
/// <remarks>
/// Meant for SQLite, where writes are serialized, so row ids become visible in order and a poller that remembers the last id misses nothing.
/// (On PostgreSQL concurrent transactions may commit out of id order; there the <c>Notify</c> bus is used.)
/// </remarks>
public sealed class DatabaseCacheTransport(TimeProvider clock) : ICacheTransport
{
    public async Task SendAsync(DbConnection connection, DbTransaction? transaction, string cache, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """INSERT INTO "CacheInvalidations" ("Cache", "Key", "At") VALUES (@cache, @key, @at)""";
        Add(command, "@cache", cache);
        Add(command, "@key", key);
        Add(command, "@at", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>Reads the invalidations other instances wrote (every <see cref="ClusterOptions.CachePollEvery"/>: one query on the primary key) and hands them to the hub.</summary>
public sealed partial class DatabaseCachePoller(
    IServiceScopeFactory scopes,
    CacheInvalidationHub hub,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<DatabaseCachePoller> logger) : BackgroundService
{
    private const int Batch = 500;
    private long? _last;
    private bool _failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
            {
                if (!_failed)
                {
                    Log.PollFailed(logger, ex);
                }

                _failed = true;
            }

            try
            {
                await Task.Delay(options.Value.CachePollEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Hands every invalidation written since the last poll to the hub; returns how many there were. The first poll only finds where to start.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        if (_last is not { } last)
        {
            _last = await db.CacheInvalidations.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            return 0;
        }

        var total = 0;
        while (true)
        {
            var rows = await db.CacheInvalidations.AsNoTracking().Where(c => c.Id > last).OrderBy(c => c.Id).Take(Batch)
                .Select(c => new { c.Id, c.Cache, c.Key }).ToListAsync(cancellationToken);
            if (_failed)
            {
                // Rows may have been cleaned up while the database was away: start from empty caches.
                _failed = false;
                hub.DropAll();
            }

            foreach (var row in rows)
            {
                hub.Deliver(row.Cache, row.Key);
                last = row.Id;
            }

            _last = last;
            total += rows.Count;
            if (rows.Count < Batch)
            {
                return total;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Reading cache invalidations failed; caches will be emptied when the database answers again")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
