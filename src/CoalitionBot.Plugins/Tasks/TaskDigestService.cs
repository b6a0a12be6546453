using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Looks every few minutes whether a coalition's digest time has come, and plans that day's digest once.</summary>
/// <remarks>With several instances, one looks per turn (the <see cref="LeaseName"/> lease); the digest's dedup key (one per coalition and day) keeps it to one message regardless.</remarks>
internal sealed partial class TaskDigestService(IServiceScopeFactory scopes, Leases leases, TasksSettings settings, TimeProvider clock, ILogger<TaskDigestService> logger, BackgroundGate? gate = null) : BackgroundService
{
    public const string LeaseName = "tasks.digest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate is not null && !await gate.PassAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RunTurnAsync(LeaseName, settings.DigestCheckEvery, RunOnceAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.Failed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.DigestCheckEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Plans the digest of every coalition with a digest channel; returns how many were added.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().TenantSettings.IgnoreQueryFilters()
                .Where(s => s.DigestChannelId != null).Select(s => s.TenantId).ToListAsync(cancellationToken);
        }

        var added = 0;
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
            if (await scope.ServiceProvider.GetRequiredService<TaskDigest>().PlanAsync(cancellationToken))
            {
                added++;
            }
        }

        return added;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Planning task digests failed; will try again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
