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
            return SendResult.Failed("Slack has no bot token (CoalitionBot:Slack:BotToken), so the bot cannot post on its own.", retryable: false);
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
            return SendResult.Failed("The message has no channel or person to go to.", retryable: false);
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

    private static SendResult Failed(SlackApiResult result) =>
        SendResult.Failed($"Slack: {result.Error}", result.IsRetryable, result.RetryAfter);
}
