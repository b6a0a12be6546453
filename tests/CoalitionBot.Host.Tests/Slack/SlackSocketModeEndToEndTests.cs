using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Host.Tests.Slack;

public sealed class SlackSocketModeEndToEndTests
{
    [Fact]
    public async Task SocketMode_HelloEnvelopesRefreshAndLinkDisabled_AcksEverythingReconnectsThenStops()
    {
        await using var host = await SlackHost.StartAsync(new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:AppToken"] = "xapp-test",
            ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
        });
        var slack = host.Slack;

        var first = await NextSocketAsync(slack);
        slack.CallsOf("apps.connections.open").Should().ContainSingle().Which.Authorization.Should().Be("Bearer xapp-test");
        slack.CallsOf("apps.connections.open")[0].Body.Should().NotContain("xapp-test", "the app token goes in the header only");
        await first.SendAsync("""{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"},"debug_info":{"host":"fake","approximate_connection_time":18060} }""");

        // A slash command: the answer rides on the acknowledgement.
        await first.SendAsync($$"""
            {"envelope_id":"env-cmd","type":"slash_commands","accepts_response_payload":true,
             "payload":{"team_id":"T1","user_id":"U1","user_name":"ana","channel_id":"C1","channel_name":"general","command":"/probe","text":"echo <@U123|ana> <#C123|general> count:4","response_url":"{{slack.ResponseUrl("sm-cmd")}}"} }
            """);
        var ack = (await first.ReceiveAsync())!.Value;
        ack.GetProperty("envelope_id").GetString().Should().Be("env-cmd");
        ack.GetProperty("payload").GetProperty("text").GetString().Should().Contain("who=U123 name=ana where=C123 channel=general note= count=4");
        ack.GetProperty("payload").GetProperty("response_type").GetString().Should().Be("in_channel");

        // A button: acknowledged at once, answered through response_url.
        await first.SendAsync($$"""
            {"envelope_id":"env-btn","type":"interactive","accepts_response_payload":false,
             "payload":{"type":"block_actions","user":{"id":"U1","username":"ana","team_id":"T1"},"team":{"id":"T1"},"channel":{"id":"C1"},
                        "response_url":"{{slack.ResponseUrl("sm-btn")}}","actions":[{"type":"button","action_id":"probe.pick","value":"z"}]} }
            """);
        (await first.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString().Should().Be("env-btn");
        (await slack.WaitForAsync("response/sm-btn")).Single().Json.GetProperty("text").GetString().Should().Be("picked z by U1");

        // An event, then its retry on the same socket: both acknowledged, handled once.
        foreach (var envelope in new[] { "env-ev", "env-ev-retry" })
        {
            await first.SendAsync($$"""
                {"envelope_id":"{{envelope}}","type":"events_api","accepts_response_payload":false,"retry_attempt":0,
                 "payload":{"type":"event_callback","team_id":"T1","event_id":"EvSocket1","event":{"type":"app_mention","user":"U1","channel":"CSOCK","ts":"5.5"} } }
                """);
            (await first.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString().Should().Be(envelope);
        }

        await slack.WaitForAsync("chat.postMessage");

        // Refresh: the replacement socket opens before the old one closes.
        await first.SendAsync("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"fake"} }""");
        var second = await NextSocketAsync(slack);
        (await first.ReceiveAsync()).Should().BeNull("the old socket is closed after the new one opened");
        slack.SocketLog.Should().ContainInOrder("open 1", "open 2", "close 1");
        await second.SendAsync("""{"type":"hello","num_connections":1}""");

        // Socket Mode switched off: the bot stops and says so, without a reconnect loop.
        await second.SendAsync("""{"type":"disconnect","reason":"link_disabled"}""");
        var health = await WaitForDegradedAsync(host);
        var adapter = health.GetProperty("adapters").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "slack");
        adapter.GetProperty("running").GetBoolean().Should().BeFalse();
        adapter.GetProperty("problem").GetString().Should().Contain("link_disabled");
        slack.CallsOf("apps.connections.open").Should().HaveCount(2);
        slack.CallsOf("chat.postMessage").Where(c => c.Json.GetProperty("channel").GetString() == "CSOCK").Should().ContainSingle();
    }

    [Fact]
    public async Task SocketMode_OpenFailsThenSucceeds_RetriesAndConnects()
    {
        await using var host = await StartWithScriptAsync(slack => slack.Then("apps.connections.open", 200, """{"ok":false,"error":"internal_error"}"""));

        var socket = await NextSocketAsync(host.Slack);

        socket.Ticket.Should().Be("1");
        host.Slack.CallsOf("apps.connections.open").Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task SocketMode_AppTokenRefused_StopsAndReportsWithoutLooping()
    {
        await using var host = await StartWithScriptAsync(slack => slack.Then("apps.connections.open", 200, """{"ok":false,"error":"invalid_auth"}"""));

        var health = await WaitForDegradedAsync(host);

        health.GetProperty("adapters").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "slack")
            .GetProperty("problem").GetString().Should().Contain("invalid_auth").And.Contain("CoalitionBot:Slack:AppToken").And.NotContain("xapp-test");
        host.Slack.CallsOf("apps.connections.open").Should().ContainSingle();
    }

    [Fact]
    public async Task SocketMode_ServerNeverSaysHello_WatchdogReplacesTheConnection()
    {
        await using var host = await SlackHost.StartAsync(new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:AppToken"] = "xapp-test",
            ["CoalitionBot:Slack:SocketHelloTimeout"] = "00:00:00.500",
        });

        var silent = await NextSocketAsync(host.Slack);
        var replacement = await NextSocketAsync(host.Slack);

        (await silent.ReceiveAsync()).Should().BeNull("the silent socket was dropped");
        replacement.Ticket.Should().Be("2");
        await replacement.SendAsync("""{"type":"hello"}""");
        await replacement.SendAsync("""{"envelope_id":"after-watchdog","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"EvW","event":{"type":"reaction_added"} } }""");
        (await replacement.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString().Should().Be("after-watchdog");
    }

    [Fact]
    public async Task SocketMode_ServerGoesSilentAfterHello_PingWatchdogReconnects()
    {
        await using var host = await SlackHost.StartAsync(new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:AppToken"] = "xapp-test",
            ["CoalitionBot:Slack:SocketKeepAlive"] = "00:00:00.300",
        });
        var first = await NextSocketAsync(host.Slack);
        await first.SendAsync("""{"type":"hello"}""");

        first.FreezeAfterNextFrame();
        await first.SendAsync("""{"envelope_id":"last-words","type":"events_api","payload":{"type":"event_callback","team_id":"T1","event_id":"EvS","event":{"type":"reaction_added"} } }""");
        (await first.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString().Should().Be("last-words");

        var second = await NextSocketAsync(host.Slack);
        second.Ticket.Should().Be("2");
        host.Slack.CallsOf("apps.connections.open").Should().HaveCount(2);
    }

    [Fact]
    public async Task SocketMode_TwoInstancesWithTheirOwnConnections_AnEnvelopeRedeliveredToTheOther_IsHandledOnce()
    {
        var folder = HostProcess.NewWorkingDirectory();
        var settings = new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:AppToken"] = "xapp-test",
            ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
            ["CoalitionBot:Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "shared.db")}",
        };
        await using var a = await SlackHost.StartAsync(settings);
        await using var b = await SlackHost.StartAsync(settings);
        var sockets = new[] { await NextSocketAsync(a.Slack), await NextSocketAsync(b.Slack) };
        foreach (var socket in sockets)
        {
            await socket.SendAsync("""{"type":"hello","num_connections":2}""");
        }

        // Slack did not see the first acknowledgement in time and sends the same command (same trigger_id) to the other connection.
        var answers = new List<JsonElement>();
        foreach (var (socket, envelope) in new[] { (sockets[0], "env-1"), (sockets[1], "env-1-again") })
        {
            await socket.SendAsync($$"""
                {"envelope_id":"{{envelope}}","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"team_id":"T1","user_id":"U1","user_name":"ana","channel_id":"C1","command":"/probe","text":"echo <@U123> <#C123> count:1","trigger_id":"13345224609.1.abc","response_url":"https://hooks.slack.test/x"} }
                """);
            answers.Add((await socket.ReceiveAsync())!.Value);
        }

        // The same for an event, whose retry reaches the other instance.
        foreach (var (socket, envelope) in new[] { (sockets[1], "env-2"), (sockets[0], "env-2-retry") })
        {
            await socket.SendAsync($$"""
                {"envelope_id":"{{envelope}}","type":"events_api","accepts_response_payload":false,"retry_attempt":0,
                 "payload":{"type":"event_callback","team_id":"T1","event_id":"EvCluster1","event":{"type":"app_mention","user":"U1","channel":"CSOCK","ts":"5.5"} } }
                """);
            (await socket.ReceiveAsync())!.Value.GetProperty("envelope_id").GetString().Should().Be(envelope);
        }

        await a.App.Services.GetRequiredService<CoalitionBot.Adapters.Slack.SlackDispatcher>().WaitIdleAsync();
        await b.App.Services.GetRequiredService<CoalitionBot.Adapters.Slack.SlackDispatcher>().WaitIdleAsync();

        answers[0].GetProperty("payload").GetProperty("text").GetString().Should().Contain("count=1");
        answers[1].TryGetProperty("payload", out _).Should().BeFalse("the copy is acknowledged and not run again");
        (a.Slack.CallsOf("chat.postMessage").Count + b.Slack.CallsOf("chat.postMessage").Count).Should().Be(1, "the mention is answered once");
    }

    [Fact]
    public async Task NoSlackSettings_SlackEndpointsAreNotThere()
    {
        var folder = HostProcess.NewWorkingDirectory();
        await using var app = await Program.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--CoalitionBot:PluginsFile", Path.Combine(folder, "plugins.json"),
            "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bot.db")}",
            "--CoalitionBot:Console:Enabled", "false",
        ]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync("/slack/commands", new StringContent("ssl_check=1"));
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        await app.StopAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        health.GetProperty("adapters").EnumerateArray().Should().NotContain(a => a.GetProperty("name").GetString() == "slack");
    }

    private static async Task<SlackHost> StartWithScriptAsync(Action<FakeSlackServer> script)
    {
        // The script must be in place before the bot's first call: start the host, whose fake Slack answers by script.
        var host = await SlackHost.StartAsync(
            new Dictionary<string, string> { ["CoalitionBot:Slack:AppToken"] = "xapp-test" },
            clock: null,
            beforeStart: script);
        return host;
    }

    private static async Task<FakeSocket> NextSocketAsync(FakeSlackServer slack)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await slack.Sockets.Reader.ReadAsync(timeout.Token);
    }

    private static async Task<JsonElement> WaitForDegradedAsync(SlackHost host)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await host.Http.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the adapter should report that it stopped");
            await Task.Delay(50);
        }
    }
}
