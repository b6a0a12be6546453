using CoalitionBot.Core.Scheduling;
using CoalitionBot.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Coordination;

/// <summary>Registers what lets several instances share one database: instance identity, leases, delivery records and the cache invalidation bus.</summary>
internal static class ClusterServices
{
    /// <summary>How long an invalidation row is kept for pollers that fell behind.</summary>
    internal static readonly TimeSpan InvalidationRetention = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section)
            .Validate(o => BotInstance.IsValidName(o.InstanceName), "CoalitionBot:Cluster:InstanceName has 1 to 60 letters, digits or -_.: characters.")
            .Validate(o => o.CachePollEvery > TimeSpan.Zero && o.CachePollEvery <= TimeSpan.FromSeconds(10), "CoalitionBot:Cluster:CachePollEvery must be between 0 and 10 seconds.")
            .Validate(o => o.CleanupEvery > TimeSpan.Zero, "CoalitionBot:Cluster:CleanupEvery must be positive.")
            .Validate(o => Enum.IsDefined(o.CacheBus), "CoalitionBot:Cluster:CacheBus must be Auto, Local, Database or Notify.")
            .ValidateOnStart();
        services.AddSingleton<BotInstance>();
        services.AddSingleton<Leases>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<Pictures.ImageLinks>();
        services.AddSingleton<ICacheTransport>(sp => ResolveBus(sp) switch
        {
            CacheBus.Database => new DatabaseCacheTransport(sp.GetRequiredService<TimeProvider>()),
            CacheBus.Notify => new NotifyCacheTransport(),
            _ => new LocalCacheTransport(),
        });
        services.AddSingleton<CacheInvalidationHub>();
        services.AddSingleton<ICacheInvalidation>(sp => sp.GetRequiredService<CacheInvalidationHub>());
        services.AddSingleton<IHostedService>(sp => ResolveBus(sp) switch
        {
            CacheBus.Database => ActivatorUtilities.CreateInstance<DatabaseCachePoller>(sp),
            CacheBus.Notify => new PostgresNotifyListener(
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                sp.GetRequiredService<CacheInvalidationHub>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<PostgresNotifyListener>>()),
            _ => new NothingToRun(),
        });
        services.AddHostedService<ClusterCleanup>();
        return services;
    }

    /// <summary>The bus in use: the configured one, or for <c>Auto</c> the one that fits the database.</summary>
    internal static CacheBus ResolveBus(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<ClusterOptions>>().Value.CacheBus;
        if (configured != CacheBus.Auto)
        {
            return configured;
        }

        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            return CacheBus.Notify;
        }

        var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
        return sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource == ":memory:" ? CacheBus.Local : CacheBus.Database;
    }

    private sealed class NothingToRun : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Deletes expired delivery records and image links and old cache invalidations, on one instance per turn (<see cref="ClusterOptions.CleanupEvery"/>).</summary>
internal sealed partial class ClusterCleanup(
    IServiceScopeFactory scopes,
    Leases leases,
    DeliveryLog deliveries,
    Pictures.ImageLinks imageLinks,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<ClusterCleanup> logger,
    BackgroundGate? gate = null) : BackgroundService
{
    public const string LeaseName = "core.cleanup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate is not null && !await gate.PassAsync(stoppingToken))
        {
            return;
        }

        var every = options.Value.CleanupEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RunTurnAsync(LeaseName, every, RunOnceAsync, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
            {
                Log.Failed(logger, ex);
            }

            try
            {
                await Task.Delay(every, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One cleanup: expired deliveries and image links, invalidations older than the retention, leases expired for a day.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await deliveries.DeleteExpiredAsync(cancellationToken);
        removed += await imageLinks.DeleteExpiredAsync(cancellationToken);
        var before = clock.GetUtcNow() - ClusterServices.InvalidationRetention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        removed += await db.CacheInvalidations.Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken);
        // Leases of things that are gone (a deleted feed, a shard count lowered) expired long ago.
        var stale = clock.GetUtcNow() - TimeSpan.FromDays(1);
        removed += await db.Leases.Where(l => l.ExpiresAt < stale).ExecuteDeleteAsync(cancellationToken);
        Log.Cleaned(logger, removed);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "Cleaning up delivery records, image links and cache invalidations failed; will try again")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 905, Level = LogLevel.Debug, Message = "Cleaned up {Rows} expired delivery record(s), image link(s) and cache invalidation(s)")]
        public static partial void Cleaned(ILogger logger, int rows);
    }
}
