using System.Diagnostics;
using System.Text.Json;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Host.Tests.Discord;
using CoalitionBot.Host.Tests.Slack;
using CoalitionBot.Testing;

namespace CoalitionBot.Host.Tests;

/// <summary>
/// Several real host processes on one PostgreSQL database, as an operator runs them behind a load balancer: a change made
/// through one is honoured by another within a second, a delivery that reaches two is handled once, and a killed instance's
/// claimed reminders are sent by the other after the lease, none twice. Skipped without a test server (COALITIONBOT_TEST_POSTGRES).
/// </summary>
public sealed class ClusterProcessTests : IAsyncLifetime
{
    private const string Admin = "UADMIN";
    private static readonly string[] InstanceNames = ["host-a", "host-b"];
    // An upper bound, not a wait: on a loaded CI machine three hosts migrating one after another can take most of a minute.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    private readonly List<IAsyncDisposable> _owned = [];
    private FakeSlackServer _slack = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        if (TestPostgres.ConnectionString is null)
        {
            return;
        }

        _slack = await FakeSlackServer.StartAsync();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task LeadGrantedThroughHostA_NextLeadCommandThroughHostB_AllowedWithinASecond()
    {
        var (a, b) = await StartSlackHostsAsync();

        var before = await CommandAsync(b, "/tp", "add \"Before\" Detainers are voluntary requests.", "U2");
        before.Should().NotContain("Added", "U2 is a member until an admin makes them a lead");

        var granted = await CommandAsync(a, "/coalition", "leads add <@U2>", Admin);
        granted.Should().Contain("U2");
        var grantedAt = Stopwatch.StartNew();

        // Every attempt that starts a second or more after the grant must be allowed; earlier ones may still see the old role.
        while (true)
        {
            var startedAfter = grantedAt.Elapsed;
            var answer = await CommandAsync(b, "/tp", $"add \"After {startedAfter.Ticks}\" Detainers are voluntary requests.", "U2");
            if (answer.Contains("Added", StringComparison.Ordinal))
            {
                break;
            }

            startedAfter.Should().BeLessThan(TimeSpan.FromSeconds(1), $"host B still refused a lead command started {startedAfter.TotalMilliseconds:F0} ms after the grant: {answer}");
        }
    }

    [PostgresFact]
    public async Task SlackEvent_SameEventIdDeliveredToBothHosts_HandledOnce()
    {
        var (a, b) = await StartSlackHostsAsync();
        const string mention = """
            {"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvCluster1","event_time":1,
             "event":{"type":"app_mention","user":"U1","channel":"CCLUSTER","ts":"1.1","text":"<@UBOT> hi"} }
            """;

        var acks = await Task.WhenAll(PostSignedAsync(a, "/slack/events", mention, "application/json"), PostSignedAsync(b, "/slack/events", mention, "application/json"));

        acks.Should().OnlyContain(r => r.IsSuccessStatusCode);

        // Each host decided before it acknowledged, so once both acks are in, the one answer is on its way and no other can follow.
        await _slack.WaitForAsync("chat.postMessage");
        _slack.CallsOf("chat.postMessage").Should().ContainSingle(c => c.Body.Contains("CCLUSTER", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Outbox_HostKilledHoldingClaimedRows_OtherHostSendsThemAfterTheLease_NoneTwice()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var provider = DatabaseProvider.Postgres.ToString();
        await OutboxCrashTests.SeedAsync(provider, _database.ConnectionString);
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" }, { "name": "meetings" } ] }""");

        // The 10th message is created on Discord and its answer never reaches host A: A holds that row's claim when it dies.
        var held = rest.HoldAnswerToCreated(10);
        var a = Own(HostProcess.Start(folder, OutboxCrashTests.Arguments(_database.ConnectionString, rest, provider, "host-a")));
        await held.WaitAsync(StartTimeout);
        var b = Own(HostProcess.Start(folder, [.. OutboxCrashTests.Arguments(_database.ConnectionString, rest, provider, "host-b"), .. HostProcess.ListenOnAnyPort]));
        await b.ListeningAsync(StartTimeout);
        var createdAtKill = rest.Created.Count;
        await a.KillAsync();
        rest.ReleaseHeld();

        await rest.WaitForCreatedAsync(OutboxCrashTests.Reminders, TimeSpan.FromSeconds(45));
        await OutboxCrashTests.WaitUntilAllSentAsync(provider, _database.ConnectionString, TimeSpan.FromSeconds(30));

        createdAtKill.Should().BeLessThan(OutboxCrashTests.Reminders, "host A died with reminders left");
        var titles = rest.Created.Select(c => c.Json.GetProperty("embeds")[0].GetProperty("title").GetString()).ToList();
        titles.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(Enumerable.Range(0, OutboxCrashTests.Reminders).Select(OutboxCrashTests.Title));
        rest.DuplicatePosts.Should().BeLessThanOrEqualTo(1, "only the message in flight at the kill is posted again, and Discord drops it by its nonce");
    }

    [PostgresFact]
    public async Task Start_ThreeHostsAtOnceOnAnEmptyDatabase_AllMigrateAndServe()
    {
        await using var empty = await TestDatabase.CreateEmptyPostgresAsync();
        var folder = HostProcess.NewWorkingDirectory();
        var hosts = Enumerable.Range(1, 3)
            .Select(i => Own(HostProcess.Start(folder, [.. HostProcess.ListenOnAnyPort, .. empty.Arguments, "--CoalitionBot:Cluster:InstanceName", $"host-{i}"])))
            .ToList();

        var addresses = await Task.WhenAll(hosts.Select(h => h.ListeningAsync(StartTimeout)));

        foreach (var address in addresses)
        {
            using var http = new HttpClient { BaseAddress = address };
            (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode.Should().BeTrue();
        }
    }

    private async Task<(HttpClient A, HttpClient B)> StartSlackHostsAsync()
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" }, { "name": "coalition" }, { "name": "tp" } ] }""");
        var hosts = InstanceNames.Select(name => Own(HostProcess.Start(folder,
        [
            .. HostProcess.ListenOnAnyPort,
            .. _database.Arguments,
            "--CoalitionBot:Cluster:InstanceName", name,
            "--CoalitionBot:Slack:SigningSecret", SlackHost.SigningSecret,
            "--CoalitionBot:Slack:BotToken", "xoxb-test",
            "--CoalitionBot:Slack:Admins:0", Admin,
            "--CoalitionBot:Slack:ApiBaseUrl", _slack.ApiUrl.ToString(),
            "--CoalitionBot:Slack:HooksBaseUrl", _slack.ResponseUrl(string.Empty).ToString(),
            "--Logging:LogLevel:Default", "Warning",
        ]))).ToList();
        var addresses = await Task.WhenAll(hosts.Select(h => h.ListeningAsync(StartTimeout)));
        var clients = addresses.Select(address => Own(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) })).ToList();
        return (clients[0], clients[1]);
    }

    /// <summary>Sends a signed slash command and returns the answer's text, inline or (when the host was slow) through the response URL.</summary>
    private async Task<string> CommandAsync(HttpClient host, string command, string text, string user)
    {
        var responseUrl = _slack.ResponseUrl("cluster-" + Guid.NewGuid().ToString("N"));
        var form = SlackHost.CommandForm(responseUrl, command, text, user);
        using var response = await PostSignedAsync(host, "/slack/commands", form, "application/x-www-form-urlencoded");
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        var answer = body.Length > 0 ? JsonDocument.Parse(body).RootElement : (await _slack.WaitForAsync(responseUrl.AbsolutePath.TrimStart('/'))).Single().Json;
        return answer.GetRawText();
    }

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient host, string path, string body, string contentType) =>
        host.SendAsync(SlackHost.SignedRequest(path, body, contentType, TimeProvider.System.GetUtcNow(), SlackHost.SigningSecret, TimeProvider.System));

    private T Own<T>(T owned)
        where T : class
    {
        _owned.Add(owned as IAsyncDisposable ?? new Disposing((IDisposable)owned));
        return owned;
    }

    private sealed class Disposing(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
