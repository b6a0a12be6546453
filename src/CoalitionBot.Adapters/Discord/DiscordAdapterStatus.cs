using CoalitionBot.Core.Messaging;

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
