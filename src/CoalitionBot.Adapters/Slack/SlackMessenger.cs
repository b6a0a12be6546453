using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Posts the bot's own messages (reminders, DMs) to Slack through the Web API; Slack's failures come back as <see cref="SendResult"/>s the outbox can retry.</summary>
public sealed class SlackMessenger : IMessenger
{
    private readonly SlackApiClient _api;
    private readonly bool _hasToken;
    private readonly BoundedCache<string, string> _directChannels;
    private readonly LanguageCatalogs _languages;

    public SlackMessenger(SlackApiClient api, LanguageCatalogs languages, IOptions<SlackOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _languages = languages;
        _hasToken = !string.IsNullOrWhiteSpace(options.Value.BotToken);
        _directChannels = new BoundedCache<string, string>(10_000, TimeSpan.FromHours(24), clock);
    }

    public Platform Platform => Platform.Slack;

    public async Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (!_hasToken)
        {
            return SendResult.Failed(StoredText.Write("core.delivery.slack.no-token"), retryable: false);
        }

        var team = tenant.WorkspaceOf(Platform.Slack);
        string channel;
        if (target.Channel is { } ch)
        {
            channel = ch.Id;
        }
        else if (target.DirectTo is { } user)
        {
            var key = tenant.Value + "/" + user.Id;
            if (!_directChannels.TryGet(key, out channel))
            {
                var opened = await _api.OpenConversationAsync(user.Id, cancellationToken, team);
                if (!opened.Ok || opened.Get("channel.id") is not { } id)
                {
                    return Failed(opened);
                }

                channel = id;
                _directChannels.Set(key, id);
            }
        }
        else
        {
            return SendResult.Failed(StoredText.Write("core.delivery.no-target"), retryable: false);
        }

        var sent = await _api.PostMessageAsync(channel, SlackRenderer.Render(message), cancellationToken, team);
        if (!sent.Ok)
        {
            return Failed(sent);
        }

        // The message is delivered; its images follow through Slack's upload flow, and a refused one leaves one line instead.
        foreach (var image in message.Attachments)
        {
            var shared = await _api.UploadFileAsync(channel, image, cancellationToken, team);
            if (!shared.Ok)
            {
                await _api.PostMessageAsync(channel, SlackRenderer.Render(new Reply { Text = Markup.Escape(image.NotSentNotice(_languages)) }), cancellationToken, team);
                break;
            }
        }

        return SendResult.Ok;
    }

    /// <summary>Why Slack refused, as a catalog sentence that says what to do for the errors an organizer can fix.</summary>
    private static SendResult Failed(SlackApiResult result)
    {
        var code = result.Error ?? "unknown";
        var why = code switch
        {
            "not_in_channel" => StoredText.Write("core.delivery.slack.not-in-channel"),
            "channel_not_found" => StoredText.Write("core.delivery.slack.channel-not-found"),
            "is_archived" => StoredText.Write("core.delivery.slack.archived"),
            "invalid_auth" or "not_authed" or "token_revoked" or "token_expired" or "account_inactive" => StoredText.Write("core.delivery.slack.token", new { code }),
            "missing_scope" or "no_permission" => StoredText.Write("core.delivery.slack.scope", new { code }),
            _ => StoredText.Write("core.delivery.slack.error", new { code }),
        };
        return SendResult.Failed(why, result.IsRetryable, result.RetryAfter);
    }
}
