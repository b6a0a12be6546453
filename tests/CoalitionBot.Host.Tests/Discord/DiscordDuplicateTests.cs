using System.Net;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>An interaction delivered twice runs once: the same answer within 10 s, a refusal later, forgotten after its token's 15 minutes.</summary>
public sealed class DiscordDuplicateTests
{
    private const string Echo = """[{"name":"who","type":6,"value":"200000000000000002"},{"name":"where","type":7,"value":"500000000000000002"},{"name":"count","type":4,"value":3}]""";

    [Fact]
    public async Task Interaction_DeliveredAgain_RunsOnce_ThenOnlyItsIdIsKept()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var host = await DiscordTestHost.StartAsync(rest, clock: clock);
        var body = DiscordTestHost.Command("310000000000000901", "echo", Echo);

        var first = await (await host.PostAsync(body)).Content.ReadAsStringAsync();
        var again = await (await host.PostAsync(body)).Content.ReadAsStringAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.PostAsync(DiscordTestHost.Command("310000000000000902", "echo", Echo)); // another interaction lets expiry run
        var late = await host.PostAsync(body);

        again.Should().Be(first);
        first.Should().Contain("who=200000000000000002");
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.State.Runs.Should().Be(2, "the repeated id never runs again; only the other interaction ran");

        clock.Advance(TimeSpan.FromMinutes(16));
        await host.PostAsync(DiscordTestHost.Command("310000000000000903", "echo", Echo));
        var forgotten = await host.PostAsync(body);

        forgotten.StatusCode.Should().Be(HttpStatusCode.OK, "after the token's 15 minutes the id is no longer remembered");
        host.State.Runs.Should().Be(4);
    }

    [Fact]
    public async Task Interaction_BurstBeyondTheAnswerCap_OldestAnswerGoesEarly_ItsIdStays()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var host = await DiscordTestHost.StartAsync(rest, clock: clock);
        var body = DiscordTestHost.Command("310000000000001000", "echo", Echo);
        await host.PostAsync(body);

        // At once, more interactions than the 100 answers kept: the first one's answer is let go, not its id.
        for (var i = 1; i <= 100; i++)
        {
            await host.PostAsync(DiscordTestHost.Command((310000000000001000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "echo", Echo));
        }

        var again = await host.PostAsync(body);

        again.StatusCode.Should().Be(HttpStatusCode.BadRequest, "its answer was dropped to bound memory, and it must still not run twice");
        host.State.Runs.Should().Be(101);
    }
}
