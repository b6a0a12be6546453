using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CoalitionBot.Adapters.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

/// <summary>A request the fake Slack Web API received, with the fake time it arrived.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ContentType, string Body, DateTimeOffset At, string Verb);

/// <summary>An in-memory Slack Web API: records requests and answers from a script (default <c>{"ok":true}</c>).</summary>
internal sealed class FakeSlackHttp(TimeProvider clock) : HttpMessageHandler, IHttpClientFactory
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer for calls that the script does not cover.</summary>
    public Func<string, string> DefaultJson { get; set; } = _ => """{"ok":true}""";

    public void Then(HttpStatusCode status, string json, TimeSpan? retryAfter = null, string? rawRetryAfter = null) =>
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (retryAfter is { } delta)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
            }

            if (rawRetryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", rawRetryAfter);
            }

            return response;
        });

    public void ThenThrow() => _script.Enqueue(() => throw new HttpRequestException("connection refused"));

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public static SlackApiClient Client(FakeSlackHttp http, FakeTimeProvider clock, SlackStatus? status = null, string? botToken = "xoxb-test") =>
        new(http, Microsoft.Extensions.Options.Options.Create(Options(botToken)), new SlackRateLimiter(clock), status ?? new SlackStatus(), clock, NullLogger<SlackApiClient>.Instance);

    public static SlackOptions Options(string? botToken = "xoxb-test")
    {
        var options = new SlackOptions { SigningSecret = "secret", BotToken = botToken, AppToken = "xapp-test", ApiBaseUrl = new Uri("https://slack.test/api"), HooksBaseUrl = new Uri("https://hooks.slack.test/") };
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(
            request.RequestUri!.Segments[^1],
            request.RequestUri,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body,
            clock.GetUtcNow(),
            request.Method.Method));
        return _script.TryDequeue(out var next)
            ? next()
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(DefaultJson(request.RequestUri.Segments[^1]), Encoding.UTF8, "application/json") };
    }
}

/// <summary>Moves a fake clock forward in small steps until the task ends, so waits on the fake clock complete without real sleeps deciding the outcome.</summary>
internal static class Pump
{
    public static async Task<T> UntilDoneAsync<T>(this Task<T> task, FakeTimeProvider clock, TimeSpan? step = null, int maxSteps = 400)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(5);
            if (!task.IsCompleted)
            {
                clock.Advance(step ?? TimeSpan.FromMilliseconds(250));
            }
        }

        task.IsCompleted.Should().BeTrue("the task should finish once fake time passes");
        return await task;
    }
}
