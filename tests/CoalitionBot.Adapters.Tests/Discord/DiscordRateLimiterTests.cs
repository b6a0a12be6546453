using System.Net;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Discord;

public sealed class DiscordRateLimiterTests : IDisposable
{
    private readonly WatchedClock _clock = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero)));
    private readonly ScriptedHandler _handler;
    private readonly DiscordRateLimiter _limiter;
    private readonly HttpClient _http;
    private readonly DiscordRestClient _rest;

    public DiscordRateLimiterTests()
    {
        _handler = new ScriptedHandler(_clock);
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
        var start = _clock.GetUtcNow();
        _handler.Remaining = 1;
        await Post("10");
        await Post("10");

        var third = Post("10");
        var wait = await _clock.NextWaitAsync();
        var sentWhileWaiting = _handler.Requests.Count;
        _clock.Advance(wait);
        var result = await third.WaitAsync(TimeSpan.FromSeconds(10));

        wait.Should().Be(TimeSpan.FromSeconds(5), "the bucket resets 5 s after the response that emptied it");
        sentWhileWaiting.Should().Be(2);
        result.IsSuccess.Should().BeTrue();
        _handler.SentAt.Should().Equal(start, start, start + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_OtherChannel_HasItsOwnBucket()
    {
        _handler.Remaining = 0;
        await Post("10");

        var other = await Post("20").WaitAsync(TimeSpan.FromSeconds(10));

        other.IsSuccess.Should().BeTrue();
        _handler.Requests.Select(r => r.RequestUri!.AbsolutePath).Should().Equal("/api/v10/channels/10/messages", "/api/v10/channels/20/messages");
        _clock.Waits.Should().Be(0, "nothing waited: the other channel's bucket is not empty");
    }

    [Fact]
    public async Task Send_429_WaitsRetryAfterThenRetries()
    {
        var start = _clock.GetUtcNow();
        _handler.TooManyFirst = 1;

        var send = Post("10");
        var wait = await _clock.NextWaitAsync();
        var sentWhileWaiting = _handler.Requests.Count;
        _clock.Advance(wait);
        var result = await send.WaitAsync(TimeSpan.FromSeconds(10));

        wait.Should().Be(TimeSpan.FromSeconds(1.5), "the 429 said retry_after 1.5");
        sentWhileWaiting.Should().Be(1);
        result.IsSuccess.Should().BeTrue();
        _handler.SentAt.Should().Equal(start, start + TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Send_Global429_BlocksOtherBucketsToo()
    {
        var start = _clock.GetUtcNow();
        _handler.TooManyFirst = 1;
        _handler.Global = true;

        var first = Post("10");
        var wait = await _clock.NextWaitAsync();
        var second = Post("20");
        var sentWhileBlocked = _handler.Requests.Count;
        _clock.Advance(wait);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));

        wait.Should().Be(TimeSpan.FromSeconds(1.5));
        sentWhileBlocked.Should().Be(1);
        _handler.Requests.Should().HaveCount(3);

        // Only the request that got the 429 went out before the block ended; channel 20 has a bucket of its own, yet waited.
        _handler.SentAt.Skip(1).Should().AllSatisfy(at => at.Should().Be(start + TimeSpan.FromSeconds(1.5)));
        _handler.Requests.Select(r => r.RequestUri!.AbsolutePath).Should().Contain("/api/v10/channels/20/messages");
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

    [Fact]
    public async Task FollowUp_ThousandsOfInteractionTokens_EntriesStayBoundedAndExpire()
    {
        _handler.Remaining = 0;
        var most = 0;
        for (var i = 0; i < 6000; i++)
        {
            var result = await _rest.FollowUpAsync("token-" + i, new JsonObject { ["content"] = "x" }, CancellationToken.None);
            result.IsSuccess.Should().BeTrue();
            most = Math.Max(most, _limiter.EntryCount);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        _clock.Advance(DiscordRateLimiter.IdleExpiry + TimeSpan.FromSeconds(5));
        await Post("10");

        most.Should().BeLessThanOrEqualTo(DiscordRateLimiter.MaxEntries, "exhausted windows end after 5 s; what a fresh bucket relearns safely is forgotten");
        _limiter.EntryCount.Should().BeLessThanOrEqualTo(2, "only the route just used is left: its route key and bucket key");
        _clock.Waits.Should().Be(0, "every token had a bucket of its own");
    }

    [Fact]
    public async Task Send_FloodOfOtherRoutesWhileBucketEmpty_StillWaitsForTheReset()
    {
        var start = _clock.GetUtcNow();
        _handler.Remaining = 1;
        await Post("10");
        await Post("10");
        _handler.Remaining = int.MaxValue;
        for (var i = 0; i < DiscordRateLimiter.MaxEntries * 2; i++)
        {
            await _rest.FollowUpAsync("token-" + i, new JsonObject { ["content"] = "x" }, CancellationToken.None);
        }

        var third = Post("10");
        var wait = await _clock.NextWaitAsync();
        var sentWhileWaiting = _handler.Requests.Count;
        _clock.Advance(wait);
        await third.WaitAsync(TimeSpan.FromSeconds(10));

        _limiter.EntryCount.Should().BeLessThanOrEqualTo(DiscordRateLimiter.MaxEntries);
        wait.Should().Be(TimeSpan.FromSeconds(5), "channel 10's bucket is still empty; the flood did not make the limiter forget it");
        sentWhileWaiting.Should().Be(2 + (DiscordRateLimiter.MaxEntries * 2));
        _handler.SentAt[^1].Should().Be(start + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Send_BucketIdleAfterItsWindow_ForgottenThenRelearned()
    {
        _handler.Remaining = 0;
        await Post("10");
        _clock.Advance(DiscordRateLimiter.IdleExpiry);
        await Post("20");
        _limiter.EntryCount.Should().BeLessThanOrEqualTo(2, "channel 10's window ended and nobody used it for a minute");

        await Post("10");
        var afterRelearning = Post("10");
        var wait = await _clock.NextWaitAsync();
        _clock.Advance(wait);
        await afterRelearning.WaitAsync(TimeSpan.FromSeconds(10));

        wait.Should().Be(TimeSpan.FromSeconds(5), "the first request learned the empty bucket again");
        _clock.Waits.Should().Be(1);
    }

    private sealed class ScriptedHandler(TimeProvider clock) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        /// <summary>The fake clock's time when each request went out, in order.</summary>
        public List<DateTimeOffset> SentAt { get; } = [];

        public int Remaining { get; set; } = 4;

        public int TooManyFirst { get; set; }

        public bool Global { get; set; }

        public bool Fail { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
                SentAt.Add(clock.GetUtcNow());
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
