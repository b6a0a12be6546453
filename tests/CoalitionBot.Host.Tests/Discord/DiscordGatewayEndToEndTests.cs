using System.Net.WebSockets;
using System.Text.Json;
using CoalitionBot.Adapters.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>The real host in Gateway mode against a fake Gateway (WebSocket) and a fake REST server, on a fake clock.</summary>
public sealed class DiscordGatewayEndToEndTests : IAsyncLifetime
{
    private const int Interval = 45_000;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private FakeDiscordRest _rest = null!;
    private FakeGateway _gateway = null!;
    private DiscordTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _rest = await FakeDiscordRest.StartAsync();
        _gateway = await FakeGateway.StartAsync();
        _rest.GatewayUrl = _gateway.Url.ToString();
        _host = await DiscordTestHost.StartAsync(_rest, gateway: true, clock: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gateway.DisposeAsync();
        await _rest.DisposeAsync();
    }

    private DiscordAdapterStatus Status => _host.App.Services.GetRequiredService<DiscordAdapterStatus>();

    private DiscordGateway Shard0 => _host.App.Services.GetRequiredService<DiscordShards>().Running[0];

    // Moves the fake clock a second at a time while waiting, so delays (jittered reconnects) pass without real waiting.
    private Task Tick()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    private async Task<(GatewayConnection Connection, JsonElement Identify)> ConnectAndReadyAsync(string session = "sess-1")
    {
        var connection = await _gateway.NextConnectionAsync(Tick);
        await connection.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
        var identify = await connection.ReceiveAsync(2);
        await connection.SendAsync(new
        {
            op = 0, s = 1, t = "READY",
            d = new { v = 10, session_id = session, resume_gateway_url = _gateway.Url + "resume", user = new { id = "1" }, guilds = Array.Empty<object>() },
        });
        return (connection, identify);
    }

    [Fact]
    public async Task Start_AsksForTheGatewayUrl_AndIdentifiesWithTokenAndIntents()
    {
        var (connection, identify) = await ConnectAndReadyAsync();

        _rest.Calls.Should().Contain(c => c.Path == "/gateway/bot" && c.Authorization == "Bot test-bot-token");
        connection.Path.Should().Be("/?v=10&encoding=json");
        var d = identify.GetProperty("d");
        d.GetProperty("token").GetString().Should().Be("test-bot-token");
        d.GetProperty("intents").GetInt32().Should().Be(DiscordGateway.Intents);
    }

    [Fact]
    public async Task Heartbeat_SendsLastSequence_AndMissedAckReconnectsWithNon1000CloseAndResumes()
    {
        var (connection, _) = await ConnectAndReadyAsync();
        await connection.SendAsync(new { op = 0, s = 5, t = "GUILD_CREATE", d = new { id = "9" } });

        // Discord may ask for a beat at once (op 1); it carries the last sequence.
        await connection.SendAsync(new { op = 1, d = (object?)null });
        var beat = await connection.ReceiveAsync(1);
        _clock.Advance(TimeSpan.FromMilliseconds(Interval));
        await connection.ReceiveAsync(1);
        // No ACK for that beat: the next one finds the connection dead.
        _clock.Advance(TimeSpan.FromMilliseconds(Interval));
        var closed = await connection.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await _gateway.NextConnectionAsync(Tick);
        await next.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
        var resume = await next.ReceiveAsync(6);

        beat.GetProperty("d").GetInt64().Should().Be(5);
        closed.Should().NotBeNull().And.NotBe(WebSocketCloseStatus.NormalClosure);
        next.Path.Should().StartWith("/resume");
        resume.GetProperty("d").GetProperty("session_id").GetString().Should().Be("sess-1");
        resume.GetProperty("d").GetProperty("seq").GetInt64().Should().Be(5);
    }

    [Fact]
    public async Task Op7Reconnect_ResumesOnTheResumeUrl()
    {
        var (connection, _) = await ConnectAndReadyAsync();
        await connection.SendAsync(new { op = 0, s = 2, t = "GUILD_CREATE", d = new { id = "9" } });

        await connection.SendAsync(new { op = 7, d = (object?)null });
        var closed = await connection.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await _gateway.NextConnectionAsync(Tick);
        await next.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
        var resume = await next.ReceiveAsync(6);
        await next.SendAsync(new { op = 0, s = 3, t = "RESUMED", d = new { } });

        closed.Should().NotBe(WebSocketCloseStatus.NormalClosure);
        next.Path.Should().Be("/resume?v=10&encoding=json");
        resume.GetProperty("d").GetProperty("seq").GetInt64().Should().Be(2);
        Shard0.Identifies.Should().Be(1);
    }

    [Fact]
    public async Task Op9NotResumable_IdentifiesAnewOnTheBaseUrl()
    {
        var (connection, _) = await ConnectAndReadyAsync();

        await connection.SendAsync(new { op = 9, d = false });
        var next = await _gateway.NextConnectionAsync(Tick);
        await next.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
        var identify = await next.ReceiveAsync(2);

        next.Path.Should().Be("/?v=10&encoding=json");
        identify.GetProperty("d").GetProperty("token").GetString().Should().Be("test-bot-token");
        Shard0.Identifies.Should().Be(2);
    }

    [Fact]
    public async Task ResumeFailingRepeatedly_FallsBackToIdentify()
    {
        var (connection, _) = await ConnectAndReadyAsync();
        await connection.CloseAsync(4000);

        for (var attempt = 0; attempt < DiscordGateway.MaxFailedResumes; attempt++)
        {
            var retry = await _gateway.NextConnectionAsync(Tick);
            await retry.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
            await retry.ReceiveAsync(6);
            await retry.CloseAsync(4000);
        }

        var last = await _gateway.NextConnectionAsync(Tick);
        await last.SendAsync(new { op = 10, d = new { heartbeat_interval = Interval } });
        var identify = await last.ReceiveAsync(2);

        identify.GetProperty("op").GetInt32().Should().Be(2);
        last.Path.Should().Be("/?v=10&encoding=json");
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4014)]
    public async Task FatalCloseCode_StopsTheAdapter_AndDoesNotReconnect(int code)
    {
        var (connection, _) = await ConnectAndReadyAsync();
        var loop = _host.App.Services.GetRequiredService<DiscordShards>().Running[0].ExecuteTask!;

        await connection.CloseAsync(code);

        // The shard's run loop ending is the signal: once it has returned, nothing is left that could reconnect.
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        Status.IsRunning.Should().BeFalse();
        Status.Problem.Should().Contain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _gateway.ConnectionCount.Should().Be(1);
        var health = JsonDocument.Parse(await (await _host.Http.GetAsync("/healthz")).Content.ReadAsStringAsync()).RootElement;
        health.GetProperty("status").GetString().Should().Be("degraded");
    }

    [Fact]
    public async Task InteractionCreate_IsAnsweredThroughTheCallbackRoute()
    {
        var (connection, _) = await ConnectAndReadyAsync();
        var interaction = JsonDocument.Parse(DiscordTestHost.Command("330000000000000001", "help")).RootElement;

        await connection.SendAsync(new { op = 0, s = 2, t = "INTERACTION_CREATE", d = interaction });
        var callback = await _rest.WaitForAsync(c => c.Path.StartsWith("/interactions/", StringComparison.Ordinal));

        callback.Method.Should().Be("POST");
        callback.Path.Should().Be("/interactions/330000000000000001/tok-330000000000000001/callback");
        callback.Json.GetProperty("type").GetInt32().Should().Be(4);
        callback.Json.GetProperty("data").GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
    }
}
