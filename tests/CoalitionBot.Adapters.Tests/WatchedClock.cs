using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests;

/// <summary>
/// A fake clock that tells the test when the code under test starts waiting on it (a <c>Task.Delay(…, clock)</c> or a timer),
/// and for how long, so the test advances time exactly when and as far as needed, with no real sleep deciding anything.
/// </summary>
internal sealed class WatchedClock(FakeTimeProvider inner) : TimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private int _count;

    /// <summary>How many waits have started so far.</summary>
    public int Waits => Volatile.Read(ref _count);

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _count);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The length of the next wait that starts (or already started and was not yet taken).</summary>
    /// <remarks>The real-time bound only turns a hang into a failure; it never decides a passing test.</remarks>
    public Task<TimeSpan> NextWaitAsync() => _waits.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public void Advance(TimeSpan by) => inner.Advance(by);
}
