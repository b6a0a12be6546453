using System.Net;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackResponderTests
{
    private static readonly IOptions<SlackOptions> Hooks = Options.Create(new SlackOptions { HooksBaseUrl = new Uri("https://hooks.slack.test/") });
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task PostAsync_SixthUseOfOneUrl_IsRefusedWithoutCallingSlack()
    {
        var http = new FakeSlackHttp(_clock);
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);
        var url = "https://hooks.slack.test/commands/T1/1/abc";

        var results = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            results.Add(await responder.PostAsync(url, new JsonObject { ["text"] = $"answer {i}" }, CancellationToken.None));
        }

        results.Should().Equal(true, true, true, true, true, false);
        http.Requests.Should().HaveCount(SlackResponder.MaxUses);
        (await responder.PostAsync("https://hooks.slack.test/commands/T1/2/def", new JsonObject { ["text"] = "other" }, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task PostAsync_UrlOlderThan30Minutes_CountsAfresh()
    {
        var http = new FakeSlackHttp(_clock);
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);
        var url = "https://hooks.slack.test/commands/T1/1/abc";
        for (var i = 0; i < 5; i++)
        {
            await responder.PostAsync(url, new JsonObject { ["text"] = "x" }, CancellationToken.None);
        }

        _clock.Advance(SlackResponder.UrlLifetime);

        (await responder.PostAsync(url, new JsonObject { ["text"] = "x" }, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task PostAsync_SlackDownOnce_RetriesAndDelivers()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.ServiceUnavailable, "{}");
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        var delivered = await responder.PostAsync("https://hooks.slack.test/commands/T1/1/abc", new JsonObject { ["text"] = "x" }, CancellationToken.None).UntilDoneAsync(_clock);

        delivered.Should().BeTrue();
        http.Requests.Should().HaveCount(2);
        http.Requests.Last().Body.Should().Be("""{"text":"x"}""");
    }

    [Fact]
    public async Task PostAsync_RateLimitedWithRetryAfter_WaitsAsLongAsSlackAsks()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, "{}", retryAfter: TimeSpan.FromSeconds(7));
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        var delivered = await responder.PostAsync("https://hooks.slack.test/commands/T1/1/abc", new JsonObject { ["text"] = "x" }, CancellationToken.None).UntilDoneAsync(_clock);

        delivered.Should().BeTrue();
        var times = http.Requests.Select(r => r.At).ToList();
        times.Should().HaveCount(2);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(7)).And.BeLessThan(TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public async Task PostAsync_RetryAfterBeyondMaxWait_GivesUpAtOnce()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, "{}", retryAfter: SlackResponder.MaxWait + TimeSpan.FromSeconds(1));
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        (await responder.PostAsync("https://hooks.slack.test/commands/T1/1/abc", new JsonObject { ["text"] = "x" }, CancellationToken.None)).Should().BeFalse();

        http.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task PostAsync_SlackKeepsFailing_GivesUpAfterThreeAttempts()
    {
        var http = new FakeSlackHttp(_clock);
        for (var i = 0; i < 4; i++)
        {
            http.Then(HttpStatusCode.BadGateway, "{}");
        }

        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        var delivered = await responder.PostAsync("https://hooks.slack.test/commands/T1/1/abc", new JsonObject { ["text"] = "x" }, CancellationToken.None).UntilDoneAsync(_clock);

        delivered.Should().BeFalse();
        var times = http.Requests.Select(r => r.At).ToList();
        times.Should().HaveCount(3);
        (times[2] - times[1]).Should().BeGreaterThan(times[1] - times[0], "the waits grow");
    }

    [Fact]
    public async Task PostAsync_ExpiredUrl_GivesUpWithoutRetrying()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.NotFound, """{"ok":false,"error":"expired_url"}""");
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        (await responder.PostAsync("https://hooks.slack.test/commands/T1/1/abc", new JsonObject { ["text"] = "x" }, CancellationToken.None)).Should().BeFalse();

        http.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("ftp://hooks.slack.test/x")]
    public async Task PostAsync_NoUsableUrl_ReturnsFalse(string? url)
    {
        var http = new FakeSlackHttp(_clock);
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        (await responder.PostAsync(url, new JsonObject { ["text"] = "x" }, CancellationToken.None)).Should().BeFalse();

        http.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://evil.example/commands/T1/1/abc")]
    [InlineData("https://hooks.slack.test.evil.example/commands/T1/1/abc")]
    [InlineData("http://hooks.slack.test/commands/T1/1/abc")]
    [InlineData("https://hooks.slack.test:8443/commands/T1/1/abc")]
    [InlineData("https://user@hooks.slack.test/commands/T1/1/abc")]
    [InlineData("https://127.0.0.1/commands/T1/1/abc")]
    public async Task PostAsync_UrlOutsideSlacksHooksHost_PostsNothing(string url)
    {
        var http = new FakeSlackHttp(_clock);
        var responder = new SlackResponder(http, Hooks, _clock, NullLogger<SlackResponder>.Instance);

        (await responder.PostAsync(url, new JsonObject { ["text"] = "x" }, CancellationToken.None)).Should().BeFalse();

        http.Requests.Should().BeEmpty();
    }
}
