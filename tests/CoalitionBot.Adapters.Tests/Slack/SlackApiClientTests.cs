using System.Net;
using System.Text.Json;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackApiClientTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task PostMessage_Ok_SendsBearerTokenAndJsonBody()
    {
        var http = new FakeSlackHttp(_clock);
        http.DefaultJson = _ => """{"ok":true,"channel":"C1","ts":"1700000000.000100"}""";
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.PostMessageAsync("C1", SlackRenderer.Render(new Reply { Text = "Council meets **tonight**" }), CancellationToken.None);

        result.Ok.Should().BeTrue();
        result.Get("ts").Should().Be("1700000000.000100");
        var request = http.Requests.Should().ContainSingle().Subject;
        request.Uri.Should().Be(new Uri("https://slack.test/api/chat.postMessage"));
        request.Authorization.Should().Be("Bearer xoxb-test");
        request.ContentType.Should().StartWith("application/json");
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("channel").GetString().Should().Be("C1");
        body.RootElement.GetProperty("text").GetString().Should().Be("Council meets tonight");
        body.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString().Should().Be("Council meets *tonight*");
    }

    [Fact]
    public async Task PostEphemeral_SendsChannelAndUser()
    {
        var http = new FakeSlackHttp(_clock);
        var api = FakeSlackHttp.Client(http, _clock);

        await api.PostEphemeralAsync("C1", "U1", SlackRenderer.Render(new Reply { Text = "only you" }), CancellationToken.None);

        using var body = JsonDocument.Parse(http.Requests.Single().Body);
        http.Requests.Single().Method.Should().Be("chat.postEphemeral");
        body.RootElement.GetProperty("user").GetString().Should().Be("U1");
        body.RootElement.GetProperty("channel").GetString().Should().Be("C1");
    }

    [Fact]
    public async Task UsersInfo_IsAGetAskingForTheLocale()
    {
        var http = new FakeSlackHttp(_clock);
        var api = FakeSlackHttp.Client(http, _clock);

        await api.UsersInfoAsync("U1", CancellationToken.None);

        var request = http.Requests.Single();
        request.Method.Should().Be("users.info");
        request.Verb.Should().Be("GET");
        request.Uri.Query.Should().Be("?user=U1&include_locale=true");
        request.Authorization.Should().Be("Bearer xoxb-test");
    }

    [Fact]
    public async Task Call_OkFalse_ReturnsTypedFailureWithoutRetrying()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.OK, """{"ok":false,"error":"channel_not_found"}""");
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.PostMessageAsync("C404", SlackRenderer.Render(new Reply { Text = "x" }), CancellationToken.None);

        result.Ok.Should().BeFalse();
        result.Error.Should().Be("channel_not_found");
        result.IsRetryable.Should().BeFalse();
        http.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Call_429WithRetryAfter_WaitsThatLongThenRetries()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, """{"ok":false,"error":"ratelimited"}""", retryAfter: TimeSpan.FromSeconds(3));
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.PostMessageAsync("C1", SlackRenderer.Render(new Reply { Text = "x" }), CancellationToken.None).UntilDoneAsync(_clock);

        result.Ok.Should().BeTrue();
        var times = http.Requests.Select(r => r.At).ToList();
        times.Should().HaveCount(2);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3)).And.BeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Call_429WithoutRetryAfter_BacksOffByTheDefault()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, """{"ok":false,"error":"ratelimited"}""");
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.OpenConversationAsync("U1", CancellationToken.None).UntilDoneAsync(_clock);

        result.Ok.Should().BeTrue();
        var times = http.Requests.Select(r => r.At).ToList();
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(SlackApiClient.DefaultRetryAfter);
    }

    [Fact]
    public async Task Call_429WithLongRetryAfter_HandsTheWaitBackAsRetryableFailure()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, "{}", rawRetryAfter: "120");
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.OpenConversationAsync("U1", CancellationToken.None);

        result.Error.Should().Be("ratelimited");
        result.IsRetryable.Should().BeTrue();
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
        http.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Call_NetworkErrorsEveryTime_ReturnsRetryableFailureAfterThreeAttempts()
    {
        var http = new FakeSlackHttp(_clock);
        http.ThenThrow();
        http.ThenThrow();
        http.ThenThrow();
        var api = FakeSlackHttp.Client(http, _clock);

        var result = await api.OpenConversationAsync("U1", CancellationToken.None).UntilDoneAsync(_clock);

        result.Error.Should().Be("network_error");
        result.IsRetryable.Should().BeTrue();
        http.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Call_TokenRevoked_ReportsTheProblemForHealthz()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.OK, """{"ok":false,"error":"token_revoked"}""");
        var status = new SlackStatus();
        var api = FakeSlackHttp.Client(http, _clock, status);

        var result = await api.OpenConversationAsync("U1", CancellationToken.None);

        result.IsAuthFailure.Should().BeTrue();
        status.Problem.Should().Contain("token_revoked");
        status.Problem.Should().NotContain("xoxb-test");
    }

    [Fact]
    public async Task PostMessage_BurstToOneChannel_IsSpacedOneSecondApartWhileOtherChannelsGoAtOnce()
    {
        var http = new FakeSlackHttp(_clock);
        var api = FakeSlackHttp.Client(http, _clock);
        var start = _clock.GetUtcNow();
        var message = SlackRenderer.Render(new Reply { Text = "reminder" });

        var burst = Enumerable.Range(0, 3).Select(_ => api.PostMessageAsync("C1", message, CancellationToken.None)).ToList();
        var other = await api.PostMessageAsync("C2", message, CancellationToken.None);
        var results = await Task.WhenAll(burst).UntilDoneAsync(_clock);

        results.Should().OnlyContain(r => r.Ok);
        other.Ok.Should().BeTrue();
        http.Requests.Where(r => r.Body.Contains("\"C2\"", StringComparison.Ordinal)).Single().At.Should().Be(start);
        var times = http.Requests.Where(r => r.Body.Contains("\"C1\"", StringComparison.Ordinal)).Select(r => r.At - start).OrderBy(t => t).ToList();
        times.Should().HaveCount(3);
        times[0].Should().Be(TimeSpan.Zero);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(SlackRateLimiter.PerChannel.Interval);
        (times[2] - times[1]).Should().BeGreaterThanOrEqualTo(SlackRateLimiter.PerChannel.Interval);
    }

    [Fact]
    public async Task Call_WithoutToken_FailsWithoutCallingSlack()
    {
        var http = new FakeSlackHttp(_clock);
        var api = FakeSlackHttp.Client(http, _clock, botToken: null);

        var result = await api.OpenConversationAsync("U1", CancellationToken.None);

        result.Error.Should().Be("not_configured");
        http.Requests.Should().BeEmpty();
    }
}
