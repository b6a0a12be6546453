using CoalitionBot.Adapters.Edge;
using CoalitionBot.Testing;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Tests.Edge;

public sealed class BackgroundWorkTests : IDisposable
{
    private readonly LoggerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private ILogger<BackgroundWork> Logger(LogCapture logs)
    {
        _factory.AddProvider(logs);
        return _factory.CreateLogger<BackgroundWork>();
    }

    [Fact]
    public async Task StopAsync_WorkRunning_WaitsForItWithoutCancellingIt()
    {
        var logs = new LogCapture();
        using var work = new BackgroundWork(Logger(logs));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = true;
        work.Run(async ct =>
        {
            await release.Task;
            sawCancellation = ct.IsCancellationRequested;
        });

        var stopping = work.StopAsync(CancellationToken.None);

        stopping.IsCompleted.Should().BeFalse("the answer on its way must still go out");
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        sawCancellation.Should().BeFalse("the grace did not run out");
        work.Count.Should().Be(0);
    }

    [Fact]
    public async Task StopAsync_WorkStartsMoreWork_WaitsForThatToo()
    {
        using var work = new BackgroundWork(Logger(new LogCapture()));
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Run(async _ =>
        {
            await first.Task;
            work.Track(second.Task);
            started.SetResult();
        });

        var stopping = work.StopAsync(CancellationToken.None);
        first.SetResult();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        stopping.IsCompleted.Should().BeFalse();
        second.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StopAsync_GraceRunsOut_CancelsTheWorksToken()
    {
        var logs = new LogCapture();
        using var work = new BackgroundWork(Logger(logs));
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Run(async ct =>
        {
            ct.Register(() => cancelled.SetResult());
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var grace = new CancellationTokenSource();

        var stopping = work.StopAsync(grace.Token);
        work.Token.IsCancellationRequested.Should().BeFalse("shutdown starting is not the grace running out");
        await grace.CancelAsync();

        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        logs.Lines.Should().Contain(l => l.Contains("Shutdown grace ran out with 1 piece(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WorkThrows_LoggedNotThrown()
    {
        var logs = new LogCapture();
        using var work = new BackgroundWork(Logger(logs));

        work.Run(_ => throw new InvalidOperationException("follow-up on fire"));
        await work.WaitIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await logs.WaitForAsync("follow-up on fire");

        logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Line.Contains("follow-up on fire", StringComparison.Ordinal));
    }
}
