using System.Globalization;
using Polly;
using Polly.Retry;

namespace CoalitionBot.Adapters.Edge;

/// <summary>How a platform API call is retried, the same for every adapter: Polly's retry on the injected clock, waiting as
/// long as the attempt asks (the platform's <c>Retry-After</c>, or a backoff) and giving up when it asks for no retry.</summary>
/// <remarks>Rate limiters stay the adapters' own (Discord's buckets, Slack's tiers): they decide when an attempt may go;
/// this decides whether another attempt goes at all.</remarks>
public static class PlatformRetry
{
    /// <summary>The longest <c>Retry-After</c> taken from a response; a larger one is read as this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>A pipeline that runs an attempt up to <paramref name="maxAttempts"/> times, while <paramref name="retryIn"/> gives the
    /// wait before the next one; null means the outcome is final (success, or a failure not worth repeating).</summary>
    /// <remarks>Exceptions are not retried: an attempt turns the failures it knows into outcomes.</remarks>
    public static ResiliencePipeline<T> Create<T>(TimeProvider clock, int maxAttempts, Func<T, TimeSpan?> retryIn)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(retryIn);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = clock };
        if (maxAttempts == 1)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = maxAttempts - 1,
            UseJitter = false,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && retryIn(args.Outcome.Result!) is not null),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is null ? retryIn(args.Outcome.Result!) : null),
        }).Build();
    }

    /// <summary>Doubling waits from <paramref name="first"/>: the wait after attempt 1 is <paramref name="first"/>, after 2 twice that…</summary>
    public static TimeSpan Backoff(TimeSpan first, int attempt) => first * Math.Pow(2, Math.Clamp(attempt, 1, 30) - 1);

    /// <summary>The response's <c>Retry-After</c> (seconds or an HTTP date), capped at <see cref="MaxRetryAfter"/>; null when it has none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(clock);
        TimeSpan? wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => response.Headers.TryGetValues("Retry-After", out var values)
                && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                    ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, MaxRetryAfter.TotalSeconds))
                    : null,
        };
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }
}
