using CoalitionBot.Core.Localization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Adapters.Slack;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Delivers the bot's own messages (reminders, DMs) to Discord channels and members.</summary>
public sealed partial class DiscordMessenger(DiscordRestClient rest, LanguageCatalogs languages, ILogger<DiscordMessenger> logger, TimeProvider clock) : IMessenger
{
    /// <summary>DM channels remembered at most (the oldest goes first): one per person the bot writes to, so bounded like Slack's.</summary>
    internal const int MaxDmChannels = 10_000;

    /// <summary>How long a DM channel id is reused before it is asked for again.</summary>
    internal static readonly TimeSpan DmChannelLifetime = TimeSpan.FromHours(24);

    /// <summary>Discord's "Cannot send messages to this user" (DMs closed, or no shared server).</summary>
    public const int CannotDmCode = 50007;

    private readonly BoundedCache<string, string> _dmChannels = new(MaxDmChannels, DmChannelLifetime, clock);

    public Platform Platform => Platform.Discord;

    public async Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var (channelId, failure) = await ChannelOfAsync(tenant, target, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        if (!DiscordOptionsValidator.IsSnowflake(channelId))
        {
            return SendResult.Failed(StoredText.Write("core.delivery.discord.bad-channel", new { channel = channelId }), retryable: false);
        }

        var part = 0;
        var imagesRefused = false;
        // A press in a direct message arrives without the server: the buttons carry it.
        var coalition = target.Channel is null ? tenant.WorkspaceOf(Platform.Discord) : null;
        foreach (var body in DiscordRenderer.Render(message, ephemeral: false, dropped: reason => Log.ButtonDropped(logger, reason), coalition))
        {
            StampNonce(body, channelId, part++, target.IdempotencyKey);
            if (part == 1 && message.Attachments.Count > 0)
            {
                // The images go with the first part; refused for good (too large, no Attach Files permission), the text still goes.
                var withImages = await rest.CreateMessageAsync(channelId, DiscordRenderer.WithImages(body, message.Attachments), cancellationToken, message.Attachments);
                if (withImages.IsSuccess)
                {
                    continue;
                }

                if (withImages.IsRetryable)
                {
                    return Fail(tenant, withImages);
                }

                Log.ImagesRefused(logger, tenant.Value, withImages.ToString());
                imagesRefused = true;
            }

            var sent = await rest.CreateMessageAsync(channelId, body, cancellationToken);
            if (!sent.IsSuccess)
            {
                return Fail(tenant, sent);
            }
        }

        if (imagesRefused)
        {
            await SendImagesNotSentNoticeAsync(tenant, channelId, message, cancellationToken);
        }

        return SendResult.Ok;
    }

    /// <summary>The channel a message goes to: the target's channel, or the DM channel with the person (opened once and remembered).</summary>
    private async Task<(string ChannelId, SendResult? Failure)> ChannelOfAsync(TenantId tenant, MessageTarget target, CancellationToken cancellationToken)
    {
        if (target.Channel is { } channel)
        {
            return (channel.Id, null);
        }

        if (target.DirectTo is not { } user)
        {
            return ("", SendResult.Failed(StoredText.Write("core.delivery.no-target"), retryable: false));
        }

        if (!_dmChannels.TryGet(user.Id, out var dm))
        {
            var opened = await rest.CreateDmAsync(user.Id, cancellationToken);
            if (!opened.IsSuccess || opened.Body?.TryGetProperty("id", out var id) != true || id.GetString() is not { } dmId)
            {
                return ("", Fail(tenant, opened));
            }

            dm = dmId;
            _dmChannels.Set(user.Id, dm);
        }

        return (dm, null);
    }

    /// <summary>
    /// The same part of the same message gets the same nonce, so Discord drops it if a retry repeats a part
    /// that was already delivered (within a few minutes). The outbox's key tells two messages with equal text apart.
    /// </summary>
    private static void StampNonce(JsonObject body, string channelId, int part, string? idempotencyKey)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}|{part}|{idempotencyKey ?? body.ToJsonString()}"));
        body["nonce"] = Convert.ToHexStringLower(digest)[..25];
        body["enforce_nonce"] = true;
    }

    private async Task SendImagesNotSentNoticeAsync(TenantId tenant, string channelId, Reply message, CancellationToken cancellationToken)
    {
        var notice = DiscordRenderer.Text(Markup.Escape(message.Attachments[0].NotSentNotice(languages)));
        var noted = await rest.CreateMessageAsync(channelId, notice, cancellationToken);
        if (!noted.IsSuccess)
        {
            Log.SendFailed(logger, tenant.Value, noted.ToString());
        }
    }

    private SendResult Fail(TenantId tenant, DiscordResponse response)
    {
        Log.SendFailed(logger, tenant.Value, response.ToString());
        var retryable = response.IsRetryable && response.ErrorCode != CannotDmCode;
        var reason = response switch
        {
            { ErrorCode: CannotDmCode } => StoredText.Write("core.delivery.discord.cannot-dm"),
            { ErrorCode: 10003 } => StoredText.Write("core.delivery.discord.no-channel"),
            { ErrorCode: 50001 or 50013 } => StoredText.Write("core.delivery.discord.no-permission"),
            { Status: HttpStatusCode.Unauthorized } => StoredText.Write("core.delivery.discord.token"),
            _ => StoredText.Write("core.delivery.discord.error", new { detail = response.ToString() }),
        };
        return SendResult.Failed(reason, retryable, response.RetryAfter);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Discord message for {Tenant} not delivered: {Problem}")]
        public static partial void SendFailed(ILogger logger, string tenant, string problem);

        [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Discord button left out: {Reason}")]
        public static partial void ButtonDropped(ILogger logger, string reason);

        [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Discord refused the images of a message for {Tenant} ({Problem}); sent the text with a note")]
        public static partial void ImagesRefused(ILogger logger, string tenant, string problem);
    }
}
