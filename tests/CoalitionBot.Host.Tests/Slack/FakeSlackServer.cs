using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Host.Tests.Slack;

/// <summary>A request the fake Slack received: the Web API method (or <c>response/{id}</c>), headers and body.</summary>
internal sealed record SlackCall(string Method, string? Authorization, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>Bytes posted to an upload URL: the file id, the Authorization header (must be empty), the media type and the bytes.</summary>
internal sealed record SlackUpload(string FileId, string Authorization, string? ContentType, byte[] Content);

/// <summary>A local stand-in for slack.com on 127.0.0.1: Web API methods, response URLs and Socket Mode WebSockets; records everything and follows a script of errors and 429s.</summary>
internal sealed class FakeSlackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Json, int? RetryAfter)>> _script = new();
    private readonly ConcurrentBag<FakeSocket> _allSockets = [];
    private int _socketNumber;
    private int _refuseUploads;
    private int _fileNumber;

    private FakeSlackServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiUrl => new(BaseUrl, "api/");

    public ConcurrentQueue<SlackCall> Calls { get; } = new();

    /// <summary>Bytes posted to the upload URLs that <c>files.getUploadURLExternal</c> handed out.</summary>
    public ConcurrentQueue<SlackUpload> Uploads { get; } = new();

    /// <summary>The next upload of bytes is refused with HTTP 500.</summary>
    public void RefuseNextUpload() => Interlocked.Exchange(ref _refuseUploads, 1);

    /// <summary>Socket Mode connections in the order they were accepted.</summary>
    public Channel<FakeSocket> Sockets { get; } = Channel.CreateUnbounded<FakeSocket>();

    /// <summary>"open 1", "close 1", … in the order they happened.</summary>
    public ConcurrentQueue<string> SocketLog { get; } = new();

    public Uri ResponseUrl(string id) => new(BaseUrl, "response/" + id);

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSlackServer(app);
        app.UseWebSockets();
        app.MapMethods("/api/{method}", ["GET", "POST"], server.ApiAsync);
        app.MapPost("/response/{id}", async (HttpContext http, string id) =>
        {
            server.Calls.Enqueue(new SlackCall("response/" + id, null, http.Request.ContentType, await new StreamReader(http.Request.Body).ReadToEndAsync()));
            return Results.Text("ok");
        });
        app.MapPost("/upload/{id}", async (HttpContext http, string id) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            server.Uploads.Enqueue(new SlackUpload(id, http.Request.Headers.Authorization.ToString(), http.Request.ContentType, buffer.ToArray()));
            return Interlocked.Exchange(ref server._refuseUploads, 0) == 1 ? Results.StatusCode(500) : Results.Text($"OK - {buffer.Length}");
        });
        app.Map("/socket", server.SocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The next call of <paramref name="method"/> gets this answer instead of the default one.</summary>
    public void Then(string method, int status, string json, int? retryAfter = null) =>
        _script.GetOrAdd(method, _ => new()).Enqueue((status, json, retryAfter));

    public IReadOnlyList<SlackCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Waits (bounded) until <paramref name="count"/> calls of <paramref name="method"/> arrived.</summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(string method, int count = 1)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (CallsOf(method).Count < count)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), $"{count} call(s) of {method} should arrive");
            await Task.Delay(20);
        }

        return CallsOf(method);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _allSockets)
        {
            socket.Thaw();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ApiAsync(HttpContext http, string method)
    {
        var body = HttpMethods.IsGet(http.Request.Method) ? http.Request.QueryString.Value ?? string.Empty : await new StreamReader(http.Request.Body).ReadToEndAsync();
        Calls.Enqueue(new SlackCall(method, http.Request.Headers.Authorization.ToString(), http.Request.ContentType, body));
        if (_script.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Text(scripted.Json, "application/json", statusCode: scripted.Status);
        }

        var json = method switch
        {
            "apps.connections.open" => $$"""{"ok":true,"url":"ws://{{BaseUrl.Authority}}/socket?ticket={{Interlocked.Increment(ref _socketNumber)}}"}""",
            "users.info" => """{"ok":true,"user":{"id":"U1","locale":"en-US","profile":{"display_name":"Ana"}}}""",
            "conversations.open" => """{"ok":true,"channel":{"id":"D100"}}""",
            "files.getUploadURLExternal" => Upload(),
            "files.completeUploadExternal" => """{"ok":true,"files":[{"id":"F1","title":"picture"}]}""",
            _ => """{"ok":true,"channel":"C1","ts":"1700000000.000100"}""",
        };
        return Results.Text(json, "application/json");
    }

    private string Upload()
    {
        var id = "F" + Interlocked.Increment(ref _fileNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $$"""{"ok":true,"upload_url":"{{BaseUrl}}upload/{{id}}","file_id":"{{id}}"}""";
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        var ticket = http.Request.Query["ticket"].ToString();
        using var webSocket = await http.WebSockets.AcceptWebSocketAsync();
        SocketLog.Enqueue("open " + ticket);
        var socket = new FakeSocket(webSocket, ticket);
        _allSockets.Add(socket);
        await Sockets.Writer.WriteAsync(socket);
        await socket.RunAsync();
        SocketLog.Enqueue("close " + ticket);
    }
}

/// <summary>The server end of one Socket Mode connection: the test sends frames and reads what the bot sent.</summary>
internal sealed class FakeSocket(WebSocket socket, string ticket)
{
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _thawed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _frozen;

    public string Ticket => ticket;

    public Task SendAsync(string json) => SendCoreAsync(json);

    /// <summary>After the next frame from the bot, stop reading: the server goes silent and answers no more pings.</summary>
    public void FreezeAfterNextFrame() => _frozen = true;

    /// <summary>Lets a frozen socket read again (on shutdown).</summary>
    public void Thaw() => _thawed.TrySetResult();

    /// <summary>The next frame the bot sent, or null when it closed the socket; fails after 10 s.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads until the bot closes (which also keeps answering its pings).</summary>
    public async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }

                _received.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                if (_frozen)
                {
                    await _thawed.Task.WaitAsync(TimeSpan.FromSeconds(20));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    // Only the test sends, one frame at a time.
    private Task SendCoreAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
}
