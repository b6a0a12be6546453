using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Replies;
using CoalitionBot.Adapters.Edge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CoalitionBot.Adapters.Slack;

/// <summary>The outcome of a Web API call: <c>ok</c> with the response body, or Slack's error code (expected failures are values, not exceptions).</summary>
/// <param name="Ok">True when Slack answered <c>"ok": true</c>.</param>
/// <param name="Error">Slack's error code (<c>channel_not_found</c>, <c>ratelimited</c>…), or <c>http_503</c>/<c>network_error</c>/<c>invalid_response</c> for transport failures.</param>
/// <param name="Body">The response body (a JSON object; empty object on transport failures).</param>
/// <param name="RetryAfter">For rate limits: when Slack said to try again.</param>
public sealed record SlackApiResult(bool Ok, string? Error, JsonElement Body, TimeSpan? RetryAfter = null)
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    private static readonly HashSet<string> RetryableErrors = new(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "network_error", "invalid_response",
    };

    private static readonly HashSet<string> AuthErrors = new(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type",
    };

    /// <summary>True when trying again later may succeed (rate limits, Slack or network trouble); false for errors a retry cannot fix.</summary>
    public bool IsRetryable => !Ok && Error is not null && (RetryableErrors.Contains(Error) || Error.StartsWith("http_5", StringComparison.Ordinal));

    /// <summary>True when the token itself was refused: the operator must fix the configuration.</summary>
    public bool IsAuthFailure => !Ok && Error is not null && AuthErrors.Contains(Error);

    public static SlackApiResult Failure(string error, TimeSpan? retryAfter = null) => new(false, error, Empty, retryAfter);

    /// <summary>A string property of the body (<c>ts</c>, <c>url</c>) or of an object in it (<c>channel.id</c>).</summary>
    public string? Get(string path)
    {
        var element = Body;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

/// <summary>
/// Slack's Web API over HttpClient: bearer token, JSON bodies for writes, <c>ok:false</c> as values, every call paced by
/// <see cref="SlackRateLimiter"/> (the method's tier per workspace, about one message per second per channel), and a 429's
/// <c>Retry-After</c> pausing that method for that workspace before the call is tried again. <c>team</c> names the
/// workspace a call is for (null: the bot token's own).
/// </summary>
public sealed partial class SlackApiClient(
    IHttpClientFactory httpFactory,
    IOptions<SlackOptions> options,
    SlackRateLimiter limiter,
    SlackStatus status,
    TimeProvider clock,
    ILogger<SlackApiClient> logger)
{
    public const string HttpClientName = "slack-api";

    /// <summary>How long to wait after a 429 without a usable <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait inside one call; a longer <c>Retry-After</c> is handed back to the caller (the outbox retries later).</summary>
    public static readonly TimeSpan MaxInlineWait = TimeSpan.FromSeconds(30);

    private const int MaxAttempts = 3;

    private readonly SlackOptions _options = options.Value;
    private readonly ResiliencePipeline<(SlackApiResult Result, TimeSpan? RetryIn)> _retry = PlatformRetry.Create<(SlackApiResult Result, TimeSpan? RetryIn)>(clock, MaxAttempts, a => a.RetryIn);

    /// <summary><c>chat.postMessage</c>, waiting for the channel's turn (about one message per second per channel).</summary>
    public Task<SlackApiResult> PostMessageAsync(string channel, SlackMessage message, CancellationToken cancellationToken, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        body["unfurl_links"] = false;
        return CallAsync("chat.postMessage", body, channel, cancellationToken, team);
    }

    /// <summary><c>chat.postEphemeral</c>: a message only <paramref name="user"/> sees in <paramref name="channel"/>.</summary>
    public Task<SlackApiResult> PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken cancellationToken, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        body["user"] = user;
        return CallAsync("chat.postEphemeral", body, channel, cancellationToken, team);
    }

    /// <summary><c>chat.update</c>: replaces the message <paramref name="ts"/> in <paramref name="channel"/>.</summary>
    public Task<SlackApiResult> UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToJson();
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, channel, cancellationToken, team);
    }

    /// <summary><c>conversations.open</c> with one user: the DM channel id is <c>channel.id</c>.</summary>
    public Task<SlackApiResult> OpenConversationAsync(string user, CancellationToken cancellationToken, string? team = null) =>
        CallAsync("conversations.open", new JsonObject { ["users"] = user, ["return_im"] = false }, null, cancellationToken, team);

    /// <summary><c>users.info</c> with <c>include_locale=true</c> (a read: GET with a query string, as the spec describes it).</summary>
    public Task<SlackApiResult> UsersInfoAsync(string user, CancellationToken cancellationToken, string? team = null) =>
        SendAsync($"users.info?user={Uri.EscapeDataString(user)}&include_locale=true", null, _options.BotToken, null, team, cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a one-time Socket Mode URL in <c>url</c>.</summary>
    public Task<SlackApiResult> OpenSocketAsync(CancellationToken cancellationToken) =>
        SendAsync("apps.connections.open", () => new FormUrlEncodedContent([]), _options.AppToken, null, null, cancellationToken);

    /// <summary>
    /// Shares an image in a channel (or DM) with Slack's upload flow: <c>files.getUploadURLExternal</c>, the bytes posted to
    /// the URL it gives, then <c>files.completeUploadExternal</c>. A refused step comes back as its error (<c>missing_scope</c>
    /// without <c>files:write</c>, <c>upload_failed</c> when the upload URL refused the bytes).
    /// </summary>
    public async Task<SlackApiResult> UploadFileAsync(string channel, ReplyAttachment file, CancellationToken cancellationToken, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var alt = file.AltTextWithin(1000);
        var start = await SendAsync(
            "files.getUploadURLExternal",
            () => new FormUrlEncodedContent([
                new("filename", file.FileName),
                new("length", file.Content.Length.ToString(CultureInfo.InvariantCulture)),
                new("alt_txt", alt),
            ]),
            _options.BotToken,
            null,
            team,
            cancellationToken);
        if (!start.Ok)
        {
            return start;
        }

        if (start.Get("file_id") is not { Length: > 0 } fileId
            || !Uri.TryCreate(start.Get("upload_url"), UriKind.Absolute, out var uploadUrl) || uploadUrl.Scheme is not ("https" or "http"))
        {
            return SlackApiResult.Failure("invalid_response");
        }

        // The upload URL is already authorized: the bot token is not sent there.
        try
        {
            using var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await httpFactory.CreateClient(HttpClientName).PostAsync(uploadUrl, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.Failed(logger, "file upload", $"HTTP {(int)response.StatusCode}");
                return SlackApiResult.Failure("upload_failed");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.NetworkError(logger, "file upload", ex.GetType().Name);
            return SlackApiResult.Failure("network_error");
        }

        return await CallAsync(
            "files.completeUploadExternal",
            new JsonObject { ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = SlackRenderer.Truncate(alt, 250) }), ["channel_id"] = channel },
            channel,
            cancellationToken,
            team);
    }

    /// <summary>Calls a write method with a JSON body and the bot token.</summary>
    public Task<SlackApiResult> CallAsync(string method, JsonObject body, string? channel, CancellationToken cancellationToken, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = body.ToJsonString();
        return SendAsync(method, () => new StringContent(json, Encoding.UTF8, "application/json"), _options.BotToken, channel, team, cancellationToken);
    }

    private async Task<SlackApiResult> SendAsync(
        string method, Func<HttpContent>? content, string? token, string? channel, string? team, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return SlackApiResult.Failure("not_configured");
        }

        var http = httpFactory.CreateClient(HttpClientName);
        var uri = new Uri(Normalize(_options.ApiBaseUrl), method);
        method = method.Split('?')[0];
        var attempt = 0;
        var (result, _) = await _retry.ExecuteAsync(
            async ct => await AttemptAsync(++attempt, http, uri, method, content, token, channel, team, ct),
            cancellationToken);

        if (!result.Ok)
        {
            Log.Failed(logger, method, result.Error ?? "?");
            if (result.IsAuthFailure)
            {
                status.Report($"Slack refused the token for {method} ({result.Error}): check CoalitionBot:Slack tokens.");
            }
        }

        return result;
    }

    // One call, and how long to wait before the next attempt (null: this outcome is final). Every attempt is a call Slack
    // counts, so each takes its turn with the limiter; a turn further off than we wait inline goes back to the caller.
    private async Task<(SlackApiResult Result, TimeSpan? RetryIn)> AttemptAsync(
        int attempt, HttpClient http, Uri uri, string method, Func<HttpContent>? content, string token, string? channel, string? team, CancellationToken cancellationToken)
    {
        if (await limiter.WaitTurnAsync(team, method, channel, MaxInlineWait, cancellationToken) is { } notBefore)
        {
            Log.Deferred(logger, method, notBefore.TotalSeconds);
            return (SlackApiResult.Failure("ratelimited", notBefore), null);
        }

        SlackApiResult result;
        TimeSpan wait;
        try
        {
            using var request = new HttpRequestMessage(content is null ? HttpMethod.Get : HttpMethod.Post, uri) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The pause is the limiter's: this call and every other call of the method for the workspace wait it out, so the
                // retry itself goes at once and the limiter holds it.
                var retryAfter = PlatformRetry.RetryAfter(response, clock) is { } asked && asked > TimeSpan.Zero ? asked : DefaultRetryAfter;
                limiter.Hold(team, method, clock.GetUtcNow() + retryAfter);
                result = SlackApiResult.Failure("ratelimited", retryAfter);
                wait = retryAfter > MaxInlineWait ? retryAfter : TimeSpan.Zero;
                Log.RateLimited(logger, method, retryAfter.TotalSeconds);
            }
            else if ((int)response.StatusCode >= 500)
            {
                result = SlackApiResult.Failure($"http_{(int)response.StatusCode}");
                wait = TimeSpan.FromSeconds(attempt);
            }
            else
            {
                result = await ReadAsync(response, cancellationToken);
                if (result.Ok || !result.IsRetryable)
                {
                    return (result, null);
                }

                wait = result.RetryAfter ?? TimeSpan.FromSeconds(attempt);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.NetworkError(logger, method, ex.GetType().Name);
            result = SlackApiResult.Failure("network_error");
            wait = TimeSpan.FromSeconds(attempt);
        }

        return (result, wait > MaxInlineWait ? null : wait);
    }

    private static async Task<SlackApiResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SlackApiResult.Failure("invalid_response");
            }

            var ok = root.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
            var error = ok ? null : root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "unknown_error";
            return new SlackApiResult(ok, error, root);
        }
        catch (JsonException)
        {
            return SlackApiResult.Failure("invalid_response");
        }
    }

    internal static Uri Normalize(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Slack {Method} was rate limited; retrying after {Seconds:F0} s")]
        public static partial void RateLimited(ILogger logger, string method, double seconds);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
        public static partial void Failed(ILogger logger, string method, string error);

        [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Slack {Method}: its rate limit leaves no turn for {Seconds:F0} s; handed back to try later")]
        public static partial void Deferred(ILogger logger, string method, double seconds);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Slack {Method}: network error ({Kind}), retrying")]
        public static partial void NetworkError(ILogger logger, string method, string kind);
    }
}
