using System.Text.Json;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Coordination;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>Gateway sharding end to end: real hosts on one database against a fake Gateway, on a shared fake clock.</summary>
public sealed class DiscordShardingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("coalitionbot-shards-").FullName;
    private FakeDiscordRest _rest = null!;
    private FakeGateway _gateway = null!;

    private string Database => Path.Combine(_folder, "shared.db");

    public async Task InitializeAsync()
    {
        _rest = await FakeDiscordRest.StartAsync();
        _gateway = await FakeGateway.StartAsync();
        _rest.GatewayUrl = _gateway.Url.ToString();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _rest.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task Shards_Auto_IdentifiesEachRecommendedShard_AndHealthzShowsEveryShard()
    {
        _rest.RecommendedShards = 2;
        _rest.MaxConcurrency = 2;
        await using var host = await DiscordTestHost.StartAsync(_rest, gateway: true, clock: _clock, database: Database, shards: "auto", instance: "alpha");

        var shards = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var (_, identify) = await ConnectAndReadyAsync("sess-" + i);
            shards.Add(identify.GetProperty("d").GetProperty("shard").GetRawText());
        }

        shards.Should().BeEquivalentTo(["[0,2]", "[1,2]"]);
        var health = await WaitForHealthAsync(host, h => h.All(s => s.State == "ready") && h.Count == 2);
        health.Should().BeEquivalentTo([new ShardHealth(0, "ready", "alpha"), new ShardHealth(1, "ready", "alpha")]);
    }

    [Fact]
    public async Task Shards_DeadInstanceHeldOne_ThisInstanceTakesItOverAfterTheLease()
    {
        // A first host only creates the database; then a "dead" instance's leases are written: it held shard 1 of 2.
        await using (var setup = await DiscordTestHost.StartAsync(_rest, clock: _clock, database: Database))
        {
            var ghost = new Leases(setup.App.Services.GetRequiredService<IServiceScopeFactory>(),
                new BotInstance(Options.Create(new ClusterOptions { InstanceName = "ghost" })), _clock);
            (await ghost.TryAcquireAsync("discord.instance:" + ghost.Holder, DiscordShards.Lease, CancellationToken.None)).Should().BeTrue();
            (await ghost.TryAcquireAsync(DiscordShards.ShardLeaseName(1, 2), DiscordShards.Lease, CancellationToken.None)).Should().BeTrue();
        }

        await using var host = await DiscordTestHost.StartAsync(_rest, gateway: true, clock: _clock, database: Database, shards: "2", instance: "alpha");
        var (_, first) = await ConnectAndReadyAsync("sess-0");
        first.GetProperty("d").GetProperty("shard")[0].GetInt32().Should().Be(0, "shard 1 is still leased to the other instance");
        var before = await WaitForHealthAsync(host, h => h.Count == 2 && h[0].State == "ready" && h[1].State == "elsewhere");
        before[1].Instance.Should().Be("ghost");

        var (_, second) = await ConnectAndReadyAsync("sess-1");

        second.GetProperty("d").GetProperty("shard")[0].GetInt32().Should().Be(1);
        _clock.GetUtcNow().Should().BeOnOrAfter(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero) + DiscordShards.Lease, "the shard moved only when the dead instance's lease ran out");
        host.App.Services.GetRequiredService<DiscordShards>().Running.Keys.Should().BeEquivalentTo([0, 1]);
    }

    [Fact]
    public async Task Shards_SecondInstanceJoins_TheFirstHandsOneOver()
    {
        await using var alpha = await DiscordTestHost.StartAsync(_rest, gateway: true, clock: _clock, database: Database, shards: "2", instance: "alpha");
        // The two shards may identify in either order: tell their connections apart by the shard each identified as.
        var first = await ConnectAndReadyAsync("sess-0");
        var second = await ConnectAndReadyAsync("sess-1");
        var (zero, one) = ShardOf(first.Identify) == 0 ? (first.Connection, second.Connection) : (second.Connection, first.Connection);
        new[] { ShardOf(first.Identify), ShardOf(second.Identify) }.Should().BeEquivalentTo([0, 1]);
        await using var beta = await DiscordTestHost.StartAsync(_rest, gateway: true, clock: _clock, database: Database, shards: "2", instance: "beta");

        var (moved, identify) = await ConnectAndReadyAsync("sess-2");

        identify.GetProperty("d").GetProperty("shard")[0].GetInt32().Should().Be(1, "alpha keeps shard 0 and hands the highest over");
        // Alpha lets its old connection go in its next balancing round, which runs on the fake clock: keep it moving.
        await TickUntilAsync(one.Closed.Task);
        zero.Closed.Task.IsCompleted.Should().BeFalse();
        alpha.App.Services.GetRequiredService<DiscordShards>().Running.Keys.Should().Equal(0);
        beta.App.Services.GetRequiredService<DiscordShards>().Running.Keys.Should().Equal(1);
        var health = await WaitForHealthAsync(beta, h => h.Count == 2 && h[1].State == "ready");
        health[0].Should().Be(new ShardHealth(0, "elsewhere", "alpha"));
        moved.Closed.Task.IsCompleted.Should().BeFalse();
    }

    private static int ShardOf(JsonElement identify) => identify.GetProperty("d").GetProperty("shard")[0].GetInt32();

    /// <summary>Moves the fake clock a second at a time until <paramref name="done"/> completes (the hosts' timers run on it), bounded in time.</summary>
    private async Task TickUntilAsync(Task done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Tick();
            await Task.WhenAny(done, Task.Delay(20));
        }

        await done.WaitAsync(TimeSpan.FromSeconds(1));
    }

    /// <summary>One second of fake time, then a little real time for the hosts to act on it, so that their 30 s leases do not run
    /// out faster than a busy machine lets the instances renew them.</summary>
    private Task Tick()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        return Task.Delay(80);
    }

    private async Task<(GatewayConnection Connection, JsonElement Identify)> ConnectAndReadyAsync(string session)
    {
        var connection = await _gateway.NextConnectionAsync(Tick);
        // An hour between heartbeats: the fake clock moves tens of seconds here, and no ACKs are needed.
        await connection.SendAsync(new { op = 10, d = new { heartbeat_interval = 3_600_000 } });
        var identify = await connection.ReceiveAsync(2);
        await connection.SendAsync(new
        {
            op = 0, s = 1, t = "READY",
            d = new { v = 10, session_id = session, resume_gateway_url = _gateway.Url + "resume", user = new { id = "1" }, guilds = Array.Empty<object>() },
        });
        return (connection, identify);
    }

    /// <summary>Reads <c>/healthz</c> until the Discord shards look as expected (the Gateway answers asynchronously), bounded in time.</summary>
    private static async Task<IReadOnlyList<ShardHealth>> WaitForHealthAsync(DiscordTestHost host, Func<IReadOnlyList<ShardHealth>, bool> expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var json = JsonDocument.Parse(await host.Http.GetStringAsync("/healthz", timeout.Token)).RootElement;
            var discord = json.GetProperty("adapters").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "discord");
            var shards = discord.GetProperty("details").GetProperty("shards").EnumerateArray()
                .Select(s => new ShardHealth(s.GetProperty("shard").GetInt32(), s.GetProperty("state").GetString()!, s.GetProperty("instance").GetString()))
                .ToList();
            if (expected(shards))
            {
                return shards;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
