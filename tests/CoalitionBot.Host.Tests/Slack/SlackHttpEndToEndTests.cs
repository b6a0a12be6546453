using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Host.Tests.Slack;

/// <summary>One real host in HTTP mode for the whole class, on a fake clock, talking to a fake Slack.</summary>
public sealed class SlackHttpHostFixture : IAsyncLifetime
{
    internal SlackHost Host { get; private set; } = null!;

    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => Host = await SlackHost.StartAsync(
        new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:SigningSecret"] = SlackHost.SigningSecret,
            ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
            ["CoalitionBot:Slack:Admins:0"] = "UADMIN",
        },
        Clock);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SlackHttpEndToEndTests(SlackHttpHostFixture fixture) : IClassFixture<SlackHttpHostFixture>
{
    private SlackHost Host => fixture.Host;

    private SlackDispatcher Dispatcher => Host.App.Services.GetRequiredService<SlackDispatcher>();

    [Fact]
    public async Task Commands_SignedHelp_AnswersInlineWithBlockKit()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/help", ""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("response_type").GetString().Should().Be("ephemeral");
        json.GetProperty("text").GetString().Should().StartWith("Commands");
        var blocks = json.GetProperty("blocks");
        blocks[0].GetProperty("type").GetString().Should().Be("header");
        blocks.EnumerateArray().Select(b => b.ToString()).Should().Contain(b => b.Contains("/probe echo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_SlackEscapedArguments_ReachThePluginTyped()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/probe", "echo <@U123|ana> <#C123|general> note:\"call Ruiz\" count:2", user: "UADMIN"));

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("text").GetString().Should().Contain("who=U123 name=ana where=C123 channel=general note=call Ruiz count=2 role=Admin");
        json.GetProperty("response_type").GetString().Should().Be("in_channel");
    }

    [Fact]
    public async Task Commands_WrongSignature_Is401AndNothingRuns()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/probe", "say hi", responseId: "forged"), secret: "not-the-secret");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        Host.Slack.CallsOf("response/forged").Should().BeEmpty();
    }

    [Fact]
    public async Task Commands_StaleTimestamp_Is401()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/help", ""), signedAt: fixture.Clock.GetUtcNow().AddMinutes(-6));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Endpoints_NoSignatureHeaders_Are401(string path)
    {
        using var response = await Host.Http.PostAsync(path, new StringContent("""{"type":"url_verification","challenge":"x"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/slack/events", """{"type":"url_verification","challenge":"\udc00"}""")]
    [InlineData("/slack/events", """{"type":"event_callback","team_id":"T1","event_id":"\ud800","event":{"type":"app_mention"}}""")]
    [InlineData("/slack/events", """{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"app_mention","\udfff":1}}""")]
    [InlineData("/slack/events", """{"type":"event_callback","event":""" + """[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""")]
    public async Task Events_MalformedTextOrDeepNesting_Is400WithAReason(string path, string body)
    {
        using var response = await Host.PostSignedAsync(path, body, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("Bad request: ");
    }

    [Fact]
    public async Task Interactions_LoneSurrogateInAButtonValue_Is400AndRunsNothing()
    {
        var body = Interaction("probe.pick", "\\ud800x", "surrogate");

        using var response = await Host.PostSignedAsync("/slack/interactions", body);
        await Dispatcher.WaitIdleAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Host.Slack.CallsOf("response/surrogate").Should().BeEmpty();
    }

    [Theory]
    [InlineData("team_id", "T1/../x")]
    [InlineData("channel_id", "C1 x")]
    public async Task Commands_IdNotInSlacksSyntax_Is400(string field, string value)
    {
        var form = Host.CommandForm("/help", "").Replace(field + "=" + (field == "team_id" ? "T1" : "C1"), field + "=" + Uri.EscapeDataString(value), StringComparison.Ordinal);

        using var response = await Host.PostSignedAsync("/slack/commands", form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Commands_OversizedBody_Is413()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/probe", "say " + new string('x', 600 * 1024)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Commands_SignedButWithoutTeam_Is400()
    {
        using var response = await Host.PostSignedAsync("/slack/commands", "user_id=U1&command=%2Fhelp&text=");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("team_id");
    }

    [Fact]
    public async Task Commands_SslCheck_Is200WithoutSignature()
    {
        using var response = await Host.Http.PostAsync("/slack/commands", new StringContent("ssl_check=1&token=abc", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Events_UrlVerification_EchoesTheChallenge()
    {
        using var response = await Host.PostSignedAsync("/slack/events", """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString().Should().Be("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    [Fact]
    public async Task Events_NotJson_Is400()
    {
        using var response = await Host.PostSignedAsync("/slack/events", "{not json", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Events_RetriedDelivery_IsHandledOnce()
    {
        string Mention(string id, string channel) => $$"""
            {"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"{{id}}","event_time":1,
             "event":{"type":"app_mention","user":"U1","channel":"{{channel}}","ts":"1.1","text":"<@UBOT> hi"} }
            """;

        (await Host.PostSignedAsync("/slack/events", Mention("EvDup1", "CM1"), "application/json")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Host.PostSignedAsync("/slack/events", Mention("EvDup1", "CM1"), "application/json", headers: new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await Host.PostSignedAsync("/slack/events", Mention("EvDup2", "CM2"), "application/json")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Dispatcher.WaitIdleAsync();

        var posts = Host.Slack.CallsOf("chat.postMessage").Select(c => c.Json.GetProperty("channel").GetString()).Where(c => c!.StartsWith("CM", StringComparison.Ordinal));
        posts.Should().BeEquivalentTo(["CM1", "CM2"]);
    }

    [Fact]
    public async Task Interactions_ButtonPress_RunsTheHandlerAndAnswersThroughResponseUrl()
    {
        using var command = await Host.PostSignedAsync("/slack/commands", Host.CommandForm("/probe", "buttons"));
        var button = (await command.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocks").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
        button.GetProperty("action_id").GetString().Should().Be("probe.pick");

        using var press = await Host.PostSignedAsync("/slack/interactions", Interaction(button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString()!, "press1"));
        await Dispatcher.WaitIdleAsync();

        press.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = Host.Slack.CallsOf("response/press1").Should().ContainSingle().Subject.Json;
        answer.GetProperty("text").GetString().Should().Be("picked a by U1");
        answer.GetProperty("replace_original").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Interactions_ButtonThatUpdates_ReplacesTheOriginalMessage()
    {
        using var press = await Host.PostSignedAsync("/slack/interactions", Interaction("probe.swap", "b", "press2"));
        await Dispatcher.WaitIdleAsync();

        var answer = Host.Slack.CallsOf("response/press2").Should().ContainSingle().Subject.Json;
        answer.GetProperty("replace_original").GetBoolean().Should().BeTrue();
        answer.GetProperty("text").GetString().Should().Be("swapped b");
    }

    [Fact]
    public async Task Interactions_PayloadNotJson_Is400()
    {
        using var response = await Host.PostSignedAsync("/slack/interactions", "payload=%7Bnope");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Commands_SlowCommand_AcknowledgesAtOnceThenAnswersThroughResponseUrl()
    {
        var request = Host.PostSignedAsync("/slack/commands", Host.CommandForm("/probe", "slow", responseId: "slow1"));
        await Host.Gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The handler is stuck; fake time passes the inline budget and the request must be acknowledged.
        for (var i = 0; i < 100 && !request.IsCompleted; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(10);
        }

        using var ack = await request.WaitAsync(TimeSpan.FromSeconds(15));
        ack.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ack.Content.ReadAsStringAsync()).Should().BeEmpty();
        Host.Slack.CallsOf("response/slow1").Should().BeEmpty();

        Host.Gate.Release.SetResult();
        var answer = (await Host.Slack.WaitForAsync("response/slow1")).Single().Json;
        answer.GetProperty("text").GetString().Should().Be("slow done");
        answer.GetProperty("response_type").GetString().Should().Be("in_channel");
    }

    [Fact]
    public async Task Messenger_SlackErrors_BecomeSendResults()
    {
        var messenger = Host.App.Services.GetServices<IMessenger>().Single(m => m.Platform == Platform.Slack);
        var tenant = TenantId.For(Platform.Slack, "T1");
        Host.Slack.Then("chat.postMessage", 200, """{"ok":false,"error":"not_in_channel"}""");
        Host.Slack.Then("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 90);

        var notInChannel = await messenger.SendAsync(tenant, MessageTarget.ToChannel(new ChannelRef("CX1")), new Reply { Text = "Hearing tonight" }, CancellationToken.None);

        // A 429 pauses chat.postMessage for its workspace only: another team here, so the tests after this one are not held.
        var limited = await messenger.SendAsync(TenantId.For(Platform.Slack, "TLIMITED"), MessageTarget.ToChannel(new ChannelRef("CX2")), new Reply { Text = "Hearing tonight" }, CancellationToken.None);
        var dm = await messenger.SendAsync(tenant, MessageTarget.ToUser(new UserRef("U9", "rosa")), new Reply { Text = "Your task" }, CancellationToken.None);

        notInChannel.Should().Be(SendResult.Failed("core.delivery.slack.not-in-channel", retryable: false), "an error an organizer can fix says what to do, in their language");
        limited.Should().Be(SendResult.Failed("core.delivery.slack.error {\"code\":\"ratelimited\"}", retryable: true, TimeSpan.FromSeconds(90)));
        dm.Should().Be(SendResult.Ok);
        Host.Slack.CallsOf("conversations.open").Should().Contain(c => c.Json.GetProperty("users").GetString() == "U9");
        Host.Slack.CallsOf("chat.postMessage").Should().Contain(c => c.Json.GetProperty("channel").GetString() == "D100")
            .Which.Authorization.Should().Be("Bearer xoxb-test");
    }

    [Fact]
    public async Task Messenger_429WithRetryAfter_PausesThenDeliversOnce()
    {
        var messenger = Host.App.Services.GetServices<IMessenger>().Single(m => m.Platform == Platform.Slack);
        var tenant = TenantId.For(Platform.Slack, "TPACED");
        Host.Slack.Then("chat.postMessage", 429, """{"ok":false,"error":"ratelimited"}""", retryAfter: 2);
        var before = Host.Slack.CallsOf("chat.postMessage").Count;

        var sending = messenger.SendAsync(tenant, MessageTarget.ToChannel(new ChannelRef("CPACED")), new Reply { Text = "Council at six" }, CancellationToken.None);
        await Host.Slack.WaitForAsync("chat.postMessage", before + 1);
        var paused = fixture.Clock.GetUtcNow();

        // Fake time moves on in small steps (the 429 reaches the client a moment after the fake server saw the call).
        for (var step = 0; step < 200 && !sending.IsCompleted; step++)
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(sending, Task.Delay(20));
        }

        var sent = await sending.WaitAsync(TimeSpan.FromSeconds(15));
        (fixture.Clock.GetUtcNow() - paused).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "the retry waits out Retry-After");

        sent.Should().Be(SendResult.Ok);
        Host.Slack.CallsOf("chat.postMessage").Skip(before).Should().HaveCount(2)
            .And.OnlyContain(c => c.Json.GetProperty("channel").GetString() == "CPACED");
    }

    [Fact]
    public async Task Healthz_ListsSlackAsRunning()
    {
        var health = await Host.Http.GetFromJsonAsync<JsonElement>("/healthz");

        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("adapters").EnumerateArray().Should().Contain(a => a.GetProperty("name").GetString() == "slack" && a.GetProperty("running").GetBoolean());
    }

    private string Interaction(string actionId, string value, string responseId)
    {
        var payload = $$"""
            {"type":"block_actions","user":{"id":"U1","username":"ana","team_id":"T1"},"api_app_id":"A1","token":"legacy",
             "container":{"type":"message","message_ts":"1.1","channel_id":"C1","is_ephemeral":true},"trigger_id":"1.2.{{Guid.NewGuid():N}}",
             "team":{"id":"T1","domain":"coalition"},"channel":{"id":"C1","name":"general"},
             "response_url":"{{Host.Slack.ResponseUrl(responseId)}}",
             "actions":[{"action_id":"{{actionId}}","block_id":"b1","text":{"type":"plain_text","text":"x"},"value":"{{value}}","type":"button","action_ts":"1.3"}]}
            """;
        return "payload=" + Uri.EscapeDataString(payload);
    }
}
