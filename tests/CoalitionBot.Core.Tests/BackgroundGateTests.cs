using CoalitionBot.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Core.Tests;

public class BackgroundGateTests
{
    [Fact]
    public async Task PassAsync_DefaultGate_PassesAtOnce()
    {
        using var gate = new BackgroundGate();

        gate.IsOpen.Should().BeTrue();
        (await gate.PassAsync(CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task PassAsync_HeldGate_WaitsForOpen()
    {
        var clock = new FakeTimeProvider();
        using var gate = BackgroundGate.Held(clock, TimeSpan.FromSeconds(3));

        var pass = gate.PassAsync(CancellationToken.None);
        pass.IsCompleted.Should().BeFalse();

        gate.Open();
        (await pass.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        gate.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task PassAsync_HeldGateNobodyOpens_OpensAfterMaxHold()
    {
        var clock = new FakeTimeProvider();
        using var gate = BackgroundGate.Held(clock, TimeSpan.FromSeconds(3));
        var pass = gate.PassAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(2.9));
        pass.IsCompleted.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(0.1));
        (await pass.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
    }

    [Fact]
    public async Task PassAsync_StoppedWhileHeld_ReturnsFalse()
    {
        using var gate = BackgroundGate.Held(new FakeTimeProvider(), TimeSpan.FromSeconds(3));
        using var stopping = new CancellationTokenSource();
        var pass = gate.PassAsync(stopping.Token);

        await stopping.CancelAsync();

        (await pass.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeFalse();
        gate.IsOpen.Should().BeFalse();
    }
}
