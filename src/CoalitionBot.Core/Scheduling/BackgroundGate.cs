namespace CoalitionBot.Core.Scheduling;

/// <summary>
/// What the background loops (the outbox, reminder planning, digests, feed refreshes, clean-ups) wait for before their
/// first round.
/// </summary>
/// <remarks>
/// Open from the start, except where an interactive start-up should have the machine to itself: the console chat holds it
/// until it has answered its first line, or until <see cref="MaxHold"/> has passed, so a person who types <c>/help</c> is
/// not kept waiting while every loop builds its database model and plans the day. Nothing is skipped: the loops only start
/// a moment later.
/// </remarks>
public sealed class BackgroundGate : IDisposable
{
    /// <summary>The longest the console may hold the loops back (a person who has not typed yet).</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(3);

    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer? _timer;

    /// <summary>An open gate: the loops start at once.</summary>
    public BackgroundGate() => _open.SetResult();

    private BackgroundGate(TimeProvider clock, TimeSpan maxHold) =>
        _timer = clock.CreateTimer(_ => Open(), null, maxHold, Timeout.InfiniteTimeSpan);

    /// <summary>True once the loops may run.</summary>
    public bool IsOpen => _open.Task.IsCompleted;

    /// <summary>A gate held until <see cref="Open"/> or until <paramref name="maxHold"/> has passed on <paramref name="clock"/>.</summary>
    public static BackgroundGate Held(TimeProvider clock, TimeSpan maxHold)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new BackgroundGate(clock, maxHold);
    }

    /// <summary>Lets the loops run (again calls do nothing).</summary>
    public void Open()
    {
        _open.TrySetResult();
        _timer?.Dispose();
    }

    /// <summary>Waits until the gate opens (not at all when it is open): true then, false when <paramref name="cancellationToken"/>
    /// (the host stopping) came first.</summary>
    public async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _open.Task.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _timer?.Dispose();
}
