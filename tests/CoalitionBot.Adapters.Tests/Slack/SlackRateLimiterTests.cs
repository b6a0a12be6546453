using System.Net;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackRateLimiterTests
{
    private static readonly TimeSpan NoLimit = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("apps.connections.open", 1)]
    [InlineData("conversations.open", 50)]
    [InlineData("chat.update", 50)]
    [InlineData("users.info", 100)]
    [InlineData("chat.postEphemeral", 100)]
    [InlineData("files.completeUploadExternal", 100)]
    [InlineData("some.unlistedMethod", 20)]
    public void RateOf_MethodsTheBotCalls_AreTheirDocumentedTiers(string method, int perMinute) =>
        SlackRateLimiter.RateOf(method)!.Value.PerMinute.Should().Be(perMinute);

    [Fact]
    public async Task WaitTurn_Tier3BeyondItsBurst_PacesAtTheTierInterval()
    {
        var limiter = new SlackRateLimiter(_clock);
        var start = _clock.GetUtcNow();
        var sent = new List<DateTimeOffset>();

        var calls = Enumerable.Range(0, 13).Select(async _ =>
        {
            (await limiter.WaitTurnAsync("T1", "conversations.open", null, NoLimit, CancellationToken.None)).Should().BeNull();
            lock (sent)
            {
                sent.Add(_clock.GetUtcNow());
            }

            return true;
        }).ToList();
        await Task.WhenAll(calls).UntilDoneAsync(_clock, TimeSpan.FromMilliseconds(100));

        var offsets = sent.Select(t => t - start).Order().ToList();
        var interval = SlackRateLimiter.Tier3.Interval;
        offsets.Take(SlackRateLimiter.Tier3.Burst).Should().OnlyContain(t => t == TimeSpan.Zero);
        // In the next interval, not a later one: the fake clock moves in 100 ms steps, and a call's continuation may only run
        // (and read the clock) a step or two after its turn came.
        offsets[10].Should().BeGreaterThanOrEqualTo(interval).And.BeLessThan(interval * 2);
        offsets[12].Should().BeGreaterThanOrEqualTo(interval * 3);
    }

    [Fact]
    public async Task WaitTurn_OtherTeamOrOtherMethod_IsNotSlowedByABusyOne()
    {
        var limiter = new SlackRateLimiter(_clock);
        for (var i = 0; i < SlackRateLimiter.Tier1.Burst; i++)
        {
            (await limiter.WaitTurnAsync("T1", "apps.connections.open", null, NoLimit, CancellationToken.None)).Should().BeNull();
        }

        var sameAgain = limiter.WaitTurnAsync("T1", "apps.connections.open", null, NoLimit, CancellationToken.None);
        var otherTeam = limiter.WaitTurnAsync("T2", "apps.connections.open", null, NoLimit, CancellationToken.None);
        var otherMethod = limiter.WaitTurnAsync("T1", "users.info", null, NoLimit, CancellationToken.None);

        otherTeam.IsCompletedSuccessfully.Should().BeTrue();
        otherMethod.IsCompletedSuccessfully.Should().BeTrue();
        sameAgain.IsCompleted.Should().BeFalse("Tier 1 allows about one call a minute once its burst is spent");
        _clock.Advance(TimeSpan.FromMinutes(1));
        (await sameAgain.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
    }

    [Fact]
    public async Task WaitTurn_PostMessage_IsPacedPerChannelNotPerWorkspace()
    {
        var limiter = new SlackRateLimiter(_clock);

        var first = await limiter.WaitTurnAsync("T1", "chat.postMessage", "C1", NoLimit, CancellationToken.None);
        var secondSameChannel = limiter.WaitTurnAsync("T1", "chat.postMessage", "C1", NoLimit, CancellationToken.None);
        var otherChannels = Enumerable.Range(0, 100).Select(i => limiter.WaitTurnAsync("T1", "chat.postMessage", "C" + (i + 2), NoLimit, CancellationToken.None)).ToList();

        first.Should().BeNull();
        otherChannels.Should().OnlyContain(t => t.IsCompletedSuccessfully);
        secondSameChannel.IsCompleted.Should().BeFalse();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        secondSameChannel.IsCompleted.Should().BeFalse();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await secondSameChannel.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
    }

    [Fact]
    public async Task Hold_WhileCallsWait_PausesThatMethodForThatTeamOnly()
    {
        var limiter = new SlackRateLimiter(_clock);
        var start = _clock.GetUtcNow();
        limiter.Hold("T1", "chat.postMessage", start + TimeSpan.FromSeconds(3));

        var held = limiter.WaitTurnAsync("T1", "chat.postMessage", "C9", NoLimit, CancellationToken.None);
        var doneAt = held.ContinueWith(_ => _clock.GetUtcNow(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var otherTeam = limiter.WaitTurnAsync("T2", "chat.postMessage", "C9", NoLimit, CancellationToken.None);
        var otherMethod = limiter.WaitTurnAsync("T1", "chat.postEphemeral", "C9", NoLimit, CancellationToken.None);

        otherTeam.IsCompletedSuccessfully.Should().BeTrue();
        otherMethod.IsCompletedSuccessfully.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(2));
        held.IsCompleted.Should().BeFalse();

        // A second 429 while the call waits pushes it further.
        limiter.Hold("T1", "chat.postMessage", start + TimeSpan.FromSeconds(5));
        for (var i = 0; i < 12 && !held.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Yield();
        }

        (await held.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
        (await doneAt).Should().BeOnOrAfter(start + TimeSpan.FromSeconds(5)).And.BeBefore(start + TimeSpan.FromSeconds(5.5));
    }

    [Fact]
    public async Task WaitTurn_TurnFurtherThanMaxWait_ReturnsTheWaitAndTakesNoTurn()
    {
        var limiter = new SlackRateLimiter(_clock);
        limiter.Hold("T1", "users.info", _clock.GetUtcNow() + TimeSpan.FromSeconds(90));

        var tooFar = await limiter.WaitTurnAsync("T1", "users.info", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(90));
        var afterwards = Enumerable.Range(0, SlackRateLimiter.Tier4.Burst).Select(_ => limiter.WaitTurnAsync("T1", "users.info", null, TimeSpan.Zero, CancellationToken.None)).ToList();

        tooFar.Should().Be(TimeSpan.FromSeconds(90));
        afterwards.Select(t => t.Result).Should().ContainSingle(t => t == null, "after a pause the pace restarts without a burst");
        (await afterwards[1]).Should().Be(SlackRateLimiter.Tier4.Interval);
    }

    [Fact]
    public async Task WaitTurn_Cancelled_StopsWaiting()
    {
        var limiter = new SlackRateLimiter(_clock);
        limiter.Hold("T1", "chat.update", _clock.GetUtcNow() + TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.WaitTurnAsync("T1", "chat.update", "C1", NoLimit, cancel.Token);
        await cancel.CancelAsync();

        await waiting.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Count_ManyChannelsOverTime_StaysBoundedAsIdleKeysExpire()
    {
        var limiter = new SlackRateLimiter(_clock);

        for (var i = 0; i < 50_000; i++)
        {
            (await limiter.WaitTurnAsync("T" + (i % 7), "chat.postMessage", "C" + i, NoLimit, CancellationToken.None)).Should().BeNull();
            if (i % 500 == 499)
            {
                _clock.Advance(TimeSpan.FromSeconds(2));
            }
        }

        limiter.Count.Should().BeLessThan(2_100);
    }

    [Fact]
    public async Task Call_429OnOneChannel_PausesTheMethodForTheWorkspaceThenRetries()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, """{"ok":false,"error":"ratelimited"}""", retryAfter: TimeSpan.FromSeconds(4));
        var api = FakeSlackHttp.Client(http, _clock);
        var start = _clock.GetUtcNow();
        var message = SlackRenderer.Render(new Reply { Text = "reminder" });

        var limited = api.PostMessageAsync("C1", message, CancellationToken.None, team: "T1");
        await WaitForRequestsAsync(http, 1);
        var sameWorkspace = api.PostMessageAsync("C2", message, CancellationToken.None, team: "T1");
        var otherWorkspace = await api.PostMessageAsync("C2", message, CancellationToken.None, team: "T2");
        var results = await Task.WhenAll(limited, sameWorkspace).UntilDoneAsync(_clock);

        results.Should().OnlyContain(r => r.Ok);
        otherWorkspace.Ok.Should().BeTrue();
        var calls = http.Requests.Select(r => (Offset: r.At - start, r.Body)).ToList();
        calls.Should().HaveCount(4);
        calls.Take(2).Should().OnlyContain(c => c.Offset == TimeSpan.Zero, "the first try and the other workspace's call go at once");
        calls.Skip(2).Should().OnlyContain(c => c.Offset >= TimeSpan.FromSeconds(4) && c.Offset < TimeSpan.FromSeconds(5));
    }

    private static async Task WaitForRequestsAsync(FakeSlackHttp http, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (http.Requests.Count < count)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }
    }
}
