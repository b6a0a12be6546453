using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CoalitionBot.Adapters.Discord.DiscordInteractionParser;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Handles Discord interactions the same way whether they came over HTTP or the Gateway: translate, route through Core, render.</summary>
/// <remarks>
/// Answers inline when the command finishes within <see cref="DiscordOptions.DeferAfter"/>; otherwise defers (ephemeral,
/// type 5, or type 6 for buttons) and finishes through the interaction webhook. Each interaction id is answered once:
/// a duplicate delivery within 10 s gets the first delivery's answer; a later one (Discord allows an initial answer
/// within 3 s only) is refused. Either way nothing runs twice while the interaction's token lives (15 minutes): the id is also
/// recorded in the database (<see cref="DiscordInteractionGuard"/>), so a copy delivered to another instance, or replayed after a restart, is refused too.
/// </remarks>
public sealed partial class DiscordInteractions(
    CommandRouter router,
    DiscordRestClient rest,
    DiscordInteractionResponder responder,
    BackgroundWork background,
    DiscordInteractionGuard duplicates,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordInteractions> logger)
{
    private readonly DiscordOptions _options = options.Value;

    /// <summary>Answers an interaction delivered over HTTP; a duplicate delivery gets the same answer without running anything again.</summary>
    public Task<InteractionAnswer> HandleAsync(JsonElement interaction) => HandleCoreAsync(interaction, out _);

    /// <summary>Answers an interaction that arrived over the Gateway through <c>POST /interactions/{id}/{token}/callback</c>.</summary>
    public async Task HandleGatewayAsync(JsonElement interaction, CancellationToken cancellationToken)
    {
        var answer = await HandleCoreAsync(interaction, out var duplicate);
        if (duplicate || answer.Json is null || interaction.ValueKind != JsonValueKind.Object)
        {
            if (answer.Error is not null)
            {
                Log.Rejected(logger, answer.Error);
            }

            return;
        }

        var id = Text(interaction, "id")!;
        var token = Text(interaction, "token")!;
        var sent = await rest.InteractionCallbackAsync(id, token, answer.Body!, cancellationToken);
        if (!sent.IsSuccess)
        {
            Log.CallbackFailed(logger, sent.ToString());
            return;
        }

        if (answer.Continuation is { } next)
        {
            background.Run(next);
        }
    }

    private Task<InteractionAnswer> HandleCoreAsync(JsonElement interaction, out bool duplicate)
    {
        duplicate = false;
        if (interaction.ValueKind != JsonValueKind.Object || !interaction.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.Number || !typeElement.TryGetInt32(out var number))
        {
            return Task.FromResult(InteractionAnswer.Bad("not an interaction object"));
        }

        var type = (InteractionType)number;
        if (type == InteractionType.Ping)
        {
            return Task.FromResult(new InteractionAnswer(new JsonObject { ["type"] = (int)InteractionCallbackType.Pong }));
        }

        var id = Text(interaction, "id");
        var token = Text(interaction, "token");
        if (id is null || token is null || !DiscordOptionsValidator.IsSnowflake(id))
        {
            return Task.FromResult(InteractionAnswer.Bad("the interaction has no id or token"));
        }

        if (MalformedField(interaction, token) is { } malformed)
        {
            return Task.FromResult(InteractionAnswer.Bad(malformed));
        }

        var fresh = new TaskCompletionSource<InteractionAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (duplicates.FirstSight(id, fresh.Task) is { } earlier)
        {
            duplicate = true;
            Log.Duplicate(logger, id);
            return earlier.ContinueWith(t => t.Result with { Continuation = null }, TaskScheduler.Default);
        }

        _ = RunAsync(interaction, type, id, token, fresh);
        return fresh.Task;
    }

    private async Task RunAsync(JsonElement interaction, InteractionType type, string id, string token, TaskCompletionSource<InteractionAnswer> answer)
    {
        try
        {
            if (!await duplicates.FirstSightElsewhereAsync(id, background.Token))
            {
                // Another instance (or this one before a restart) took it already.
                answer.SetResult(await DiscordInteractionGuard.Refusal);
                return;
            }

            var received = Stopwatch.GetTimestamp();
            var caller = ReadCaller(interaction, router.StringsFor, out var callerError);
            if (caller is null)
            {
                answer.SetResult(callerError is null
                    ? InteractionAnswer.Bad("the interaction has no user")
                    : type == InteractionType.ApplicationCommandAutocomplete ? Choices([]) : Message(DiscordRenderer.Text(callerError, ephemeral: true)));
                return;
            }

            var data = interaction.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            if (data.ValueKind != JsonValueKind.Object)
            {
                answer.SetResult(InteractionAnswer.Bad("the interaction has no data"));
                return;
            }

            switch (type)
            {
                case InteractionType.ApplicationCommand:
                    answer.SetResult(await CommandAsync(caller, data, token, received));
                    break;
                case InteractionType.MessageComponent:
                    answer.SetResult(await ComponentAsync(caller, data, direct: Text(interaction, "guild_id") is null, token, received));
                    break;
                case InteractionType.ApplicationCommandAutocomplete:
                    answer.SetResult(await AutocompleteAsync(caller, data));
                    break;
                default:
                    answer.SetResult(Message(DiscordRenderer.Text((await router.StringsForAsync(caller, background.Token))["core.adapter.unsupported-interaction"].Value, ephemeral: true)));
                    break;
            }
        }
        catch (Exception ex)
        {
            var apology = Apology.Log(logger, ex, router.StringsFor(Text(interaction, "locale")), "Discord interaction " + id);
            answer.TrySetResult(type == InteractionType.ApplicationCommandAutocomplete ? Choices([]) : Message(Render(apology.Reply, ephemeral: true)[0]));
        }
    }

    private async Task<InteractionAnswer> CommandAsync(Caller caller, JsonElement data, string token, long received)
    {
        var path = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Text(data, "name") is not { Length: > 0 } name)
        {
            return InteractionAnswer.Bad("the command has no name");
        }

        path.Add(name);
        ReadOptions(data, data, path, values, out _);
        var request = CommandRequest.FromOptions(caller, string.Join(' ', path), values);
        var work = router.RunAsync(request, background.Token);
        if (await FinishesInTime(work))
        {
            var result = await work;
            var messages = Render(result.Reply, result.Reply.Ephemeral);
            return new InteractionAnswer(new JsonObject { ["type"] = (int)InteractionCallbackType.ChannelMessageWithSource, ["data"] = messages[0] },
                continuation: DiscordInteractionResponder.Then(responder.ImagesOnOriginal(token, messages[0], result.Reply, received), responder.FollowUps(token, messages.Skip(1), received)));
        }

        Log.Deferred(logger, string.Join(' ', path), Stopwatch.GetElapsedTime(received).TotalMilliseconds);
        return new InteractionAnswer(
            new JsonObject { ["type"] = (int)InteractionCallbackType.DeferredChannelMessageWithSource, ["data"] = new JsonObject { ["flags"] = DiscordRenderer.EphemeralFlag } },
            continuation: async ct =>
            {
                var result = await Settle(work, caller);
                var messages = Render(result.Reply, result.Reply.Ephemeral);
                if (result.Reply.Ephemeral)
                {
                    await responder.DeliverWithImagesAsync((m, files) => rest.EditOriginalAsync(token, m, ct, files), messages[0], result.Reply, token, received, ct);
                    await DiscordInteractionResponder.RunAsync(responder.FollowUps(token, messages.Skip(1), received), ct);
                    return;
                }

                // The "thinking…" message was private; the answer is for the channel.
                var note = DiscordRenderer.Text((await router.StringsForAsync(caller, ct))["core.adapter.answer-below"].Value);
                await responder.DeliverAsync(() => rest.EditOriginalAsync(token, note, ct), received, ct);
                await responder.FollowUpsWithImagesAsync(token, messages, result.Reply, received, ct);
            });
    }

    private async Task<InteractionAnswer> ComponentAsync(Caller caller, JsonElement data, bool direct, string token, long received)
    {
        var customId = Text(data, "custom_id");
        string? coalition = null;
        var parsed = direct
            ? DiscordRenderer.TryParseDirectCustomId(customId, out coalition, out var actionId, out var value)
            : DiscordRenderer.TryParseCustomId(customId, out actionId, out value);
        if (!parsed)
        {
            return Message(DiscordRenderer.Text((await router.StringsForAsync(caller, background.Token))["core.router.button-expired"].Value, ephemeral: true));
        }

        var work = router.PressAsync(new ButtonPress(caller, actionId, value), background.Token);
        if (await FinishesInTime(work))
        {
            var result = await work;
            var update = result.UpdatesOriginal;
            var messages = Render(result.Reply, !update && result.Reply.Ephemeral, coalition);
            return new InteractionAnswer(new JsonObject { ["type"] = (int)(update ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource), ["data"] = messages[0] },
                continuation: DiscordInteractionResponder.Then(responder.ImagesOnOriginal(token, messages[0], result.Reply, received), responder.FollowUps(token, messages.Skip(1), received)));
        }

        Log.Deferred(logger, "button " + actionId, Stopwatch.GetElapsedTime(received).TotalMilliseconds);
        return new InteractionAnswer(new JsonObject { ["type"] = (int)InteractionCallbackType.DeferredUpdateMessage }, continuation: async ct =>
        {
            var result = await Settle(work, caller);
            if (result.UpdatesOriginal)
            {
                var update = Render(result.Reply, ephemeral: false, coalition);
                await responder.DeliverWithImagesAsync((m, files) => rest.EditOriginalAsync(token, m, ct, files), update[0], result.Reply, token, received, ct);
                await DiscordInteractionResponder.RunAsync(responder.FollowUps(token, update.Skip(1), received), ct);
            }
            else
            {
                await responder.FollowUpsWithImagesAsync(token, Render(result.Reply, result.Reply.Ephemeral, coalition), result.Reply, received, ct);
            }
        });
    }

    private async Task<InteractionAnswer> AutocompleteAsync(Caller caller, JsonElement data)
    {
        var path = new List<string> { Text(data, "name") ?? string.Empty };
        ReadOptions(data, data, path, new Dictionary<string, string>(StringComparer.Ordinal), out var focused);
        if (focused is null)
        {
            return Choices([]);
        }

        var numeric = IsNumericOption(data, focused.Value.Name);

        using var timeout = new CancellationTokenSource(_options.DeferAfter, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, background.Token);
        try
        {
            var choices = await router.AutocompleteAsync(new AutocompleteRequest(caller, string.Join(' ', path), focused.Value.Name, focused.Value.Value), linked.Token);
            return Choices(choices, numeric);
        }
        catch (OperationCanceledException)
        {
            return Choices([]);
        }
    }

    /// <summary>The type 8 answer; an integer or number option needs numeric values, so other suggestions are left out.</summary>
    internal static InteractionAnswer Choices(IReadOnlyList<AutocompleteChoice> choices, bool numeric = false)
    {
        var list = new JsonArray();
        foreach (var choice in choices.Where(c => c.Value.Length is > 0 and <= 100))
        {
            JsonNode value = choice.Value;
            if (numeric)
            {
                if (!double.TryParse(choice.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    continue;
                }

                value = long.TryParse(choice.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : number;
            }

            var label = choice.Name.Length is > 0 and <= 100 ? choice.Name : string.Concat(choice.Name.AsSpan(0, Math.Min(99, choice.Name.Length)), "…");
            list.Add(new JsonObject { ["name"] = label, ["value"] = value });
            if (list.Count == 25)
            {
                break;
            }
        }

        return new InteractionAnswer(new JsonObject { ["type"] = (int)InteractionCallbackType.ApplicationCommandAutocompleteResult, ["data"] = new JsonObject { ["choices"] = list } });
    }

    // A deferred answer must still come: a failure that escaped the router becomes the one apology.
    private Task<CommandResult> Settle(Task<CommandResult> work, Caller caller) => Apology.GuardAsync(work, router.StringsFor(caller.Locale), logger, "A deferred Discord answer");

    private async Task<bool> FinishesInTime<T>(Task<T> work)
    {
        if (work.IsCompleted)
        {
            return true;
        }

        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(_options.DeferAfter, clock, cancel.Token);
        var first = await Task.WhenAny(work, delay);
        await cancel.CancelAsync();
        return first == work;
    }

    // A reply in a direct message keeps naming the coalition in its buttons, so they can be pressed there too.
    private IReadOnlyList<JsonObject> Render(Reply reply, bool ephemeral, string? coalition = null) =>
        DiscordRenderer.Render(reply, ephemeral, reason => Log.ButtonDropped(logger, reason), coalition);

    private static InteractionAnswer Message(JsonObject data) => new(new JsonObject { ["type"] = (int)InteractionCallbackType.ChannelMessageWithSource, ["data"] = data });

    private static partial class Log
    {
        [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Discord interaction {Id} delivered twice; answered once")]
        public static partial void Duplicate(ILogger logger, string id);

        [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Discord /{Command} deferred after {ElapsedMs:F0} ms")]
        public static partial void Deferred(ILogger logger, string command, double elapsedMs);

        [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Discord interaction callback failed: {Problem}")]
        public static partial void CallbackFailed(ILogger logger, string problem);

        [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "Discord interaction rejected: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(EventId = 137, Level = LogLevel.Warning, Message = "Discord button left out: {Reason}")]
        public static partial void ButtonDropped(ILogger logger, string reason);
    }
}
