using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>A call the fake Discord REST server received; for <c>multipart/form-data</c>, the body is the <c>payload_json</c> part and the files are kept apart.</summary>
public sealed record RecordedCall(string Method, string Path, string? Authorization, string? UserAgent, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ContentType { get; init; }

    /// <summary>The form parts that are files, in order.</summary>
    public IReadOnlyList<RecordedFile> Files { get; init; } = [];

    /// <summary>The names of all form parts, in order (<c>payload_json</c>, <c>files[0]</c>…).</summary>
    public IReadOnlyList<string> PartNames { get; init; } = [];
}

/// <summary>One uploaded file: its form field name, file name, media type and bytes.</summary>
public sealed record RecordedFile(string Name, string FileName, string? ContentType, byte[] Content);

/// <summary>A local stand-in for Discord's REST API on 127.0.0.1: records every call, answers with rate-limit headers, can answer 429 on demand,
/// and, like Discord, creates a channel message once per <c>nonce</c> sent with <c>enforce_nonce: true</c> (a repeat gets the first message back).</summary>
public sealed class FakeDiscordRest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<RecordedCall> _created = new();
    private readonly ConcurrentDictionary<string, long> _nonces = new(StringComparer.Ordinal);
    private long _nextMessageId = 800000000000000100;
    private readonly Channel<bool> _createdSignal = Channel.CreateUnbounded<bool>();
    private int _duplicates;
    private readonly Channel<RecordedCall> _arrivals = Channel.CreateUnbounded<RecordedCall>();
    private int _pending429;
    private int _createdCount;
    private int _holdAt;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDiscordRest(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedCall> Calls => _calls.ToList();

    /// <summary>The shard count <c>GET /gateway/bot</c> recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>The <c>session_start_limit.max_concurrency</c> of <c>GET /gateway/bot</c>.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The gateway URL returned by <c>GET /gateway/bot</c>.</summary>
    public string GatewayUrl { get; set; } = "ws://127.0.0.1:1/";

    /// <summary>Channel messages actually created (a POST whose enforced nonce was seen before creates none).</summary>
    public IReadOnlyList<RecordedCall> Created => _created.ToList();

    /// <summary>Drops every recorded call, so a long run (the endpoint fuzzer) measures the bot's memory, not the fake's records.</summary>
    public void Forget()
    {
        _calls.Clear();
        _created.Clear();
        while (_arrivals.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>POSTs that repeated an enforced nonce and were absorbed.</summary>
    public int DuplicatePosts => Volatile.Read(ref _duplicates);

    /// <summary>
    /// Holds open the answer to the <paramref name="number"/>th channel message created: the message exists, but the bot has
    /// not heard so. The task completes once that message is created and its answer is being held; <see cref="ReleaseHeld"/>
    /// lets the answer go (a client that went away in the meantime gets nothing).
    /// </summary>
    public Task HoldAnswerToCreated(int number)
    {
        Volatile.Write(ref _holdAt, number);
        return _held.Task;
    }

    /// <summary>Lets a held answer go.</summary>
    public void ReleaseHeld() => _release.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> messages were created (bounded).</summary>
    public async Task WaitForCreatedAsync(int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (_created.Count < count)
        {
            try
            {
                await _createdSignal.Reader.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {_created.Count} of {count} messages were created within {timeout}.");
            }
        }
    }

    /// <summary>The next N channel messages get 429 with this retry_after (seconds).</summary>
    public void Answer429(int count) => Interlocked.Exchange(ref _pending429, count);

    public static async Task<FakeDiscordRest> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscordRest(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First() + "/api/v10/");
        return fake;
    }

    /// <summary>Waits for the next call matching the filter (bounded).</summary>
    public async Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var existing = _calls.FirstOrDefault(match);
        if (existing is not null)
        {
            return existing;
        }

        while (true)
        {
            var call = await _arrivals.Reader.ReadAsync(cancel.Token);
            if (match(call))
            {
                return call;
            }
        }
    }

    /// <summary>Requests with files get <c>413 Request entity too large</c> (code 40005), as Discord answers an upload over the limit.</summary>
    public bool RefuseFiles { get; set; }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value!.Replace("/api/v10", string.Empty, StringComparison.Ordinal);
        var call = await ReadAsync(http, path);
        _calls.Enqueue(call);
        _arrivals.Writer.TryWrite(call);

        http.Response.ContentType = "application/json";
        if (call.Files.Count > 0 && RefuseFiles)
        {
            http.Response.StatusCode = 413;
            await http.Response.WriteAsync("""{"message":"Request entity too large","code":40005}""");
            return;
        }
        if (path == "/gateway/bot")
        {
            await http.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                url = GatewayUrl,
                shards = RecommendedShards,
                session_start_limit = new { total = 1000, remaining = 1000, reset_after = 0, max_concurrency = MaxConcurrency },
            }));
            return;
        }

        if (path == "/users/@me/channels")
        {
            await http.Response.WriteAsync("""{"id":"700000000000000077","type":1}""");
            return;
        }

        if (path.StartsWith("/channels/", StringComparison.Ordinal))
        {
            if (Interlocked.Decrement(ref _pending429) >= 0)
            {
                http.Response.StatusCode = 429;
                http.Response.Headers["Retry-After"] = "1";
                await http.Response.WriteAsync("""{"message":"You are being rate limited.","retry_after":0.05,"global":false}""");
                return;
            }

            http.Response.Headers["X-RateLimit-Limit"] = "5";
            http.Response.Headers["X-RateLimit-Remaining"] = "4";
            http.Response.Headers["X-RateLimit-Reset-After"] = "0.010";
            http.Response.Headers["X-RateLimit-Bucket"] = "channel-messages";
            if (path.Contains("/700000000000000099/", StringComparison.Ordinal))
            {
                http.Response.StatusCode = 403;
                await http.Response.WriteAsync("""{"message":"Cannot send messages to this user","code":50007}""");
                return;
            }

            if (http.Request.Method == "POST" && path.EndsWith("/messages", StringComparison.Ordinal))
            {
                var (messageId, number) = Create(call);
                if (number > 0 && number == Volatile.Read(ref _holdAt))
                {
                    _held.TrySetResult();
                    try
                    {
                        await _release.Task.WaitAsync(http.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                await http.Response.WriteAsync($$"""{"id":"{{messageId}}"}""");
                return;
            }

            await http.Response.WriteAsync("""{"id":"800000000000000001"}""");
            return;
        }

        if (http.Request.Method == "PUT")
        {
            await http.Response.WriteAsync(call.Body);
            return;
        }

        if (path.StartsWith("/interactions/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = 204;
            return;
        }

        await http.Response.WriteAsync("""{"id":"800000000000000002"}""");
    }

    private static async Task<RecordedCall> ReadAsync(HttpContext http, string path)
    {
        var contentType = http.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            return new RecordedCall(http.Request.Method, path, http.Request.Headers.Authorization, http.Request.Headers.UserAgent, await reader.ReadToEndAsync()) { ContentType = contentType };
        }

        // Read the form as Discord would: payload_json plus files[n] parts.
        var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var multipart = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, http.Request.Body);
        var payload = string.Empty;
        var files = new List<RecordedFile>();
        var names = new List<string>();
        while (await multipart.ReadNextSectionAsync() is { } section)
        {
            var disposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var name = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.Name).Value!;
            names.Add(name);
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                var fileName = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? disposition.FileNameStar.Value!;
                files.Add(new RecordedFile(name, fileName, section.ContentType, buffer.ToArray()));
            }
            else if (name == "payload_json")
            {
                payload = Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        return new RecordedCall(http.Request.Method, path, http.Request.Headers.Authorization, http.Request.Headers.UserAgent, payload)
        {
            ContentType = contentType,
            Files = files,
            PartNames = names,
        };
    }

    /// <summary>Creates the message unless its enforced nonce was seen: its id, and how many messages exist with it (0 for a repeat).</summary>
    private (long Id, int Number) Create(RecordedCall call)
    {
        string? nonce = null;
        try
        {
            var json = call.Json;
            if (json.TryGetProperty("enforce_nonce", out var enforce) && enforce.ValueKind == JsonValueKind.True
                && json.TryGetProperty("nonce", out var value) && value.ValueKind == JsonValueKind.String)
            {
                nonce = value.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: created without de-duplication.
        }

        var id = Interlocked.Increment(ref _nextMessageId);
        if (nonce is not null)
        {
            var first = _nonces.GetOrAdd(nonce, id);
            if (first != id)
            {
                Interlocked.Increment(ref _duplicates);
                return (first, 0);
            }
        }

        _created.Enqueue(call);
        _createdSignal.Writer.TryWrite(true);
        return (id, Interlocked.Increment(ref _createdCount));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One client connection to the fake gateway: what it sent, and a way to talk back.</summary>
public sealed class GatewayConnection(WebSocket socket, string path)
{
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();

    public string Path { get; } = path;

    public TaskCompletionSource<WebSocketCloseStatus?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SendAsync(object payload) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(payload), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task CloseAsync(int code) => socket.CloseOutputAsync((WebSocketCloseStatus)code, "test", CancellationToken.None);

    /// <summary>The next payload the client sent with this op (others are skipped), bounded in time.</summary>
    public async Task<JsonElement> ReceiveAsync(int op)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var payload = await _received.Reader.ReadAsync(cancel.Token);
            if (payload.GetProperty("op").GetInt32() == op)
            {
                return payload;
            }
        }
    }

    internal async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Closed.TrySetResult(result.CloseStatus);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return;
                }

                _received.Writer.TryWrite(JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away without a close frame (aborted, disposed, or the server is stopping): that is closed too.
            Closed.TrySetResult(null);
        }
    }
}

/// <summary>A local stand-in for Discord's Gateway: accepts WebSocket connections on 127.0.0.1 and hands each to the test.</summary>
public sealed class FakeGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<GatewayConnection> _connections = Channel.CreateUnbounded<GatewayConnection>();
    private int _count;

    private FakeGateway(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int ConnectionCount => Volatile.Read(ref _count);

    public static async Task<FakeGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGateway(app);
        app.UseWebSockets();
        app.Run(async http =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                http.Response.StatusCode = 400;
                return;
            }

            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var connection = new GatewayConnection(socket, http.Request.Path + http.Request.QueryString);
            Interlocked.Increment(ref fake._count);
            fake._connections.Writer.TryWrite(connection);
            await connection.PumpAsync();
        });
        await app.StartAsync();
        fake.Url = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/");
        return fake;
    }

    /// <summary>The next connection the client opens, bounded in time.</summary>
    public async Task<GatewayConnection> NextConnectionAsync(Func<Task>? whileWaiting = null)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var next = _connections.Reader.ReadAsync(cancel.Token).AsTask();
        while (whileWaiting is not null && !next.IsCompleted)
        {
            await whileWaiting();
            await Task.WhenAny(next, Task.Delay(20));
        }

        return await next;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
