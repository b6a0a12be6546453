using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Adapters.Tests.Discord;

/// <summary>Identifies keep to Discord's max_concurrency: one per bucket (shard id modulo max_concurrency) every 5 s, shared through the database.</summary>
public sealed class DiscordIdentifyGateTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task WaitTurn_SameBucket_SecondWaitsFiveSeconds_OtherBucketGoesAtOnce()
    {
        var gate = new DiscordIdentifyGate(_bot.Services.GetRequiredService<Leases>(), maxConcurrency: 2, _bot.Clock);
        var start = _bot.Clock.GetUtcNow();

        await gate.WaitTurnAsync(0, CancellationToken.None);
        await gate.WaitTurnAsync(1, CancellationToken.None);
        var third = gate.WaitTurnAsync(2, CancellationToken.None);
        third.IsCompleted.Should().BeFalse("shard 2 shares bucket 0 with shard 0, and no time has passed");
        await AdvanceUntilAsync(third);

        (_bot.Clock.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(DiscordIdentifyGate.Spacing);
    }

    [Fact]
    public async Task WaitTurn_AnotherInstanceIdentifiedInTheBucket_WaitsForIt()
    {
        var other = new Leases(_bot.Services.GetRequiredService<IServiceScopeFactory>(),
            new BotInstance(Microsoft.Extensions.Options.Options.Create(new ClusterOptions { InstanceName = "other" })), _bot.Clock);
        await new DiscordIdentifyGate(other, 1, _bot.Clock).WaitTurnAsync(3, CancellationToken.None);
        var start = _bot.Clock.GetUtcNow();

        var mine = new DiscordIdentifyGate(_bot.Services.GetRequiredService<Leases>(), 1, _bot.Clock).WaitTurnAsync(0, CancellationToken.None);
        await AdvanceUntilAsync(mine);

        (_bot.Clock.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(DiscordIdentifyGate.Spacing);
    }

    [Theory]
    [InlineData(1, 7, 0)]
    [InlineData(4, 5, 1)]
    [InlineData(16, 15, 15)]
    [InlineData(0, 3, 0)]
    public void BucketOf_ShardModuloMaxConcurrency(int maxConcurrency, int shard, int bucket) =>
        new DiscordIdentifyGate(_bot.Services.GetRequiredService<Leases>(), maxConcurrency, _bot.Clock).BucketOf(shard).Should().Be(bucket);

    [Theory]
    [InlineData("1", true)]
    [InlineData("auto", true)]
    [InlineData("AUTO", true)]
    [InlineData("4096", true)]
    [InlineData("0", false)]
    [InlineData("4097", false)]
    [InlineData("-2", false)]
    [InlineData("two", false)]
    [InlineData("", false)]
    public void Validate_Shards_CountOrAuto(string shards, bool valid)
    {
        var options = new DiscordOptions { BotToken = "t", ApplicationId = "1", Mode = DiscordMode.Gateway, Shards = shards };

        var result = new DiscordOptionsValidator().Validate(null, options);

        result.Succeeded.Should().Be(valid);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("CoalitionBot:Discord:Shards");
        }
    }

    /// <summary>Moves the fake clock in small steps until the wait is over (bounded), so the timer is found whenever it was set.</summary>
    private async Task AdvanceUntilAsync(Task waiting)
    {
        for (var step = 0; step < 400 && !waiting.IsCompleted; step++)
        {
            _bot.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(waiting, Task.Delay(5));
        }

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
