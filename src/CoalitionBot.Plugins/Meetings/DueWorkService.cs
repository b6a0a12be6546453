using CoalitionBot.Core.Scheduling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>A hosted loop that runs what is due, then sleeps until the next due time (at least a second, at most an hour) or a wake-up; a failure is logged and retried after a minute.</summary>
internal abstract class DueWorkService(WakeSignal signal, TimeProvider clock, ILogger logger, BackgroundGate? gate = null) : BackgroundService
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromHours(1);

    /// <summary>Runs what is due now and returns when the next piece falls due, or null when nothing is waiting.</summary>
    protected abstract Task<DateTimeOffset?> RunDueAsync(CancellationToken cancellationToken);

    /// <summary>The log line for a failed run, e.g. "Refreshing calendar feeds failed; will try again".</summary>
    protected abstract string FailureMessage { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate is not null && !await gate.PassAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                var next = await RunDueAsync(stoppingToken);
                var wait = next is { } due ? due - clock.GetUtcNow() : MaxIdle;
                sleep = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > MaxIdle ? MaxIdle : wait;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
#pragma warning disable CA2254 // The message is a constant per service.
                logger.LogError(ex, FailureMessage);
#pragma warning restore CA2254
                sleep = TimeSpan.FromMinutes(1);
            }

            try
            {
                await signal.WaitAsync(sleep, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
