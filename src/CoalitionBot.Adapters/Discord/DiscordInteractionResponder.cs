using CoalitionBot.Core.Localization;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Polly;

namespace CoalitionBot.Adapters.Discord;

/// <summary>
/// Finishes an interaction's answer after the first response left: follow-up messages, images added by editing the original
/// response, and the retries Discord's webhook needs (it may not know a just-answered interaction for a moment), within the
/// token's 15 minutes. <see cref="DiscordInteractions"/> decides what to answer; this sends what comes after.
/// </summary>
public sealed partial class DiscordInteractionResponder(DiscordRestClient rest, LanguageCatalogs languages, TimeProvider clock, ILogger<DiscordInteractions> logger)
{
    // A follow-up or an edit of the answer is tried 5 times, 250 ms apart and doubling, unless Discord names its own wait.
    internal const int MaxDeliveryAttempts = 5;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    private readonly ResiliencePipeline<(DiscordResponse Response, TimeSpan? RetryIn)> _retry =
        PlatformRetry.Create<(DiscordResponse Response, TimeSpan? RetryIn)>(clock, MaxDeliveryAttempts, a => a.RetryIn);

    internal Func<CancellationToken, Task>? FollowUps(string token, IEnumerable<JsonObject> messages, long received)
    {
        var list = messages.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        return async ct =>
        {
            foreach (var message in list)
            {
                await DeliverAsync(() => rest.FollowUpAsync(token, message, ct), received, ct);
            }
        };
    }

    internal static Func<CancellationToken, Task>? Then(params Func<CancellationToken, Task>?[] steps)
    {
        var list = steps.OfType<Func<CancellationToken, Task>>().ToList();
        return list.Count == 0 ? null : async ct =>
        {
            foreach (var step in list)
            {
                await step(ct);
            }
        };
    }

    internal static Task RunAsync(Func<CancellationToken, Task>? step, CancellationToken cancellationToken) =>
        step is null ? Task.CompletedTask : step(cancellationToken);

    // An answer sent inline carries only text: its images follow by editing that original response.
    internal Func<CancellationToken, Task>? ImagesOnOriginal(string token, JsonObject sent, Reply reply, long received)
    {
        if (reply.Attachments.Count == 0)
        {
            return null;
        }

        var ephemeral = sent["flags"] is not null;
        return async ct =>
        {
            var withImages = DiscordRenderer.WithImages(sent, reply.Attachments);
            if (!await DeliverAsync(() => rest.EditOriginalAsync(token, withImages, ct, reply.Attachments), received, ct))
            {
                await NotSentAsync(token, reply, ephemeral, received, ct);
            }
        };
    }

    // Sends a message with the reply's images; when Discord refuses them (too large, no Attach Files permission), the
    // message goes without them and one line says the image could not be sent.
    internal async Task DeliverWithImagesAsync(Func<JsonObject, IReadOnlyList<ReplyAttachment>?, Task<DiscordResponse>> send, JsonObject message, Reply reply, string token, long received, CancellationToken cancellationToken)
    {
        if (reply.Attachments.Count > 0)
        {
            var withImages = DiscordRenderer.WithImages(message, reply.Attachments);
            if (await DeliverAsync(() => send(withImages, reply.Attachments), received, cancellationToken))
            {
                return;
            }
        }

        if (await DeliverAsync(() => send(message, null), received, cancellationToken) && reply.Attachments.Count > 0)
        {
            await NotSentAsync(token, reply, message["flags"] is not null, received, cancellationToken);
        }
    }

    internal async Task FollowUpsWithImagesAsync(string token, IReadOnlyList<JsonObject> messages, Reply reply, long received, CancellationToken cancellationToken)
    {
        await DeliverWithImagesAsync((m, files) => rest.FollowUpAsync(token, m, cancellationToken, files), messages[0], reply, token, received, cancellationToken);
        await RunAsync(FollowUps(token, messages.Skip(1), received), cancellationToken);
    }

    private Task<bool> NotSentAsync(string token, Reply reply, bool ephemeral, long received, CancellationToken cancellationToken)
    {
        Log.ImageNotSent(logger, reply.Attachments.Count);
        var notice = DiscordRenderer.Text(Markup.Escape(reply.Attachments[0].NotSentNotice(languages)), ephemeral);
        return DeliverAsync(() => rest.FollowUpAsync(token, notice, cancellationToken), received, cancellationToken);
    }

    // The webhook may not know the interaction for a moment after the answer left (HTTP inline answers), and the network
    // may fail: try a few times, within the token's 15 minutes. False when it was not delivered.
    internal async Task<bool> DeliverAsync(Func<Task<DiscordResponse>> send, long received, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var (response, _) = await _retry.ExecuteAsync(
            async _ =>
            {
                var response = await send();
                attempt++;
                var unknownYet = response.Status == HttpStatusCode.NotFound && response.ErrorCode is 10015 or 10008 or null;
                var again = !response.IsSuccess && (response.IsRetryable || unknownYet) && Stopwatch.GetElapsedTime(received) <= TimeSpan.FromMinutes(14);
                return (response, again ? response.RetryAfter ?? PlatformRetry.Backoff(FirstRetry, attempt) : (TimeSpan?)null);
            },
            cancellationToken);
        if (!response.IsSuccess)
        {
            Log.CompletionFailed(logger, response.ToString(), Stopwatch.GetElapsedTime(received).TotalMilliseconds);
        }

        return response.IsSuccess;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Discord interaction answer not delivered ({ElapsedMs:F0} ms after receipt): {Problem}")]
        public static partial void CompletionFailed(ILogger logger, string problem, double elapsedMs);

        [LoggerMessage(EventId = 138, Level = LogLevel.Warning, Message = "Discord did not take {Count} image(s) of an answer; the text was sent with a note")]
        public static partial void ImageNotSent(ILogger logger, int count);
    }
}
