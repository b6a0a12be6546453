using CoalitionBot.Core.Messaging;

namespace CoalitionBot.Adapters.Slack;

/// <summary>The Slack adapter's health for <c>GET /healthz</c>: running, or stopped with the reason an operator must fix.</summary>
public sealed class SlackStatus : IAdapterStatus
{
    private volatile string? _problem;
    private volatile bool _stopped;

    public string Name => "slack";

    public bool IsRunning => !_stopped;

    public string? Problem => _problem;

    /// <summary>Records a problem that does not stop the adapter (a refused token, a reconnect in progress).</summary>
    public void Report(string problem) => _problem = problem;

    /// <summary>Clears a reported problem once things work again.</summary>
    public void Clear()
    {
        if (!_stopped)
        {
            _problem = null;
        }
    }

    /// <summary>Marks the adapter as stopped for good (Socket Mode switched off, token refused).</summary>
    public void Stop(string problem)
    {
        _problem = problem;
        _stopped = true;
    }
}
