using System.Net;
using System.Text.Json;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>One real host and fake Discord REST server shared by the tests of a class (tests in a class run one at a time).</summary>
public sealed class DiscordHttpFixture : IAsyncLifetime
{
    public FakeDiscordRest Rest { get; private set; } = null!;

    public DiscordTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rest = await FakeDiscordRest.StartAsync();
        Host = await DiscordTestHost.StartAsync(Rest);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Rest.DisposeAsync();
    }
}

/// <summary>The real host on 127.0.0.1 in Http mode, with signed interactions over HTTP and a fake Discord REST server.</summary>
public sealed class DiscordHttpEndToEndTests(DiscordHttpFixture fixture) : IClassFixture<DiscordHttpFixture>
{
    private readonly FakeDiscordRest _rest = fixture.Rest;
    private readonly DiscordTestHost _host = fixture.Host;

    [Fact]
    public async Task Ping_Signed_AnswersPongAsJson()
    {
        var response = await _host.PostAsync("""{"id":"1","type":1,"application_id":"100000000000000001","token":"t","version":1}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"type":1}""");
    }

    [Theory]
    [InlineData("missing-signature")]
    [InlineData("missing-timestamp")]
    [InlineData("malformed-hex")]
    [InlineData("short-signature")]
    [InlineData("other-timestamp")]
    [InlineData("tampered-body")]
    public async Task Interaction_BadSignature_Answers401AndRunsNothing(string how)
    {
        var body = DiscordTestHost.Command("31000000000000010" + how.Length.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), "echo", """[{"name":"who","type":6,"value":"200000000000000002"},{"name":"where","type":7,"value":"500000000000000002"},{"name":"count","type":4,"value":3}]""");
        var runsBefore = _host.State.Runs;
        var response = how == "tampered-body"
            ? await PostTamperedAsync(body)
            : await _host.PostAsync(body, (sig, ts) => how switch
            {
                "missing-signature" => (null, ts),
                "missing-timestamp" => (sig, null),
                "malformed-hex" => ("zz" + sig[2..], ts),
                "short-signature" => (sig[..64], ts),
                _ => (sig, "1767225601"),
            });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _host.State.Runs.Should().Be(runsBefore);
    }

    [Theory]
    [InlineData(-3600)]
    [InlineData(365 * 86400)]
    public async Task Interaction_SignedOutsideTheTimeWindow_Answers401AndRunsNothing(int offsetSeconds)
    {
        var body = DiscordTestHost.Command("310000000000000201", "echo", """[{"name":"count","type":4,"value":3}]""");
        var runsBefore = _host.State.Runs;

        var response = await _host.PostAsync(body, signedAt: _host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(offsetSeconds));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _host.State.Runs.Should().Be(runsBefore);
    }

    [Fact]
    public async Task Interaction_TimestampNotANumber_Answers401()
    {
        var response = await _host.PostAsync("""{"type":1}""", (sig, _) => (sig, "hello"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Interaction_SignedBodyOverTheLimit_Answers413()
    {
        var body = DiscordTestHost.Command("310000000000000202", "echo", $$"""[{"name":"note","type":3,"value":"{{new string('x', DiscordServices.MaxBodyBytes)}}"}]""");

        var response = await _host.PostAsync(body, chunked: true);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"type":2,"id":"320000000000000101","token":"\ud800tok","guild_id":"900000000000000001","member":{"user":{"id":"1"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000102","token":"tok","guild_id":"900000000000000001","member":{"user":{"id":"1","username":"\udc00"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000103","token":"tok","guild_id":"abc/../x","member":{"user":{"id":"1"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000104","token":"tok","guild_id":900000000000000001,"member":{"user":{"id":"1"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000105","token":"../../x","guild_id":"900000000000000001","member":{"user":{"id":"1"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000106","token":"tok","guild_id":"900000000000000001","member":{"user":{"id":"ana"}},"data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000107","token":"tok","guild_id":"900000000000000001","channel_id":"#general","member":{"user":{"id":"1"}},"data":{"name":"help"}}""")]
    public async Task Interaction_MalformedTextOrIds_Answers400AndRunsNothing(string body)
    {
        var runsBefore = _host.State.Runs;

        var response = await _host.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DiscordTestHost.JsonAsync(response)).GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        _host.State.Runs.Should().Be(runsBefore);
    }

    private async Task<HttpResponseMessage> PostTamperedAsync(string body)
    {
        // Sign the real body, send a different one with the same headers.
        string? signature = null, timestamp = null;
        await _host.PostAsync("""{"type":1}""", (sig, ts) => { signature = sig; timestamp = ts; return (sig, ts); });
        return await _host.PostAsync(body, (_, _) => (signature, timestamp));
    }

    [Fact]
    public async Task Command_WithEveryOptionKind_ReachesCoreAsText()
    {
        var options = """[{"name":"who","type":6,"value":"200000000000000002"},{"name":"where","type":7,"value":"500000000000000002"},{"name":"count","type":4,"value":3},{"name":"flag","type":5,"value":true},{"name":"role","type":8,"value":"600000000000000002"},{"name":"weight","type":10,"value":0.25},{"name":"note","type":3,"value":"hi @everyone <@&1> [x](https://evil.example)"}]""";

        var response = await _host.PostAsync(DiscordTestHost.Command("310000000000000002", "echo", options, permissions: "8", locale: "es-419"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await DiscordTestHost.JsonAsync(response);
        json.GetProperty("type").GetInt32().Should().Be(4);
        var data = json.GetProperty("data");
        data.TryGetProperty("flags", out _).Should().BeFalse();
        data.GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
        var description = data.GetProperty("embeds")[0].GetProperty("description").GetString();
        description.Should().Be(@"who=200000000000000002 where=500000000000000002 count=3 flag=True role=600000000000000002 weight=0.25 note=hi \@everyone \<\@&1\> \[x\]\(https://evil.example\) role-of-caller=Admin lang=es");
        data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString().Should().Be("dtest.update|7");
    }

    [Fact]
    public async Task Command_MemberWithoutPermissions_IsAMember()
    {
        var options = """[{"name":"who","type":6,"value":"2"},{"name":"where","type":7,"value":"5"},{"name":"count","type":4,"value":1}]""";

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000003", "echo", options, permissions: "2048")));

        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("role-of-caller=Member").And.Contain("lang=en");
    }

    [Fact]
    public async Task Command_DefaultSubcommand_RunsTheParentCommand()
    {
        var options = """[{"name":"run","type":1,"options":[{"name":"audience","type":3,"value":"faith"}]}]""";

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000004", "points", options)));

        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("points for faith");
    }

    [Fact]
    public async Task Command_Subcommand_RunsThatCommand()
    {
        var options = """[{"name":"rebut","type":1,"options":[{"name":"argument","type":3,"value":"funding"}]}]""";

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000005", "points", options)));

        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("rebut funding");
    }

    [Fact]
    public async Task Help_IsEphemeral()
    {
        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000006", "help")));

        json.GetProperty("type").GetInt32().Should().Be(4);
        json.GetProperty("data").GetProperty("flags").GetInt32().Should().Be(64);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString().Should().Be("Commands");
    }

    [Fact]
    public async Task Autocomplete_AnswersChoicesFromThePlugin()
    {
        var options = """[{"name":"run","type":1,"options":[{"name":"audience","type":3,"value":"f","focused":true}]}]""";

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000007", "points", options, type: 4)));

        json.GetProperty("type").GetInt32().Should().Be(8);
        json.GetProperty("data").GetProperty("choices").GetRawText().Should().Be("""[{"name":"FAITH","value":"faith"}]""");
    }

    [Fact]
    public async Task Button_ThatUpdates_AnswersUpdateMessage()
    {
        var body = DiscordTestHost.Interaction("310000000000000008", 3, """{"custom_id":"dtest.update|7","component_type":2}""");

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(body));

        json.GetProperty("type").GetInt32().Should().Be(7);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("updated 7 by 200000000000000001");
        json.GetProperty("data").GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
    }

    [Fact]
    public async Task Button_InDirectMessage_RunsInTheCoalitionTheButtonNames()
    {
        var customId = DiscordTestHost.GuildId + "~dtest.update|7";

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DirectButton("310000000000000020", customId, customId)));

        json.GetProperty("type").GetInt32().Should().Be(7);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("updated 7 by 200000000000000001");
    }

    [Fact]
    public async Task Button_InDirectMessage_NotOnTheMessage_IsRefused()
    {
        // The pressed id must be one of the buttons on the message Discord says was pressed.
        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(
            DirectButton("310000000000000021", DiscordTestHost.GuildId + "~dtest.update|7", "900000000000000002~dtest.update|7")));

        json.GetProperty("type").GetInt32().Should().Be(4);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("coalition's server");
    }

    [Fact]
    public async Task Messenger_DirectMessage_ButtonsCarryTheCoalition()
    {
        var messenger = _host.App.Services.GetRequiredService<DiscordMessenger>();
        var reply = new Reply { Text = "Task #12: call Ruiz", Buttons = [new ReplyButton("dtest.update", "Done", "12")] };

        var sent = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId),
            MessageTarget.ToUser(new UserRef("200000000000000001")), reply, CancellationToken.None);

        sent.Delivered.Should().BeTrue(sent.Error);
        var post = _rest.Calls.Last(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && c.Json.TryGetProperty("components", out _));
        post.Json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString()
            .Should().Be(DiscordTestHost.GuildId + "~dtest.update|12");
    }

    // A component interaction from a direct message: no guild or member, and the message that carried the button.
    private static string DirectButton(string id, string pressed, string onMessage)
    {
        var body = DiscordTestHost.Interaction(id, 3, $$"""{"custom_id":"{{pressed}}","component_type":2}""", guildId: null);
        var message = $$$""","message":{"id":"400000000000000001","channel_id":"500000000000000001","author":{"id":"{{{DiscordTestHost.ApplicationId}}}"},"components":[{"type":1,"components":[{"type":2,"style":3,"label":"Done","custom_id":"{{{onMessage}}}"}]}]}}""";
        return body[..^1] + message;
    }

    [Theory]
    [InlineData("no-separator")]
    [InlineData("dtest.unknown|1")]
    public async Task Button_Unknown_AnswersPrivately(string customId)
    {
        var body = DiscordTestHost.Interaction("310000000000000009", 3, $$"""{"custom_id":"{{customId}}","component_type":2}""");

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(body));

        json.GetProperty("type").GetInt32().Should().Be(4);
        json.GetProperty("data").GetProperty("flags").GetInt32().Should().Be(64);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("no longer works");
    }

    [Fact]
    public async Task SlowCommand_IsDeferredPrivately_ThenPostedThroughTheWebhook()
    {
        var response = await _host.PostAsync(DiscordTestHost.Command("310000000000000010", "slow"));
        var json = await DiscordTestHost.JsonAsync(response);
        _host.State.SlowGate.SetResult();

        json.GetRawText().Should().Be("""{"type":5,"data":{"flags":64}}""");
        var edit = await _rest.WaitForAsync(c => c.Method == "PATCH");
        edit.Path.Should().Be("/webhooks/100000000000000001/tok-310000000000000010/messages/@original");
        edit.Json.GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
        var followUp = await _rest.WaitForAsync(c => c.Method == "POST" && c.Path == "/webhooks/100000000000000001/tok-310000000000000010");
        followUp.Json.GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be(@"slow done \@everyone");
        followUp.Json.TryGetProperty("flags", out _).Should().BeFalse();
        followUp.Json.GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
        followUp.Authorization.Should().BeNull("webhook calls are authorized by the interaction token");
        followUp.UserAgent.Should().StartWith("DiscordBot (");
    }

    [Fact]
    public async Task Interaction_DeliveredTwice_RunsOnceAndAnswersTheSame()
    {
        var options = """[{"name":"who","type":6,"value":"2"},{"name":"where","type":7,"value":"5"},{"name":"count","type":4,"value":1}]""";
        var body = DiscordTestHost.Command("310000000000000011", "echo", options);
        var runsBefore = _host.State.Runs;

        var first = await (await _host.PostAsync(body)).Content.ReadAsStringAsync();
        var second = await (await _host.PostAsync(body)).Content.ReadAsStringAsync();

        second.Should().Be(first);
        _host.State.Runs.Should().Be(runsBefore + 1);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"two"}""")]
    [InlineData("""{"type":2,"id":"1"}""")]
    [InlineData("""{"type":2,"id":"x","token":"t","member":{"user":{"id":"1"}},"guild_id":"9","data":{"name":"help"}}""")]
    [InlineData("""{"type":2,"id":"320000000000000001","token":"t","guild_id":"9","member":{"user":{"id":"1"}}}""")]
    public async Task Interaction_BadBody_Answers400(string body)
    {
        var response = await _host.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Command_InDirectMessage_AsksToUseTheServer()
    {
        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000012", "help", guildId: null)));

        json.GetProperty("data").GetProperty("flags").GetInt32().Should().Be(64);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("inside your coalition's server");
    }

    [Fact]
    public async Task Start_RegistersCommandsWithOneBulkOverwrite()
    {
        var put = await _rest.WaitForAsync(c => c.Method == "PUT");

        put.Path.Should().Be("/applications/100000000000000001/commands");
        put.Authorization.Should().Be("Bot test-bot-token");
        put.UserAgent.Should().MatchRegex(@"^DiscordBot \(https?://[^,]+, [0-9.]+\)");
        var names = put.Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        names.Should().Equal("echo", "help", "picture", "points", "slow");
        var points = put.Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "points");
        points.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()).Should().Equal("rebut", "run");
        _rest.Calls.Count(c => c.Method == "PUT").Should().Be(1);
    }

    [Fact]
    public async Task Messenger_ChannelMessage_RetriesAfter429AndDelivers()
    {
        _rest.Answer429(1);
        var messenger = _host.App.Services.GetServices<IMessenger>().Single(m => m.Platform == Platform.Discord);

        var result = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId),
            MessageTarget.ToChannel(new ChannelRef("500000000000000003")), new Reply { Title = "Reminder", Text = "Council meets at 6 @here" }, CancellationToken.None);

        result.Delivered.Should().BeTrue(result.Error);
        var posts = _rest.Calls.Where(c => c.Path == "/channels/500000000000000003/messages").ToList();
        posts.Should().HaveCount(2);
        posts[1].Json.GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
        posts[1].Json.GetProperty("nonce").GetString().Should().Be(posts[0].Json.GetProperty("nonce").GetString());
        posts[1].Authorization.Should().Be("Bot test-bot-token");
    }

    [Fact]
    public async Task Messenger_DirectMessageClosed_FailsWithoutRetry()
    {
        var messenger = _host.App.Services.GetRequiredService<DiscordMessenger>();

        var delivered = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId),
            MessageTarget.ToUser(new UserRef("200000000000000005")), new Reply { Text = "Your task is due" }, CancellationToken.None);
        var blocked = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId),
            MessageTarget.ToChannel(new ChannelRef("700000000000000099")), new Reply { Text = "Your task is due" }, CancellationToken.None);

        delivered.Delivered.Should().BeTrue();
        _rest.Calls.Should().Contain(c => c.Path == "/users/@me/channels" && c.Json.GetProperty("recipient_id").GetString() == "200000000000000005");
        _rest.Calls.Should().Contain(c => c.Path == "/channels/700000000000000077/messages");
        blocked.Delivered.Should().BeFalse();
        blocked.Retryable.Should().BeFalse();
        blocked.Error.Should().Be("core.delivery.discord.cannot-dm");
    }

    [Fact]
    public async Task Healthz_ListsTheDiscordAdapterRunning()
    {
        await _rest.WaitForAsync(c => c.Method == "PUT");

        var json = JsonDocument.Parse(await _host.Http.GetStringAsync("/healthz")).RootElement;

        var discord = json.GetProperty("adapters").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "discord");
        discord.GetProperty("running").GetBoolean().Should().BeTrue();
    }
}
