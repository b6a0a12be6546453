using System.Net;
using System.Text.Json;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoalitionBot.Adapters.Tests.Slack;

/// <summary>The dispatcher on the real router and plugin pipeline (in-memory), with Slack's Web API faked.</summary>
public sealed class SlackDispatcherTests : IAsyncLifetime
{
    private TestBot _bot = null!;
    private FakeSlackHttp _http = null!;

    private SlackDispatcher Dispatcher => _bot.Services.GetRequiredService<SlackDispatcher>();

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartAsync(
            plugins: ["help"],
            extraPlugins: [(new ProbePlugin(), null)],
            configuration: new Dictionary<string, string?>
            {
                ["CoalitionBot:Slack:SigningSecret"] = "secret",
                ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
                ["CoalitionBot:Slack:ApiBaseUrl"] = "https://slack.test/api/",
                ["CoalitionBot:Slack:HooksBaseUrl"] = "https://hooks.slack.test/",
                ["CoalitionBot:Slack:Admins:0"] = "UADMIN",
            },
            configure: services =>
            {
                services.AddSlack();
                services.RemoveAll<IHttpClientFactory>();
                services.AddSingleton<IHttpClientFactory>(sp => new FakeSlackHttp(sp.GetRequiredService<TimeProvider>()));
            });
        _http = (FakeSlackHttp)_bot.Services.GetRequiredService<IHttpClientFactory>();
        _http.DefaultJson = method => method == "users.info"
            ? """{"ok":true,"user":{"id":"U1","locale":"en-US","profile":{"display_name":"Ana P"}}}"""
            : """{"ok":true}""";
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task CommandAsync_SlackEscapedMentionsQuotesAndNamedOptions_ReachThePluginAsTypedValues()
    {
        var answer = (await Dispatcher.CommandAsync(Command("/probe", "echo <@U123|ana> <#C123|general> note:\"call Ruiz tomorrow\" count:3"), CancellationToken.None))!.ToJson();

        var text = answer!["text"]!.GetValue<string>();
        text.Should().Contain("who=U123 name=ana where=C123 channel=general note=call Ruiz tomorrow count=3");
    }

    [Fact]
    public async Task CommandAsync_MentionsWithoutLabels_StillParse()
    {
        var answer = (await Dispatcher.CommandAsync(Command("/probe", "echo <@U123> <#C9>"), CancellationToken.None))!.ToJson();

        answer!["text"]!.GetValue<string>().Should().Contain("who=U123 name=U123 where=C9");
    }

    [Fact]
    public async Task CommandAsync_WorkspaceAndPerson_BecomeTenantCallerAndDisplayName()
    {
        var answer = (await Dispatcher.CommandAsync(Command("/probe", "echo <@U2> <#C1>", team: "T42"), CancellationToken.None))!.ToJson();

        var text = answer!["text"]!.GetValue<string>();
        text.Should().Contain("tenant=slack:T42").And.Contain("caller=U1").And.Contain("role=Member");
        answer["response_type"]!.GetValue<string>().Should().Be("in_channel");
    }

    [Fact]
    public async Task CommandAsync_ConfiguredAdmin_GetsTheAdminRole()
    {
        var answer = (await Dispatcher.CommandAsync(Command("/probe", "echo <@U2> <#C1>", user: "UADMIN"), CancellationToken.None))!.ToJson();

        answer!["text"]!.GetValue<string>().Should().Contain("role=Admin");
    }

    [Fact]
    public async Task CommandAsync_StoredLeadGrant_LetsTheMemberRunLeadCommands()
    {
        var tenant = TenantId.For(Platform.Slack, "T1");
        (await Dispatcher.CommandAsync(Command("/probe", "leads"), CancellationToken.None))!.ToJson()["response_type"]!.GetValue<string>().Should().Be("ephemeral");
        await _bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.LeadGrants.Add(new LeadGrant { SubjectKind = LeadSubject.User, SubjectId = "U1", GrantedBy = "UADMIN" });
            return await db.SaveChangesAsync();
        });

        var answer = (await Dispatcher.CommandAsync(Command("/probe", "leads"), CancellationToken.None))!.ToJson();

        answer!["text"]!.GetValue<string>().Should().Contain("lead area, role=Lead");
    }

    [Fact]
    public async Task CommandAsync_SpanishSlackLocale_AnswersInSpanish()
    {
        _http.DefaultJson = method => method == "users.info"
            ? """{"ok":true,"user":{"id":"U7","locale":"es-LA","profile":{"display_name":""},"real_name":"Rosa"}}"""
            : """{"ok":true}""";

        var answer = (await Dispatcher.CommandAsync(Command("/probe", "echo <@U2> <#C1>", user: "U7"), CancellationToken.None))!.ToJson();
        (await Dispatcher.CommandAsync(Command("/probe", "echo <@U2> <#C1>", user: "U7"), CancellationToken.None))!.ToJson();

        answer!["text"]!.GetValue<string>().Should().Contain("lang=es");
        var lookups = _http.Requests.Where(r => r.Method == "users.info").ToList();
        lookups.Should().ContainSingle("the locale is cached per person");
        lookups[0].Uri.Query.Should().Contain("include_locale=true");
    }

    [Fact]
    public async Task CommandAsync_UnknownCommand_AnswersOnlyTheCaller()
    {
        var answer = (await Dispatcher.CommandAsync(Command("/tpp", "council"), CancellationToken.None))!.ToJson();

        answer!["response_type"]!.GetValue<string>().Should().Be("ephemeral");
        answer["text"]!.GetValue<string>().Should().Contain("I don't know");
    }

    [Fact]
    public async Task Event_SameEventIdTwice_HandlesItOnce()
    {
        var callback = Event("Ev1", "C5");

        (await Dispatcher.EventAsync(callback)).Should().BeTrue();
        (await Dispatcher.EventAsync(callback)).Should().BeFalse();
        (await Dispatcher.EventAsync(Event("Ev2", "C6"))).Should().BeTrue();
        await Dispatcher.WaitIdleAsync();

        _http.Requests.Where(r => r.Method == "chat.postMessage").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("channel").GetString())
            .Should().BeEquivalentTo(["C5", "C6"]);
    }

    [Fact]
    public async Task Event_AlreadyHandledByAnotherInstance_Dropped()
    {
        (await AnotherInstance().FirstSightAsync("slack:event:Ev9", CoalitionBot.Adapters.Edge.DeliveryGuard.Memory, CancellationToken.None)).Should().BeTrue();

        (await Dispatcher.EventAsync(Event("Ev9", "C5"))).Should().BeFalse();
        await Dispatcher.WaitIdleAsync();

        _http.Requests.Should().NotContain(r => r.Method == "chat.postMessage");
    }

    [Fact]
    public async Task CommandAsync_SameTriggerDeliveredTwice_RunsOnce_OtherTriggersRun()
    {
        var first = await Dispatcher.CommandAsync(Command("/probe", "say hello", trigger: "13345224609.738474920.8088930838d88f008e0"), CancellationToken.None);
        var again = await Dispatcher.CommandAsync(Command("/probe", "say hello", trigger: "13345224609.738474920.8088930838d88f008e0"), CancellationToken.None);
        var other = await Dispatcher.CommandAsync(Command("/probe", "say hello", trigger: "13345224609.738474920.0000000000000000000"), CancellationToken.None);

        first.Should().NotBeNull();
        again.Should().BeNull("a redelivered command is acknowledged and not run again");
        other.Should().NotBeNull();
    }

    [Fact]
    public async Task Press_SameTriggerOnAnotherInstance_NotRunHere()
    {
        (await AnotherInstance().FirstSightAsync("slack:press:T-press-1", CoalitionBot.Adapters.Edge.DeliveryGuard.Memory, CancellationToken.None)).Should().BeTrue();
        var action = new BlockAction(new SlackOrigin(TenantId.For(Platform.Slack, "T1"), "U1", "ana", "C1", "general"), "probe.swap", "b", ResponseUrl: null, MessageTs: "171.1")
        {
            TriggerId = "T-press-1",
        };

        Dispatcher.Press(action);
        await Dispatcher.WaitIdleAsync();

        _http.Requests.Should().NotContain(r => r.Method == "chat.update");
    }

    [Fact]
    public void Read_TriggerId_KeptOnCommandAndPress()
    {
        Command("/probe", "say hi", trigger: "1.2.abc").TriggerId.Should().Be("1.2.abc");
        var press = BlockAction.FromJson(JsonDocument.Parse("""
            { "type": "block_actions", "trigger_id": "9.8.xyz", "team": { "id": "T1" }, "user": { "id": "U1" }, "actions": [ { "action_id": "a", "value": "v" } ] }
            """).RootElement, out _);
        press!.TriggerId.Should().Be("9.8.xyz");
    }

    private DeliveryLog AnotherInstance() => new(
        _bot.Services.GetRequiredService<IServiceScopeFactory>(),
        new BotInstance(Microsoft.Extensions.Options.Options.Create(new ClusterOptions { InstanceName = "other" })),
        _bot.Services.GetRequiredService<TimeProvider>());

    [Fact]
    public async Task Press_UpdatingButtonWithoutResponseUrl_UsesChatUpdate()
    {
        var action = new BlockAction(new SlackOrigin(TenantId.For(Platform.Slack, "T1"), "U1", "ana", "C1", "general"), "probe.swap", "b", ResponseUrl: null, MessageTs: "171.1");

        Dispatcher.Press(action);
        await Dispatcher.WaitIdleAsync();

        var update = _http.Requests.Should().ContainSingle(r => r.Method == "chat.update").Subject;
        update.Body.Should().Contain("\"ts\":\"171.1\"").And.Contain("swapped b");
    }

    private static SlashCommand Command(string command, string text, string team = "T1", string user = "U1", string? trigger = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["team_id"] = team, ["user_id"] = user, ["user_name"] = "ana", ["channel_id"] = "C1", ["channel_name"] = "general",
            ["command"] = command, ["text"] = text, ["response_url"] = "https://hooks.slack.test/commands/1",
        };
        if (trigger is not null)
        {
            fields["trigger_id"] = trigger;
        }

        return SlashCommand.Read(name => fields.GetValueOrDefault(name), out _)!;
    }

    private static JsonElement Event(string id, string channel) => JsonDocument.Parse($$"""
        { "type": "event_callback", "team_id": "T1", "event_id": "{{id}}",
          "event": { "type": "app_mention", "user": "U1", "channel": "{{channel}}", "ts": "1.2", "text": "<@UBOT> hi" } }
        """).RootElement;
}
