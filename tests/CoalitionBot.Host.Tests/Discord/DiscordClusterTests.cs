using System.Net;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Routing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>Two real hosts on one database (and one host restarted on it), reached through real HTTP: an interaction runs once in all,
/// and a lead granted through one instance is honoured by the other.</summary>
public sealed class DiscordClusterTests : IDisposable
{
    private const string Echo = """[{"name":"who","type":6,"value":"200000000000000002"},{"name":"where","type":7,"value":"500000000000000002"},{"name":"count","type":4,"value":3}]""";
    private readonly string _folder = Directory.CreateTempSubdirectory("coalitionbot-cluster-").FullName;

    private string Database => Path.Combine(_folder, "shared.db");

    [Fact]
    public async Task Interaction_ReplayedAfterRestart_DoesNotRunAgain()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        var body = DiscordTestHost.Command("310000000000002001", "echo", Echo);
        await using (var before = await DiscordTestHost.StartAsync(rest, database: Database))
        {
            (await before.PostAsync(body)).StatusCode.Should().Be(HttpStatusCode.OK);
            before.State.Runs.Should().Be(1);
        }

        await using var after = await DiscordTestHost.StartAsync(rest, database: Database);
        var replay = await after.PostAsync(body);

        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the restarted bot finds the interaction in the database");
        after.State.Runs.Should().Be(0);
        (await after.PostAsync(DiscordTestHost.Command("310000000000002002", "echo", Echo))).StatusCode.Should().Be(HttpStatusCode.OK);
        after.State.Runs.Should().Be(1);
    }

    [Fact]
    public async Task Interaction_DeliveredToTwoInstances_RunsOnce()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var a = await DiscordTestHost.StartAsync(rest, database: Database);
        await using var b = await DiscordTestHost.StartAsync(rest, database: Database);
        var body = DiscordTestHost.Command("310000000000002101", "echo", Echo);

        var answers = await Task.WhenAll(a.PostAsync(body), b.PostAsync(body));

        answers.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.BadRequest]);
        (a.State.Runs + b.State.Runs).Should().Be(1);
    }

    [Fact]
    public async Task LeadGrantedThroughInstanceA_NextCommandThroughInstanceB_IsAllowed()
    {
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var a = await DiscordTestHost.StartAsync(rest, database: Database, coalition: true);
        await using var b = await DiscordTestHost.StartAsync(rest, database: Database, coalition: true);
        var tenant = TenantId.For(Platform.Discord, DiscordTestHost.GuildId).Value;
        var seenByB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.App.Services.GetRequiredService<ICacheInvalidation>()
            .Subscribe(CallerDataCache.CacheName, key => { if (key == tenant) { seenByB.TrySetResult(); } });

        // B has the caller's data cached: a member.
        var before = await DiscordTestHost.JsonAsync(await b.PostAsync(DiscordTestHost.Command("310000000000002201", "echo", Echo)));
        before.GetRawText().Should().Contain("role-of-caller=Member");

        var grant = await a.PostAsync(DiscordTestHost.Command(
            "310000000000002202",
            "coalition",
            """[{"name":"leads","type":1,"options":[{"name":"action","type":3,"value":"add"},{"name":"who","type":3,"value":"<@200000000000000001>"}]}]""",
            permissions: "8"));
        grant.StatusCode.Should().Be(HttpStatusCode.OK);
        await seenByB.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await DiscordTestHost.JsonAsync(await b.PostAsync(DiscordTestHost.Command("310000000000002203", "echo", Echo)));

        after.GetRawText().Should().Contain("role-of-caller=Lead");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
