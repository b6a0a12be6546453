using CoalitionBot.Core.Localization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Turns Slack's commands, button presses and events into router calls and the results into Slack answers; shared by HTTP and Socket Mode.</summary>
/// <remarks>
/// The 3-second rule: a command that finishes within <see cref="SlackOptions.InlineBudget"/> is answered inline;
/// a slower one is acknowledged at once and answered through its <c>response_url</c> when it is done.
/// </remarks>
public sealed partial class SlackDispatcher
{
    /// <summary>The longest a command waits for the person's locale before it runs without it.</summary>
    public static readonly TimeSpan LocaleBudget = TimeSpan.FromMilliseconds(500);

    private readonly CommandRouter _router;
    private readonly SlackUserDirectory _users;
    private readonly SlackResponder _responder;
    private readonly SlackApiClient _api;
    private readonly SlackImageLinks _imageLinks;
    private readonly Uri? _publicBaseUrl;
    private readonly DeliveryGuard _deliveries;
    private readonly SlackOptions _options;
    private readonly IReadOnlySet<string> _admins;
    private readonly TimeProvider _clock;
    private readonly ILogger<SlackDispatcher> _logger;
    private readonly BackgroundWork _background;
    private readonly LanguageCatalogs _languages;

    public SlackDispatcher(
        CommandRouter router,
        SlackUserDirectory users,
        SlackResponder responder,
        SlackApiClient api,
        SlackImageLinks imageLinks,
        DeliveryGuard deliveries,
        BackgroundWork background,
        IOptions<SlackOptions> options,
        IOptions<BotOptions> bot,
        LanguageCatalogs languages,
        TimeProvider clock,
        ILogger<SlackDispatcher> logger)
    {
        _languages = languages;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bot);
        _imageLinks = imageLinks;
        _publicBaseUrl = bot.Value.PublicBaseUrl;
        _router = router;
        _users = users;
        _responder = responder;
        _api = api;
        _deliveries = deliveries;
        _background = background;
        _options = options.Value;
        _admins = _options.AdminIds;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Runs a slash command: the answer to send inline, or null when it was acknowledged and will be answered through <c>response_url</c>.</summary>
    public async Task<SlackAnswer?> CommandAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var started = _clock.GetTimestamp();
        Log.Command(_logger, command.Command, command.Origin.Tenant.Value);
        if (!await FirstSightAsync("command", command.TriggerId))
        {
            return null;
        }

        var caller = await CallerAsync(command.Origin, _options.InlineBudget < LocaleBudget ? _options.InlineBudget : LocaleBudget);

        // The command must not die with the HTTP request or the socket that brought it: it runs to the end either way.
        var work = Apology.GuardAsync(_router.RunAsync(CommandRequest.FromText(caller, command.RouterText), _background.Token), _router.StringsFor(caller.Locale), _logger, "A Slack command");
        if (work.IsCompleted)
        {
            // Everything it needed was in memory: no timer for the 3-second rule.
            return await AnswerAsync(await work, command.Origin, command.ResponseUrl);
        }

        var remaining = _options.InlineBudget - _clock.GetElapsedTime(started);
        try
        {
            var result = await work.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _clock, cancellationToken);
            return await AnswerAsync(result, command.Origin, command.ResponseUrl);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Too slow for an inline answer, or the request that brought it went away: answer through response_url.
            Log.Deferred(_logger, command.Command, _clock.GetElapsedTime(started).TotalMilliseconds);
            Track(FinishLaterAsync(work, command));
            return null;
        }
    }

    /// <summary>Handles a button press in the background (Slack only wants an empty acknowledgement); the result goes to <c>response_url</c>.</summary>
    public void Press(BlockAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Track(PressAsync(action));
    }

    /// <summary>Handles an Events API callback in the background, tracked from this call on (so <see cref="WaitIdleAsync"/> and
    /// shutdown wait for it even before it has started); the callback is copied, so the caller's document may go.</summary>
    public void Event(JsonElement callback)
    {
        var copy = callback.Clone();
        Track(Task.Run(() => EventAsync(copy)));
    }

    /// <summary>Handles an Events API callback in the background; false when the event was seen already (a retry, on any instance) and is dropped.</summary>
    public async Task<bool> EventAsync(JsonElement callback)
    {
        var eventId = SlackJson.String(callback, "event_id");
        if (!await FirstSightAsync("event", eventId))
        {
            return false;
        }

        var ev = SlackJson.Object(callback, "event");
        var type = SlackJson.String(ev, "type");
        Log.Event(_logger, type ?? "?");
        if (type == "app_mention" && SlackJson.String(ev, "bot_id") is null && ev.TryGetProperty("subtype", out _) is false)
        {
            var orgWide = callback.TryGetProperty("authorizations", out var auth) && auth.ValueKind == JsonValueKind.Array && auth.GetArrayLength() > 0
                && auth[0].ValueKind == JsonValueKind.Object && auth[0].TryGetProperty("is_enterprise_install", out var install) && install.ValueKind == JsonValueKind.True;
            var tenant = SlackOrigin.TenantFor(SlackJson.String(callback, "team_id"), SlackJson.String(callback, "enterprise_id"), orgWide);
            var user = SlackJson.String(ev, "user");
            var channel = SlackJson.String(ev, "channel");
            if (tenant is not null && SlackOrigin.IsId(user) && SlackOrigin.IsId(channel))
            {
                Track(AnswerMentionAsync(tenant.Value, user!, channel!, SlackJson.String(ev, "thread_ts") ?? SlackJson.String(ev, "ts")));
            }
        }

        return true;
    }

    /// <summary>Posts an answer to a <c>response_url</c> (Socket Mode, when the envelope takes no payload).</summary>
    public Task<bool> DeliverAsync(string responseUrl, SlackAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return _responder.PostAsync(responseUrl, answer.ToJson(), _background.Token);
    }

    /// <summary>Waits until work started in the background (deferred answers, presses, events) has finished; for tests.</summary>
    /// <remarks>Shutdown waits for the same work through <see cref="BackgroundWork"/>.</remarks>
    public Task WaitIdleAsync() => _background.WaitIdleAsync();

    private async Task PressAsync(BlockAction action)
    {
        if (!await FirstSightAsync("press", action.TriggerId))
        {
            return;
        }

        var caller = await CallerAsync(action.Origin, LocaleBudget);
        var result = await Apology.GuardAsync(_router.PressAsync(new ButtonPress(caller, action.ActionId, action.Value), _background.Token), _router.StringsFor(caller.Locale), _logger, "A Slack button");
        var replace = result.UpdatesOriginal && result.IsSuccess;
        if (action.ResponseUrl is not null)
        {
            await _responder.PostAsync(action.ResponseUrl, (await AnswerAsync(result, action.Origin, action.ResponseUrl, replace)).ToJson(), _background.Token);
            return;
        }

        // Neither an update nor an ephemeral message carries a file: the images follow as uploads, into the channel when the
        // answer replaced a message there, otherwise (a private answer) into the presser's direct messages, as the answer says.
        var reply = result.Reply;
        var updates = replace && action.MessageTs is not null && action.Origin.ChannelId is not null;
        var direct = reply.Attachments.Count > 0 && !updates;
        if (direct)
        {
            var note = Markup.Escape(reply.Attachments[0].SentToDirectMessagesNotice(_languages));
            reply = reply with { Footer = reply.Footer is null ? note : reply.Footer + "\n" + note };
        }

        if (action.Origin.ChannelId is { } channel)
        {
            var message = SlackRenderer.Render(reply);
            var sent = updates
                ? await _api.UpdateAsync(channel, action.MessageTs!, message, _background.Token, action.Origin.Team)
                : await _api.PostEphemeralAsync(channel, action.Origin.UserId, message, _background.Token, action.Origin.Team);
            if (!sent.Ok)
            {
                Log.Undelivered(_logger, "button " + action.ActionId, sent.Error ?? "?");
            }
        }

        if (reply.Attachments.Count > 0)
        {
            await ShareImagesAsync(action.Origin, responseUrl: null, reply, direct);
        }
    }

    private async Task FinishLaterAsync(Task<CommandResult> work, SlashCommand command)
    {
        var result = await work;
        if (!await _responder.PostAsync(command.ResponseUrl, (await AnswerAsync(result, command.Origin, command.ResponseUrl)).ToJson(), _background.Token))
        {
            Log.Undelivered(_logger, "a slow command", "response_url failed");
        }
    }

    // A slash command's answer cannot carry a file. For everyone to see, the images are uploaded into the channel after the
    // answer. A private answer shows them in image blocks linked from the bot's public address; without one, they go to the
    // person's direct messages and the answer says so.
    private async Task<SlackAnswer> AnswerAsync(CommandResult result, SlackOrigin origin, string? responseUrl, bool? replaceOriginal = null)
    {
        var reply = result.Reply;
        if (reply.Attachments.Count == 0)
        {
            return SlackRenderer.Response(result, replaceOriginal);
        }

        if (!reply.Ephemeral)
        {
            Track(ShareImagesAsync(origin, responseUrl, reply, direct: false));
            return SlackRenderer.Response(result, replaceOriginal);
        }

        if (_publicBaseUrl is { } baseUrl && await LinksAsync(baseUrl, reply) is { } links)
        {
            return new SlackAnswer(SlackRenderer.Render(reply, links), ephemeral: true, replaceOriginal);
        }

        Track(ShareImagesAsync(origin, responseUrl, reply, direct: true));
        var note = Markup.Escape(reply.Attachments[0].SentToDirectMessagesNotice(_languages));
        return new SlackAnswer(SlackRenderer.Render(reply with { Footer = reply.Footer is null ? note : reply.Footer + "\n" + note }), ephemeral: true, replaceOriginal);
    }

    // Links to every image of the reply, or null when one cannot be made (too large, too many live links, the database
    // unreachable): the images then go to the direct messages like without a public address.
    private async Task<List<(string Url, string Alt)>?> LinksAsync(Uri baseUrl, Reply reply)
    {
        var links = new List<(string, string)>();
        foreach (var image in reply.Attachments)
        {
            string? path;
            try
            {
                path = await _imageLinks.AddAsync(image, _background.Token);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                Log.Undelivered(_logger, "an image link", ex.GetType().Name);
                path = null;
            }

            if (path is null)
            {
                return null;
            }

            links.Add((new Uri(SlackApiClient.Normalize(baseUrl), path).AbsoluteUri, image.AltText));
        }

        return links;
    }

    private async Task ShareImagesAsync(SlackOrigin origin, string? responseUrl, Reply reply, bool direct)
    {
        var channel = origin.ChannelId;
        var error = channel is null ? "no channel" : null;
        if (direct)
        {
            var opened = await _api.OpenConversationAsync(origin.UserId, _background.Token, origin.Team);
            channel = opened.Ok ? opened.Get("channel.id") : null;
            error = channel is null ? opened.Error ?? "no DM channel" : null;
        }

        foreach (var image in reply.Attachments)
        {
            if (error is not null)
            {
                break;
            }

            var shared = await _api.UploadFileAsync(channel!, image, _background.Token, origin.Team);
            error = shared.Ok ? null : shared.Error ?? "?";
        }

        if (error is null)
        {
            return;
        }

        // The text answer stands; one private line says the image did not come.
        Log.Undelivered(_logger, "an image", error);
        var notice = SlackRenderer.Render(new Reply { Text = Markup.Escape(reply.Attachments[0].NotSentNotice(_languages)) });
        if (responseUrl is not null)
        {
            await _responder.PostAsync(responseUrl, new SlackAnswer(notice, ephemeral: true).ToJson(), _background.Token);
        }
        else if (origin.ChannelId is { } noticeChannel)
        {
            await _api.PostEphemeralAsync(noticeChannel, origin.UserId, notice, _background.Token, origin.Team);
        }
    }

    private async Task AnswerMentionAsync(TenantId tenant, string user, string channel, string? threadTs)
    {
        SlackUserInfo? info = null;
        try
        {
            info = await _users.GetAsync(tenant.Value, user).WaitAsync(LocaleBudget, _clock);
        }
        catch (TimeoutException)
        {
            // Slow users.info: greet without the person's locale now (their own setting or the coalition's language still count);
            // the lookup fills the cache for next time.
        }

        // The greeting is in the language the person's commands are answered in.
        var caller = new Caller(tenant, Platform.Slack, new UserRef(user, info?.DisplayName), new ChannelRef(channel, null), Role.Member, info?.Locale);
        var strings = await _router.StringsForAsync(caller, _background.Token);
        var text = strings["core.adapter.greeting", new { mention = new TrustedMarkup($"<@{user}>") }].Value;
        var body = SlackRenderer.Render(new Reply { Text = text }).ToJson();
        body["channel"] = channel;
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        var sent = await _api.CallAsync("chat.postMessage", body, channel, _background.Token, tenant.WorkspaceOf(Platform.Slack));
        if (!sent.Ok)
        {
            Log.Undelivered(_logger, "a mention answer", sent.Error ?? "?");
        }
    }

    /// <summary>False when the delivery was seen before, by this instance or another (a Slack retry or a redelivered envelope).</summary>
    private async Task<bool> FirstSightAsync(string kind, string? id) =>
        id is null || await _deliveries.FirstSightAsync($"slack:{kind}:{id}", _background.Token);

    private async Task<Caller> CallerAsync(SlackOrigin origin, TimeSpan localeBudget)
    {
        SlackUserInfo? info = null;
        var lookup = _users.GetAsync(origin.Tenant.Value, origin.UserId);
        if (lookup.IsCompleted || localeBudget > TimeSpan.Zero)
        {
            try
            {
                info = await lookup.WaitAsync(localeBudget, _clock);
            }
            catch (TimeoutException)
            {
                // Slow users.info: answer in the coalition's language now; the lookup fills the cache for next time.
            }
        }

        return new Caller(
            origin.Tenant,
            Platform.Slack,
            new UserRef(origin.UserId, info?.DisplayName ?? origin.UserName),
            origin.ChannelId is null ? null : new ChannelRef(origin.ChannelId, origin.ChannelName),
            _admins.Contains(origin.UserId) ? Role.Admin : Role.Member,
            info?.Locale);
    }

    private void Track(Task task) => _background.Track(task);

    private static partial class Log
    {
        [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Slack command /{Command} from {Tenant}")]
        public static partial void Command(ILogger logger, string command, string tenant);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Slack command /{Command} still running after {ElapsedMs:F0} ms: acknowledged, will answer through response_url")]
        public static partial void Deferred(ILogger logger, string command, double elapsedMs);

        [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Slack event {Type}")]
        public static partial void Event(ILogger logger, string type);

        [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "The answer to {What} could not be delivered to Slack: {Error}")]
        public static partial void Undelivered(ILogger logger, string what, string error);
    }
}
