using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Edge;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Posts to a command's or button's <c>response_url</c>, keeping to Slack's limit of 5 uses within 30 minutes per URL.</summary>
/// <remarks>A response URL comes inside the request, so it is only trusted under <see cref="SlackOptions.HooksBaseUrl"/>: the bot never posts where a payload points it.</remarks>
public sealed partial class SlackResponder(IHttpClientFactory httpFactory, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackResponder> logger)
{
    public const string HttpClientName = "slack-response";

    /// <summary>How often one response URL may be used.</summary>
    public const int MaxUses = 5;

    /// <summary>How long a response URL stays valid.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The longest wait for another attempt; a longer <c>Retry-After</c> gives up (the answer is late by then anyway).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private const int MaxAttempts = 3;

    private readonly ResiliencePipeline<(bool Delivered, TimeSpan? RetryIn)> _retry = PlatformRetry.Create<(bool Delivered, TimeSpan? RetryIn)>(clock, MaxAttempts, a => a.RetryIn);

    private readonly BoundedCache<string, int[]> _uses = new(10_000, UrlLifetime, clock);

    /// <summary>Posts the body; false when the URL is used up, expired or Slack kept failing (logged, never thrown).</summary>
    public async Task<bool> PostAsync(string? responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            Log.NoUrl(logger);
            return false;
        }

        if (!options.Value.IsHooksUrl(uri))
        {
            Log.ForeignUrl(logger, uri.IdnHost);
            return false;
        }

        var counter = _uses.GetOrAdd(responseUrl!, _ => new int[1]);
        if (Interlocked.Increment(ref counter[0]) > MaxUses)
        {
            Log.UsedUp(logger, MaxUses);
            return false;
        }

        var json = body.ToJsonString();
        var http = httpFactory.CreateClient(HttpClientName);
        var attempt = 0;
        var (delivered, _) = await _retry.ExecuteAsync(async ct => await AttemptAsync(++attempt, http, uri, json, ct), cancellationToken);
        return delivered;
    }

    // One post, and how long to wait before the next (null: final). Slack's Retry-After is honoured when it asks for one.
    private async Task<(bool Delivered, TimeSpan? RetryIn)> AttemptAsync(int attempt, HttpClient http, Uri uri, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(uri, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (true, null);
            }

            Log.Refused(logger, (int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
            {
                return (false, null);
            }

            var wait = PlatformRetry.RetryAfter(response, clock) ?? TimeSpan.FromSeconds(attempt);
            return (false, wait <= MaxWait ? wait : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.NetworkError(logger, ex.GetType().Name);
            return (false, TimeSpan.FromSeconds(attempt));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Slack gave no usable response_url; the answer could not be delivered")]
        public static partial void NoUrl(ILogger logger);

        [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "A response_url pointed at {Host}, not Slack's hooks host; nothing was posted")]
        public static partial void ForeignUrl(ILogger logger, string host);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "A response_url was already used {Max} times; Slack allows no more")]
        public static partial void UsedUp(ILogger logger, int max);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Slack refused a response_url post with HTTP {Status}")]
        public static partial void Refused(ILogger logger, int status);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "response_url post failed: network error ({Kind})")]
        public static partial void NetworkError(ILogger logger, string kind);
    }
}
