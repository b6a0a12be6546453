using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Edge;

/// <summary>Work an adapter goes on with after the platform has its acknowledgement (deferred answers, follow-ups, events);
/// shutdown waits for it, so an answer on its way still reaches the person.</summary>
/// <remarks>
/// The work gets <see cref="Token"/>, which is cancelled only when the host's shutdown grace runs out, not when shutdown
/// starts: a command that was accepted runs to its end if it can. Failures are logged, never thrown.
/// </remarks>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _graceOver = new();

    /// <summary>Cancelled when the host's shutdown grace has run out: work still running then is abandoned.</summary>
    public CancellationToken Token => _graceOver.Token;

    /// <summary>How many pieces of work are running.</summary>
    public int Count
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts work on the thread pool with <see cref="Token"/>, tracked from this call on.</summary>
    public void Run(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var token = Token;
        Track(Task.Run(() => work(token), CancellationToken.None));
    }

    /// <summary>Tracks work that is already running; shutdown and <see cref="WaitIdleAsync"/> wait for it.</summary>
    public void Track(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_running)
        {
            _running.Add(work);
        }

        _ = ForgetWhenDoneAsync(work);
    }

    /// <summary>Completes when no work is running, including work started by work that was running.</summary>
    public async Task WaitIdleAsync(CancellationToken cancellationToken = default)
    {
        while (Pending() is { Length: > 0 } pending)
        {
            try
            {
                await Task.WhenAll(pending).WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A piece of work failed: that was logged when it ended; what matters here is that it ended.
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the work still running; when the host's shutdown timeout (<paramref name="cancellationToken"/>) runs out, cancels it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WaitIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Abandoned(logger, Count);
            await _graceOver.CancelAsync();
        }
    }

    public void Dispose() => _graceOver.Dispose();

    private Task[] Pending()
    {
        lock (_running)
        {
            return [.. _running];
        }
    }

    private async Task ForgetWhenDoneAsync(Task work)
    {
        await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_running)
        {
            _running.Remove(work);
        }

        if (work.Exception is { } failure)
        {
            Log.Failed(logger, failure.GetBaseException());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Background work of an adapter failed")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Shutdown grace ran out with {Count} piece(s) of background work running: cancelled")]
        public static partial void Abandoned(ILogger logger, int count);
    }
}
