using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Socket Mode: keeps a WebSocket to Slack open (no public URL needed), acknowledges every envelope by id, and reconnects on refresh, loss or silence.</summary>
/// <remarks>
/// A <c>disconnect</c> asking for a refresh opens the replacement before the old socket is closed; <c>link_disabled</c> stops
/// and reports (no reconnect loop); <c>too_many_websockets</c> and failures back off exponentially with jitter.
/// A connection that does not say hello in time, or whose pongs stop, is replaced.
/// </remarks>
public sealed partial class SlackSocketModeClient(
    SlackApiClient api,
    SlackDispatcher dispatcher,
    SlackStatus status,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    /// <summary>The longest wait between reconnect attempts.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    /// <summary>The least wait after Slack said there are too many sockets.</summary>
    public static readonly TimeSpan TooManySocketsBackoff = TimeSpan.FromSeconds(30);

    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly SlackApiClient _api = api;
    private readonly SlackDispatcher _dispatcher = dispatcher;
    private readonly SlackStatus _status = status;
    private readonly SlackOptions _options = options.Value;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;
    private int _connections;

    /// <summary>How many sockets were opened so far (for health output and tests).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.EffectiveMode != SlackMode.SocketMode)
        {
            return;
        }

        await Task.Yield();
        var failures = 0;
        Connection? current = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    (current, var stopped) = await OpenOrStopAsync(stoppingToken);
                    if (stopped)
                    {
                        return;
                    }

                    if (current is null)
                    {
                        failures++;
                        await BackoffAsync(failures, TimeSpan.Zero, stoppingToken);
                        continue;
                    }
                }

                var outcome = await current.RunAsync(() =>
                {
                    failures = 0;
                    _status.Clear();
                }, stoppingToken);
                Log.Disconnected(_logger, outcome.ToString());
                if (outcome == Outcome.Refresh)
                {
                    var (next, stopped) = await ReplaceAsync(current, stoppingToken);
                    current = next;
                    if (stopped)
                    {
                        return;
                    }

                    continue;
                }

                await current.DisposeAsync();
                current = null;
                if (!await WaitBeforeReconnectAsync(outcome, ++failures, stoppingToken))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    /// <summary>Opens the replacement first, then lets the old socket go, so no envelope falls between; a fatal refusal is reported and the client stops.</summary>
    private async Task<(Connection? Connection, bool Stopped)> ReplaceAsync(Connection old, CancellationToken cancellationToken)
    {
        var (next, fatal) = await OpenAsync(cancellationToken);
        await old.DisposeAsync();
        if (fatal is not null)
        {
            _status.Stop(fatal);
            return (next, true);
        }

        return (next, false);
    }

    /// <summary>Opens a connection; a fatal refusal is logged and reported, and the client stops.</summary>
    private async Task<(Connection? Connection, bool Stopped)> OpenOrStopAsync(CancellationToken cancellationToken)
    {
        var (opened, fatal) = await OpenAsync(cancellationToken);
        if (fatal is not null)
        {
            Log.Stopped(_logger, fatal);
            _status.Stop(fatal);
            return (null, true);
        }

        return (opened, false);
    }

    /// <summary>Waits after a connection ended (lost, or refused for too many sockets) before the next one opens; false when the link was disabled and the client stops.</summary>
    private async Task<bool> WaitBeforeReconnectAsync(Outcome outcome, int failures, CancellationToken cancellationToken)
    {
        if (outcome == Outcome.LinkDisabled)
        {
            const string disabled = "Slack switched Socket Mode off for this app (link_disabled). Turn Socket Mode on in the app settings, or use HTTP mode, then restart the bot.";
            Log.Stopped(_logger, disabled);
            _status.Stop(disabled);
            return false;
        }

        if (outcome == Outcome.TooManySockets)
        {
            await BackoffAsync(failures, TooManySocketsBackoff, cancellationToken);
            return true;
        }

        _status.Report("Socket Mode connection lost; reconnecting.");
        // The first reconnect after a working connection is immediate; repeated failures back off.
        if (failures > 1)
        {
            await BackoffAsync(failures - 1, TimeSpan.Zero, cancellationToken);
        }

        return true;
    }

    /// <summary>Exponential backoff with jitter: a random wait between half and all of 1 s × 2^(failures−1), capped at <see cref="MaxBackoff"/>, and at least <paramref name="floor"/>.</summary>
    internal static TimeSpan Backoff(int failures, TimeSpan floor, double random)
    {
        var ceiling = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Clamp(failures - 1, 0, 16))));
        var wait = TimeSpan.FromSeconds(ceiling.TotalSeconds * (0.5 + (random / 2)));
        return wait < floor ? floor + TimeSpan.FromSeconds(floor.TotalSeconds * random / 2) : wait;
    }

    private Task BackoffAsync(int failures, TimeSpan floor, CancellationToken cancellationToken)
    {
        var wait = Backoff(failures, floor, Random.Shared.NextDouble());
        Log.Backoff(_logger, wait.TotalSeconds, failures);
        return Task.Delay(wait, _clock, cancellationToken);
    }

    /// <summary>Asks for a fresh socket URL and connects; a refused app token is fatal.</summary>
    private async Task<(Connection? Connection, string? Fatal)> OpenAsync(CancellationToken cancellationToken)
    {
        var result = await _api.OpenSocketAsync(cancellationToken);
        if (!result.Ok)
        {
            if (result.IsAuthFailure || result.Error is "not_configured")
            {
                return (null, $"Slack refused the app token for Socket Mode ({result.Error}): check CoalitionBot:Slack:AppToken (xapp-…, scope connections:write).");
            }

            _status.Report($"Could not open a Socket Mode connection ({result.Error}); retrying.");
            return (null, null);
        }

        if (!Uri.TryCreate(result.Get("url"), UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            _status.Report("Slack answered apps.connections.open without a WebSocket URL; retrying.");
            return (null, null);
        }

        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.SocketKeepAlive;
        socket.Options.KeepAliveTimeout = _options.SocketKeepAlive;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await socket.ConnectAsync(url, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            Log.ConnectFailed(_logger, ex.GetType().Name);
            socket.Dispose();
            _status.Report("Could not connect the Socket Mode WebSocket; retrying.");
            return (null, null);
        }

        Interlocked.Increment(ref _connections);
        return (new Connection(this, socket), null);
    }

    internal enum Outcome
    {
        Lost,
        Refresh,
        LinkDisabled,
        TooManySockets,
    }

    /// <summary>One WebSocket: reads frames, answers envelopes, and says why it ended.</summary>
    private sealed class Connection(SlackSocketModeClient owner, ClientWebSocket socket) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly CancellationTokenSource _stop = new();
        private volatile bool _hello;

        public async Task<Outcome> RunAsync(Action onHello, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            // Watchdog: a socket that never says hello is dropped and replaced.
            using var helloWatchdog = owner._clock.CreateTimer(
                _ =>
                {
                    if (!_hello)
                    {
                        Log.NoHello(owner._logger);
                        socket.Abort();
                    }
                },
                null,
                owner._options.SocketHelloTimeout,
                Timeout.InfiniteTimeSpan);
            try
            {
                while (true)
                {
                    var message = await ReceiveAsync(linked.Token);
                    if (message is null)
                    {
                        return Outcome.Lost;
                    }

                    JsonElement frame;
                    try
                    {
                        using var document = JsonDocument.Parse(message);
                        frame = document.RootElement.Clone();
                    }
                    catch (JsonException)
                    {
                        Log.BadFrame(owner._logger);
                        continue;
                    }

                    switch (SlackJson.String(frame, "type"))
                    {
                        case "hello":
                            _hello = true;
                            Log.Hello(owner._logger);
                            onHello();
                            continue;
                        case "disconnect":
                            return SlackJson.String(frame, "reason") switch
                            {
                                "link_disabled" => Outcome.LinkDisabled,
                                "too_many_websockets" => Outcome.TooManySockets,
                                _ => Outcome.Refresh,
                            };
                    }

                    if (SlackJson.String(frame, "envelope_id") is { } envelopeId)
                    {
                        _ = HandleEnvelopeAsync(envelopeId, frame, linked.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                return Outcome.Lost;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), owner._clock);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }

            socket.Dispose();
            _stop.Dispose();
            _sendLock.Dispose();
        }

        private async Task HandleEnvelopeAsync(string envelopeId, JsonElement frame, CancellationToken cancellationToken)
        {
            try
            {
                var payload = SlackJson.Object(frame, "payload");
                var acceptsPayload = frame.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True;
                var ack = new JsonObject { ["envelope_id"] = envelopeId };
                switch (SlackJson.String(frame, "type"))
                {
                    case "slash_commands":
                        var command = SlashCommand.FromJson(payload, out _);
                        var answer = command is null ? null : await owner._dispatcher.CommandAsync(command, cancellationToken);
                        if (answer is not null && acceptsPayload)
                        {
                            ack["payload"] = answer.ToJson();
                        }

                        await SendAsync(ack, cancellationToken);
                        if (answer is not null && !acceptsPayload && command?.ResponseUrl is not null)
                        {
                            await owner._dispatcher.DeliverAsync(command.ResponseUrl, answer);
                        }

                        break;
                    case "interactive":
                        await SendAsync(ack, cancellationToken);
                        if (SlackJson.String(payload, "type") == "block_actions" && BlockAction.FromJson(payload, out _) is { } action)
                        {
                            owner._dispatcher.Press(action);
                        }

                        break;
                    case "events_api":
                        // Handled in the background, and tracked before the ack goes: whoever sees the ack and waits for the
                        // dispatcher to be idle (shutdown, a test) also waits for this event.
                        owner._dispatcher.Event(payload);
                        await SendAsync(ack, cancellationToken);
                        break;
                    default:
                        await SendAsync(ack, cancellationToken);
                        break;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The socket went away before the ack; Slack redelivers un-acked envelopes on another connection.
                Log.AckLost(owner._logger, ex.GetType().Name);
            }
        }

        private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
        {
            using var message = new MemoryStream();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessageBytes)
                {
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return message.ToArray();
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
        public static partial void Hello(ILogger logger);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Slack Socket Mode connection ended: {Reason}")]
        public static partial void Disconnected(ILogger logger, string reason);

        [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Slack Socket Mode stopped: {Problem}")]
        public static partial void Stopped(ILogger logger, string problem);

        [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Slack Socket Mode: reconnecting in {Seconds:F1} s (attempt {Failures})")]
        public static partial void Backoff(ILogger logger, double seconds, int failures);

        [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Slack Socket Mode: WebSocket connect failed ({Kind})")]
        public static partial void ConnectFailed(ILogger logger, string kind);

        [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Slack Socket Mode: no hello in time; replacing the connection")]
        public static partial void NoHello(ILogger logger);

        [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Slack Socket Mode: ignored a frame that is not JSON")]
        public static partial void BadFrame(ILogger logger);

        [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Slack Socket Mode: an acknowledgement was lost ({Kind}); Slack will redeliver")]
        public static partial void AckLost(ILogger logger, string kind);
    }
}
