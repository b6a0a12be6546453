using System.Net;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Discord;

public sealed class DiscordRateLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly ScriptedHandler _handler = new();
    private readonly DiscordRateLimiter _limiter;
    private readonly HttpClient _http;
    private readonly DiscordRestClient _rest;

    public DiscordRateLimiterTests()
    {
        _limiter = new DiscordRateLimiter(_clock);
        _http = new HttpClient(_handler);
        var options = Options.Create(new DiscordOptions { BotToken = "token", ApplicationId = "1", ApiBaseUrl = new Uri("http://discord.test/api/v10/") });
        _rest = new DiscordRestClient(_http, _limiter, options, NullLogger<DiscordRestClient>.Instance);
    }

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    private Task<DiscordResponse> Post(string channel) => _rest.CreateMessageAsync(channel, new JsonObject { ["content"] = "x" }, CancellationToken.None);

    [Fact]
    public async Task Send_BucketEmpty_WaitsForTheResetInsteadOfSending()
    {
        _handler.Remaining = 1;
        await Post("10");
        await Post("10");

        var third = Post("10");
        await Task.Delay(50);
        var sentBeforeReset = _handler.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(5));
        var result = await third.WaitAsync(TimeSpan.FromSeconds(10));

        sentBeforeReset.Should().Be(2);
        result.IsSuccess.Should().BeTrue();
        _handler.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Send_OtherChannel_HasItsOwnBucket()
    {
        _handler.Remaining = 0;
        await Post("10");

        var other = await Post("20").WaitAsync(TimeSpan.FromSeconds(10));

        other.IsSuccess.Should().BeTrue();
        _handler.Requests.Select(r => r.RequestUri!.AbsolutePath).Should().Equal("/api/v10/channels/10/messages", "/api/v10/channels/20/messages");
    }

    [Fact]
    public async Task Send_429_WaitsRetryAfterThenRetries()
    {
        _handler.TooManyFirst = 1;
        var send = Post("10");
        await Task.Delay(50);
        var sentBeforeWait = _handler.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(2));

        var result = await send.WaitAsync(TimeSpan.FromSeconds(10));

        sentBeforeWait.Should().Be(1);
        result.IsSuccess.Should().BeTrue();
        _handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_Global429_BlocksOtherBucketsToo()
    {
        _handler.TooManyFirst = 1;
        _handler.Global = true;
        var first = Post("10");
        await Task.Delay(50);
        var second = Post("20");
        await Task.Delay(50);
        var sentBeforeWait = _handler.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(2));

        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        sentBeforeWait.Should().Be(1);
        _handler.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Send_Headers_AreBotAuthorizationAndDiscordUserAgent()
    {
        await Post("10");

        var request = _handler.Requests.Single();
        request.Headers.Authorization!.ToString().Should().Be("Bot token");
        request.Headers.UserAgent.ToString().Should().MatchRegex(@"^DiscordBot \(https://[^,]+, \d+\.\d+\.\d+\)$");
    }

    [Fact]
    public async Task Send_NetworkFailure_IsARetryableResultNotAnException()
    {
        _handler.Fail = true;

        var result = await Post("10");

        result.IsSuccess.Should().BeFalse();
        result.IsRetryable.Should().BeTrue();
        result.Status.Should().BeNull();
    }

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        public int Remaining { get; set; } = 4;

        public int TooManyFirst { get; set; }

        public bool Global { get; set; }

        public bool Fail { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            if (Fail)
            {
                throw new HttpRequestException("connection refused");
            }

            if (TooManyFirst-- > 0)
            {
                var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
                {
                    Content = new StringContent($$"""{"message":"slow down","retry_after":1.5,"global":{{(Global ? "true" : "false")}}}"""),
                };
                return Task.FromResult(limited);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"1"}""") };
            response.Headers.Add("X-RateLimit-Limit", "2");
            response.Headers.Add("X-RateLimit-Remaining", Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.Add("X-RateLimit-Reset-After", "5");
            response.Headers.Add("X-RateLimit-Bucket", "abc");
            Remaining = Math.Max(0, Remaining - 1);
            return Task.FromResult(response);
        }
    }
}
