using System.Net;
using System.Security.Cryptography;
using System.Text;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Adapters.Slack;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Delivers the bot's own messages (reminders, DMs) to Discord channels and members.</summary>
public sealed partial class DiscordMessenger(DiscordRestClient rest, ILogger<DiscordMessenger> logger, TimeProvider clock) : IMessenger
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
        string channelId;
        if (target.Channel is { } channel)
        {
            channelId = channel.Id;
        }
        else if (target.DirectTo is { } user)
        {
            if (!_dmChannels.TryGet(user.Id, out var dm))
            {
                var opened = await rest.CreateDmAsync(user.Id, cancellationToken);
                if (!opened.IsSuccess || opened.Body?.TryGetProperty("id", out var id) != true || id.GetString() is not { } dmId)
                {
                    return Fail(tenant, opened);
                }

                dm = dmId;
                _dmChannels.Set(user.Id, dm);
            }

            channelId = dm;
        }
        else
        {
            return SendResult.Failed("The message has no channel or person to go to.", retryable: false);
        }

        if (!DiscordOptionsValidator.IsSnowflake(channelId))
        {
            return SendResult.Failed($"\"{channelId}\" is not a Discord channel id.", retryable: false);
        }

        var part = 0;
        var imagesRefused = false;
        // A press in a direct message arrives without the server: the buttons carry it.
        var coalition = target.Channel is null ? tenant.WorkspaceOf(Platform.Discord) : null;
        foreach (var body in DiscordRenderer.Render(message, ephemeral: false, dropped: reason => Log.ButtonDropped(logger, reason), coalition))
        {
            // The same part of the same message gets the same nonce, so Discord drops it if a retry repeats a part
            // that was already delivered (within a few minutes). The outbox's key tells two messages with equal text apart.
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}|{part++}|{target.IdempotencyKey ?? body.ToJsonString()}"));
            body["nonce"] = Convert.ToHexStringLower(digest)[..25];
            body["enforce_nonce"] = true;
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
            var notice = DiscordRenderer.Text(Markup.Escape(message.Attachments[0].NotSentNotice));
            var noted = await rest.CreateMessageAsync(channelId, notice, cancellationToken);
            if (!noted.IsSuccess)
            {
                Log.SendFailed(logger, tenant.Value, noted.ToString());
            }
        }

        return SendResult.Ok;
    }

    private SendResult Fail(TenantId tenant, DiscordResponse response)
    {
        Log.SendFailed(logger, tenant.Value, response.ToString());
        var retryable = response.IsRetryable && response.ErrorCode != CannotDmCode;
        var reason = response switch
        {
            { ErrorCode: CannotDmCode } => "Discord does not let the bot message this person (their DMs are closed).",
            { ErrorCode: 10003 } => "That Discord channel does not exist any more.",
            { ErrorCode: 50001 or 50013 } => "The bot lacks permission to post in that Discord channel.",
            { Status: HttpStatusCode.Unauthorized } => "Discord rejected the bot token.",
            _ => "Discord did not take the message: " + response,
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
