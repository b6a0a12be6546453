using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CoalitionBot.Adapters.Discord;

/// <summary>The outcome of one REST call: the status, Discord's JSON error code and the body, or the network failure.</summary>
public sealed record DiscordResponse(HttpStatusCode? Status, int? ErrorCode, string? Message, JsonElement? Body, TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => Status is { } s && (int)s is >= 200 and < 300;

    /// <summary>Worth trying again later: network failures, 5xx and 429.</summary>
    public bool IsRetryable => Status is null or HttpStatusCode.TooManyRequests || (int)Status >= 500;

    public override string ToString() => Status is null
        ? $"network failure: {Message}"
        : $"HTTP {(int)Status.Value}{(ErrorCode is { } code ? $" code {code}" : string.Empty)}: {Message}";
}

/// <summary>Discord's REST API on HttpClient: bot authorization, the required User-Agent, rate limits, and 429 retries.</summary>
public sealed partial class DiscordRestClient(HttpClient http, DiscordRateLimiter limiter, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
{
    /// <summary>The HttpClient name registered for Discord.</summary>
    public const string HttpClientName = "discord";

    private const int Max429Retries = 3;
    private readonly ResiliencePipeline<(DiscordResponse Response, TimeSpan? RetryIn)> _retry =
        PlatformRetry.Create<(DiscordResponse Response, TimeSpan? RetryIn)>(limiter.Clock, Max429Retries + 1, a => a.RetryIn);
    private static readonly string Version = typeof(DiscordRestClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
    private readonly DiscordOptions _options = options.Value;

    /// <summary>Posts a message to a channel, with its images as attachments (multipart) when there are any.</summary>
    public Task<DiscordResponse> CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken, IReadOnlyList<ReplyAttachment>? files = null) =>
        SendAsync(new DiscordRoute(HttpMethod.Post, "/channels/{channel_id}/messages", channelId, $"channels/{channelId}/messages"), message, cancellationToken, files: files);

    /// <summary>Opens (or finds) the DM channel with a user.</summary>
    public Task<DiscordResponse> CreateDmAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Post, "/users/@me/channels", string.Empty, "users/@me/channels"),
            new JsonObject { ["recipient_id"] = userId }, cancellationToken);

    /// <summary>Answers an interaction (Gateway-delivered, or HTTP-delivered after a 202).</summary>
    public Task<DiscordResponse> InteractionCallbackAsync(string interactionId, string token, JsonObject response, CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Post, "/interactions/{interaction_id}/{token}/callback", interactionId,
            $"interactions/{interactionId}/{Uri.EscapeDataString(token)}/callback", ExemptFromGlobal: true), response, cancellationToken, authorize: false);

    /// <summary>Edits the interaction's original response (completes a deferred one).</summary>
    public Task<DiscordResponse> EditOriginalAsync(string token, JsonObject message, CancellationToken cancellationToken, IReadOnlyList<ReplyAttachment>? files = null) =>
        SendAsync(Webhook(HttpMethod.Patch, token, "/messages/@original"), message, cancellationToken, authorize: false, files);

    /// <summary>Sends a follow-up message for an interaction.</summary>
    public Task<DiscordResponse> FollowUpAsync(string token, JsonObject message, CancellationToken cancellationToken, IReadOnlyList<ReplyAttachment>? files = null) =>
        SendAsync(Webhook(HttpMethod.Post, token, string.Empty), message, cancellationToken, authorize: false, files);

    /// <summary>Replaces all application commands, globally or in one guild.</summary>
    public Task<DiscordResponse> BulkOverwriteCommandsAsync(string? guildId, JsonArray commands, CancellationToken cancellationToken)
    {
        var app = _options.ApplicationId;
        var route = guildId is null
            ? new DiscordRoute(HttpMethod.Put, "/applications/{application_id}/commands", app!, $"applications/{app}/commands")
            : new DiscordRoute(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", guildId, $"applications/{app}/guilds/{guildId}/commands");
        return SendAsync(route, commands, cancellationToken);
    }

    /// <summary>Asks for the Gateway URL.</summary>
    public Task<DiscordResponse> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(new DiscordRoute(HttpMethod.Get, "/gateway/bot", string.Empty, "gateway/bot"), null, cancellationToken);

    private DiscordRoute Webhook(HttpMethod method, string token, string suffix)
    {
        var app = _options.ApplicationId!;
        return new DiscordRoute(method, "/webhooks/{application_id}/{token}" + suffix, app + "/" + token,
            $"webhooks/{app}/{Uri.EscapeDataString(token)}{suffix}", ExemptFromGlobal: true);
    }

    /// <summary>Sends one request within the rate limits, retrying after a 429 as Discord asks; never throws for HTTP or network failures.</summary>
    /// <param name="route">The route and its rate-limit bucket.</param>
    /// <param name="body">The JSON body (for files: the <c>payload_json</c> part).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="authorize">Send the bot token (not for interaction webhooks).</param>
    /// <param name="files">Files to upload: the body then goes as <c>multipart/form-data</c> with <c>payload_json</c> and <c>files[n]</c>.</param>
    public async Task<DiscordResponse> SendAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken, bool authorize = true, IReadOnlyList<ReplyAttachment>? files = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        var payload = body?.ToJsonString();
        var (response, _) = await _retry.ExecuteAsync(async ct => await AttemptAsync(route, payload, authorize, files, ct), cancellationToken);
        return response;
    }

    // One request within the rate limits, and whether to try again: after a 429 the retry goes at once and the limiter,
    // told the Retry-After, holds it (and every other call of the bucket, or all calls for a global limit) that long.
    private async Task<(DiscordResponse Response, TimeSpan? RetryIn)> AttemptAsync(
        DiscordRoute route, string? payload, bool authorize, IReadOnlyList<ReplyAttachment>? files, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(route, cancellationToken);
        using var request = new HttpRequestMessage(route.Method, new Uri(_options.ApiBaseUrl, route.Path));
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
        }

        request.Headers.UserAgent.ParseAdd($"DiscordBot ({_options.UserAgentUrl}, {Version})");
        if (files is { Count: > 0 })
        {
            request.Content = Multipart(payload ?? "{}", files);
        }
        else if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.NetworkFailure(logger, route.Method.Method, route.Template, ex.GetBaseException().Message);
            return (new DiscordResponse(null, null, ex.GetBaseException().Message, null), null);
        }

        using (response)
        {
            var text = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
            var json = ParseJson(text);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response, json);
                var global = json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True
                    || response.Headers.Contains("X-RateLimit-Global");
                lease.Complete(response, retryAfter, global && !route.ExemptFromGlobal);
                Log.RateLimited(logger, route.Method.Method, route.Template, retryAfter.TotalMilliseconds, global);
                return (new DiscordResponse(response.StatusCode, ErrorCode(json), "rate limited", json, retryAfter), TimeSpan.Zero);
            }

            lease.Complete(response, null, global: false);
            if (!response.IsSuccessStatusCode)
            {
                var message = json is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("message", out var m) ? m.GetString() : response.ReasonPhrase;
                Log.Failed(logger, route.Method.Method, route.Template, (int)response.StatusCode, ErrorCode(json));
                return (new DiscordResponse(response.StatusCode, ErrorCode(json), message, json), null);
            }

            return (new DiscordResponse(response.StatusCode, null, null, json), null);
        }
    }

    // The body as a detached JSON element (its document disposed); null when it is empty or not JSON (a proxy's error page).
    private static JsonElement? ParseJson(string text)
    {
        if (text.Length == 0 || text[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Discord's upload form: the message as payload_json, and each file as files[n], n matching attachments[].id.
    private static MultipartFormDataContent Multipart(string payload, IReadOnlyList<ReplyAttachment> files)
    {
        var form = new MultipartFormDataContent { { new StringContent(payload, Encoding.UTF8, "application/json"), "payload_json" } };
        for (var i = 0; i < files.Count; i++)
        {
            var file = new ByteArrayContent(files[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(ReplyAttachment.ContentType);
            form.Add(file, $"files[{i.ToString(CultureInfo.InvariantCulture)}]", files[i].FileName);
        }

        return form;
    }

    private static int? ErrorCode(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var code) ? code : null;

    private static TimeSpan RetryAfter(HttpResponseMessage response, JsonElement? json)
    {
        if (json is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetDouble(out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
        }

        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
        }

        return TimeSpan.FromSeconds(1);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Discord {Method} {Route}: network failure: {Error}")]
        public static partial void NetworkFailure(ILogger logger, string method, string route, string error);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Discord {Method} {Route}: 429, retry after {RetryAfterMs:F0} ms (global: {Global})")]
        public static partial void RateLimited(ILogger logger, string method, string route, double retryAfterMs, bool global);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Discord {Method} {Route} failed: HTTP {Status}, code {Code}")]
        public static partial void Failed(ILogger logger, string method, string route, int status, int? code);
    }
}
