using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoalitionBot.Adapters.Edge;

namespace CoalitionBot.Adapters.Discord;

/// <summary>One shard's Discord Gateway v10 connection on ClientWebSocket, for hosting without a public URL: interactions arrive as
/// INTERACTION_CREATE. <see cref="DiscordShards"/> decides which shards this instance runs and starts one of these for each.</summary>
/// <remarks>
/// Identifies, heartbeats at the given interval (first beat jittered) and treats a missed ACK as a dead connection; keeps the
/// sequence and resumes on <c>resume_gateway_url</c> after a drop, op 7 or a resumable op 9; re-identifies after op 9
/// (not resumable, after 1–5 s) or three failed resumes; backs off with jitter. Close codes 4004 and 4010–4014 stop the
/// adapter (reported in <c>/healthz</c>). It closes with 4000 when it means to resume, 1000 only on shutdown. Every identify (not a
/// resume) waits for its turn at the <see cref="DiscordIdentifyGate"/>, which keeps to Discord's <c>max_concurrency</c> across instances.
/// </remarks>
public sealed partial class DiscordGateway(
    GatewayShard shard,
    DiscordIdentifyGate identifyGate,
    DiscordInteractions interactions,
    DiscordAdapterStatus status,
    BackgroundWork background,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordGateway> logger) : BackgroundService
{
    /// <summary>GUILDS only: interactions need no intent, and nothing privileged is asked for.</summary>
    public const int Intents = 1 << 0;

    /// <summary>Resumes that may fail in a row before the session is dropped and the bot identifies again.</summary>
    public const int MaxFailedResumes = 3;

    private const WebSocketCloseStatus Reconnecting = (WebSocketCloseStatus)4000;
    private static readonly int[] FatalCodes = [4004, 4010, 4011, 4012, 4013, 4014];

    private readonly DiscordOptions _options = options.Value;
    private string? _sessionId;
    private Uri? _resumeUrl;
    private long? _sequence;
    private int _failedResumes;

    /// <summary>Identify (op 2) payloads sent, for tests and logs.</summary>
    public int Identifies { get; private set; }

    /// <summary>Which shard this connection is.</summary>
    public GatewayShard Shard => shard;

    /// <summary>Where the connection is: <c>waiting to identify</c>, <c>connecting</c>, <c>ready</c>, <c>reconnecting</c> or <c>stopped</c> (for <c>/healthz</c>).</summary>
    public string State { get; private set; } = "connecting";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var baseUrl = shard.Url;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resuming = _sessionId is not null && _resumeUrl is not null;
            ConnectionEnd end;
            try
            {
                if (!resuming)
                {
                    State = "waiting to identify";
                    await identifyGate.WaitTurnAsync(shard.Id, stoppingToken);
                }

                State = "connecting";
                end = await RunConnectionAsync(WithQuery(resuming ? _resumeUrl! : baseUrl), resuming, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let one bad connection take the host down: log it and reconnect with backoff.
                Log.Unexpected(logger, ex);
                end = new ConnectionEnd(EndKind.Resume, null, "unexpected failure: " + ex.GetBaseException().Message, false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                end = new ConnectionEnd(EndKind.Shutdown, null, "shutdown", false);
            }

            switch (end.Kind)
            {
                case EndKind.Shutdown:
                    State = "stopped";
                    return;
                case EndKind.Fatal:
                    var problem = $"Discord closed the Gateway with {end.Code} ({end.Reason}); the adapter stopped. Check the bot token, intents and shard count, then restart.";
                    Log.Fatal(logger, end.Code ?? 0, end.Reason);
                    State = "stopped";
                    status.Stop(problem);
                    return;
                case EndKind.Reidentify:
                    DropSession();
                    Log.Reconnecting(logger, "new session", end.Reason);
                    await DelayAsync(TimeSpan.FromMilliseconds(1000 + (Random.Shared.NextDouble() * 4000)), stoppingToken);
                    continue;
            }

            if (resuming && !end.Ready)
            {
                if (++_failedResumes >= MaxFailedResumes)
                {
                    Log.ResumeGaveUp(logger, _failedResumes);
                    DropSession();
                }
            }

            failures = end.Ready ? 0 : failures + 1;
            State = "reconnecting";
            Log.Reconnecting(logger, _sessionId is null ? "identify" : "resume", end.Reason);
            await DelayAsync(failures == 0 ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 1000) : Backoff(failures), stoppingToken);
        }
    }

    private async Task<ConnectionEnd> RunConnectionAsync(Uri url, bool resuming, CancellationToken stoppingToken)
    {
        using var socket = new ClientWebSocket();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var state = new ConnectionState(socket, connection);
        if (await ConnectAsync(socket, url, stoppingToken) is { } failed)
        {
            return failed;
        }

        try
        {
            while (true)
            {
                using var message = await ReceiveAsync(socket, connection.Token);
                if (message is null)
                {
                    return ClosedByDiscord(socket, state.Ready);
                }

                if (await HandleOpAsync(message.RootElement, state, resuming) is { } end)
                {
                    return end;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await CloseAsync(state, WebSocketCloseStatus.NormalClosure);
            return new ConnectionEnd(EndKind.Shutdown, null, "shutdown", state.Ready);
        }
        catch (OperationCanceledException) when (state.Zombie)
        {
            return new ConnectionEnd(EndKind.Resume, null, "no heartbeat ACK (zombie connection)", state.Ready);
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await CloseAsync(state, Reconnecting);
            return new ConnectionEnd(EndKind.Resume, null, "connection failed: " + ex.GetBaseException().Message, state.Ready);
        }
        finally
        {
            await connection.CancelAsync();
            if (state.Heartbeat is not null)
            {
                await state.Heartbeat;
            }
        }
    }

    /// <summary>Opens the socket within 30 seconds; null when connected, otherwise how the connection ended.</summary>
    private async Task<ConnectionEnd?> ConnectAsync(ClientWebSocket socket, Uri url, CancellationToken stoppingToken)
    {
        try
        {
            using var connectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(connectTimeout.Token, stoppingToken);
            await socket.ConnectAsync(url, connecting.Token);
            return null;
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            return new ConnectionEnd(EndKind.Resume, null, "connect failed: " + ex.GetBaseException().Message, false);
        }
        catch (OperationCanceledException)
        {
            return new ConnectionEnd(EndKind.Shutdown, null, "shutdown", false);
        }
    }

    /// <summary>How a socket that Discord closed ends: fatal codes stop the adapter, 4007 and 4009 need a new session, the rest resume.</summary>
    private static ConnectionEnd ClosedByDiscord(ClientWebSocket socket, bool ready)
    {
        var code = (int?)socket.CloseStatus;
        var reason = socket.CloseStatusDescription ?? "closed";
        if (code is { } c && FatalCodes.Contains(c))
        {
            return new ConnectionEnd(EndKind.Fatal, c, reason, ready);
        }

        return new ConnectionEnd(code is 4007 or 4009 ? EndKind.Reidentify : EndKind.Resume, code, $"closed by Discord ({code}: {reason})", ready);
    }

    /// <summary>Acts on one Gateway payload by its opcode; null while the connection goes on, otherwise how it ended.</summary>
    private async Task<ConnectionEnd?> HandleOpAsync(JsonElement root, ConnectionState state, bool resuming)
    {
        var token = state.Connection.Token;
        var op = root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.Number && o.TryGetInt32(out var n) ? n : -1;
        switch (op)
        {
            case 10:
                var interval = TimeSpan.FromMilliseconds(root.GetProperty("d").GetProperty("heartbeat_interval").GetDouble());
                state.Acked = true;
                state.Heartbeat = HeartbeatAsync(state, interval);
                await SendAsync(state, resuming ? Resume() : Identify(), token);
                break;
            case 11:
                state.Acked = true;
                break;
            case 1:
                await SendAsync(state, Heartbeat(), token);
                break;
            case 0:
                Dispatch(root, state);
                break;
            case 7:
                await CloseAsync(state, Reconnecting);
                return new ConnectionEnd(EndKind.Resume, null, "Discord asked to reconnect (op 7)", state.Ready);
            case 9:
                var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                await CloseAsync(state, Reconnecting);
                return new ConnectionEnd(resumable ? EndKind.Resume : EndKind.Reidentify, null, $"invalid session (op 9, resumable: {resumable})", state.Ready);
        }

        return null;
    }

    private void Dispatch(JsonElement root, ConnectionState state)
    {
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sequence))
        {
            _sequence = sequence;
        }

        var type = root.TryGetProperty("t", out var t) ? t.GetString() : null;
        var data = root.TryGetProperty("d", out var d) ? d : default;
        switch (type)
        {
            case "READY":
                _sessionId = data.GetProperty("session_id").GetString();
                _resumeUrl = Uri.TryCreate(data.TryGetProperty("resume_gateway_url", out var r) ? r.GetString() : null, UriKind.Absolute, out var resume) ? resume : null;
                MarkReady(state);
                Log.Ready(logger);
                break;
            case "RESUMED":
                MarkReady(state);
                Log.Resumed(logger);
                break;
            case "INTERACTION_CREATE":
                var interaction = data.Clone();
                background.Run(ct => interactions.HandleGatewayAsync(interaction, ct));
                break;
        }
    }

    private void MarkReady(ConnectionState state)
    {
        state.Ready = true;
        _failedResumes = 0;
        State = "ready";
    }

    private async Task HeartbeatAsync(ConnectionState state, TimeSpan interval)
    {
        var token = state.Connection.Token;
        try
        {
            // The next beat's timer exists before this beat is sent, so a fake clock can move past it safely.
            var next = Task.Delay(interval * Random.Shared.NextDouble(), clock, token);
            while (true)
            {
                await next;
                if (!state.Acked)
                {
                    state.Zombie = true;
                    Log.Zombie(logger);
                    await CloseAsync(state, Reconnecting);
                    await state.Connection.CancelAsync();
                    return;
                }

                state.Acked = false;
                next = Task.Delay(interval, clock, token);
                await SendAsync(state, Heartbeat(), token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop decides what comes next.
        }
    }

    private JsonObject Identify()
    {
        Identifies++;
        return new JsonObject
        {
            ["op"] = 2,
            ["d"] = new JsonObject
            {
                ["token"] = _options.BotToken,
                ["intents"] = Intents,
                ["shard"] = new JsonArray(shard.Id, shard.Count),
                ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "coalitionbot", ["device"] = "coalitionbot" },
            },
        };
    }

    private JsonObject Resume() => new()
    {
        ["op"] = 6,
        ["d"] = new JsonObject { ["token"] = _options.BotToken, ["session_id"] = _sessionId, ["seq"] = _sequence },
    };

    private JsonObject Heartbeat() => new() { ["op"] = 1, ["d"] = _sequence };

    private void DropSession()
    {
        _sessionId = null;
        _resumeUrl = null;
        _sequence = null;
        _failedResumes = 0;
    }

    private static async Task SendAsync(ConnectionState state, JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await state.SendLock.WaitAsync(cancellationToken);
        try
        {
            await state.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            state.SendLock.Release();
        }
    }

    private static async Task CloseAsync(ConnectionState state, WebSocketCloseStatus code)
    {
        if (state.Socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await state.SendLock.WaitAsync(timeout.Token);
            try
            {
                await state.Socket.CloseOutputAsync(code, code == WebSocketCloseStatus.NormalClosure ? "shutdown" : "reconnect", timeout.Token);
            }
            finally
            {
                state.SendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a dying socket may fail; disposing it is enough.
        }
    }

    private static async Task<JsonDocument?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.WrittenMemory);
            }
        }
    }

    // Ends early, without throwing, when the token is cancelled: the caller's loop then sees the token and stops.
    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(60_000, 1000 * Math.Pow(2, Math.Min(failures, 6))) * (0.5 + (Random.Shared.NextDouble() / 2)));

    private static Uri WithQuery(Uri url)
    {
        if (url.Query.Contains("v=", StringComparison.Ordinal))
        {
            return url;
        }

        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private enum EndKind
    {
        Resume,
        Reidentify,
        Fatal,
        Shutdown,
    }

    private sealed record ConnectionEnd(EndKind Kind, int? Code, string Reason, bool Ready);

    private sealed class ConnectionState(ClientWebSocket socket, CancellationTokenSource connection)
    {
        public ClientWebSocket Socket { get; } = socket;

        public CancellationTokenSource Connection { get; } = connection;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public volatile bool Acked;

        public volatile bool Zombie;

        public volatile bool Ready;

        /// <summary>The heartbeat loop, once Discord said hello.</summary>
        public Task? Heartbeat;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "Discord Gateway ready")]
        public static partial void Ready(ILogger logger);

        [LoggerMessage(EventId = 152, Level = LogLevel.Information, Message = "Discord Gateway session resumed")]
        public static partial void Resumed(ILogger logger);

        [LoggerMessage(EventId = 153, Level = LogLevel.Warning, Message = "Discord Gateway: no heartbeat ACK; reconnecting")]
        public static partial void Zombie(ILogger logger);

        [LoggerMessage(EventId = 154, Level = LogLevel.Information, Message = "Discord Gateway reconnecting ({Next}): {Reason}")]
        public static partial void Reconnecting(ILogger logger, string next, string reason);

        [LoggerMessage(EventId = 155, Level = LogLevel.Warning, Message = "Discord Gateway: {Count} resumes failed; identifying anew")]
        public static partial void ResumeGaveUp(ILogger logger, int count);

        [LoggerMessage(EventId = 157, Level = LogLevel.Error, Message = "Discord Gateway connection failed unexpectedly")]
        public static partial void Unexpected(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 156, Level = LogLevel.Critical, Message = "Discord Gateway closed with {Code} ({Reason}): the Discord adapter stopped and will not reconnect. Fix the token or intents and restart.")]
        public static partial void Fatal(ILogger logger, int code, string reason);
    }
}
