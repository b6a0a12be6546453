using CoalitionBot.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Whether the Discord adapter works, for <c>GET /healthz</c>; a fatal problem (bad token, disallowed intents) stays until restart.</summary>
public sealed class DiscordAdapterStatus : IAdapterStatus
{
    private volatile string? _problem;
    private volatile bool _running = true;
    private volatile Func<object?>? _details;

    public string Name => "discord";

    public bool IsRunning => _running;

    public string? Problem => _problem;

    /// <summary>The Gateway's shards and their states (Gateway mode), for <c>/healthz</c>.</summary>
    public object? Details => _details?.Invoke();

    /// <summary>Sets what <see cref="Details"/> shows.</summary>
    public void Describe(Func<object?> details) => _details = details;

    /// <summary>Marks the adapter as stopped for a reason an operator must fix.</summary>
    public void Stop(string problem)
    {
        _problem = problem;
        _running = false;
    }

    /// <summary>Reports a passing problem (Discord unreachable) while the adapter keeps trying; null clears it.</summary>
    public void Degrade(string? problem)
    {
        if (_running)
        {
            _problem = problem;
        }
    }
}

/// <summary>Work that continues after an interaction was acknowledged (deferred answers, follow-ups); shutdown waits for it.</summary>
public sealed partial class DiscordBackgroundWork(IHostApplicationLifetime lifetime, ILogger<DiscordBackgroundWork> logger) : IHostedService
{
    private readonly HashSet<Task> _running = [];

    /// <summary>Cancelled when the host stops; long work listens to it.</summary>
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>Starts work in the background; its failure is logged, never thrown.</summary>
    public void Run(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var task = Task.Run(async () =>
        {
            try
            {
                await work(CancellationToken.None);
            }
            catch (Exception ex)
            {
                Log.Failed(logger, ex);
            }
        });
        lock (_running)
        {
            _running.Add(task);
        }

        task.ContinueWith(t =>
        {
            lock (_running)
            {
                _running.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for answers still being finished, up to the host's shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_running)
        {
            pending = [.. _running];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "Discord background work failed")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
