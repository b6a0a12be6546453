using System.Net;
using System.Net.Http.Headers;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Adapters.Tests.Slack;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Edge;

public sealed class PlatformRetryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Create_AttemptAsksForAWait_NextAttemptComesAfterItOnTheClock()
    {
        var pipeline = PlatformRetry.Create<(int Attempt, TimeSpan? RetryIn)>(_clock, 3, a => a.RetryIn);
        var times = new List<DateTimeOffset>();

        var outcome = await pipeline.ExecuteAsync(_ =>
        {
            times.Add(_clock.GetUtcNow());
            return ValueTask.FromResult<(int, TimeSpan?)>((times.Count, times.Count == 1 ? TimeSpan.FromSeconds(4) : null));
        }).AsTask().UntilDoneAsync(_clock);

        outcome.Item1.Should().Be(2);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4)).And.BeLessThan(TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task Create_AlwaysAsksAgain_GivesUpAfterMaxAttemptsWithTheLastOutcome()
    {
        var pipeline = PlatformRetry.Create<(int Attempt, TimeSpan? RetryIn)>(_clock, 3, a => a.RetryIn);
        var attempts = 0;

        var outcome = await pipeline.ExecuteAsync(_ => ValueTask.FromResult<(int, TimeSpan?)>((++attempts, TimeSpan.Zero))).AsTask().UntilDoneAsync(_clock);

        attempts.Should().Be(3);
        outcome.Item1.Should().Be(3);
    }

    [Fact]
    public async Task Create_AttemptThrows_NotRetried()
    {
        var pipeline = PlatformRetry.Create<(int Attempt, TimeSpan? RetryIn)>(_clock, 3, a => a.RetryIn);
        var attempts = 0;

        var run = () => pipeline.ExecuteAsync<(int, TimeSpan?)>(_ => { attempts++; throw new InvalidOperationException("bug"); }).AsTask();

        await run.Should().ThrowAsync<InvalidOperationException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public void RetryAfter_SecondsDateOrNothing_ReadAgainstTheClock()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(12));
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(90));
        using var huge = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        huge.Headers.TryAddWithoutValidation("Retry-After", "99999999");
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        PlatformRetry.RetryAfter(seconds, _clock).Should().Be(TimeSpan.FromSeconds(12));
        PlatformRetry.RetryAfter(date, _clock).Should().Be(TimeSpan.FromSeconds(90));
        PlatformRetry.RetryAfter(huge, _clock).Should().Be(PlatformRetry.MaxRetryAfter);
        PlatformRetry.RetryAfter(none, _clock).Should().BeNull();
    }

    [Fact]
    public void Backoff_Attempts_Double()
    {
        PlatformRetry.Backoff(TimeSpan.FromMilliseconds(250), 1).Should().Be(TimeSpan.FromMilliseconds(250));
        PlatformRetry.Backoff(TimeSpan.FromMilliseconds(250), 3).Should().Be(TimeSpan.FromSeconds(1));
    }
}
