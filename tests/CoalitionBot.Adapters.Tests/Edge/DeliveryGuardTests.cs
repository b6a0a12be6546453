using System.Text.Json;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Adapters.Tests.Slack;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoalitionBot.Adapters.Tests.Edge;

/// <summary>One duplicate-delivery guard for Slack and Discord, on the real database.</summary>
public sealed class DeliveryGuardTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(
        plugins: ["help"],
        configuration: EdgeBot.Settings(),
        configure: services =>
        {
            services.TryAddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
            services.AddSlack();
            services.AddDiscord(services.BuildServiceProvider().GetRequiredService<IConfiguration>());
            services.RemoveAll<IHttpClientFactory>();
            services.AddSingleton<IHttpClientFactory>(sp => new FakeSlackHttp(sp.GetRequiredService<TimeProvider>()));
        });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private DeliveryGuard Guard => _bot.Services.GetRequiredService<DeliveryGuard>();

    [Fact]
    public void Services_SlackAndDiscord_ShareOneGuard()
    {
        _bot.Services.GetServices<IHostedService>().OfType<BackgroundWork>().Should().ContainSingle("both adapters ask for the edge, it is registered once");
        Guard.Should().BeSameAs(_bot.Services.GetRequiredService<DeliveryGuard>());
    }

    [Fact]
    public async Task FirstSightAsync_SameKeyTwice_SecondRefused()
    {
        (await Guard.FirstSightAsync("slack:event:Ev1", CancellationToken.None)).Should().BeTrue();
        (await Guard.FirstSightAsync("slack:event:Ev1", CancellationToken.None)).Should().BeFalse();
        (await Guard.FirstSightAsync("discord:interaction:Ev1", CancellationToken.None)).Should().BeTrue("the platform and kind are part of the key");
    }

    [Fact]
    public async Task FirstSightAsync_AnotherInstanceSawIt_Refused()
    {
        var other = new DeliveryGuard(_bot.Services.GetRequiredService<DeliveryLog>(), _bot.Clock, NullLogger<DeliveryGuard>.Instance);

        (await other.FirstSightAsync("slack:command:T1", CancellationToken.None)).Should().BeTrue();

        (await Guard.FirstSightAsync("slack:command:T1", CancellationToken.None)).Should().BeFalse("the record in the database is shared");
    }

    [Fact]
    public void FirstSightHere_AfterTheMemory_SeenAsNew()
    {
        Guard.FirstSightHere("slack:press:A").Should().BeTrue();
        _bot.Clock.Advance(DeliveryGuard.Memory - TimeSpan.FromSeconds(1));
        Guard.FirstSightHere("slack:press:A").Should().BeFalse();

        _bot.Clock.Advance(TimeSpan.FromSeconds(1));

        Guard.FirstSightHere("slack:press:A").Should().BeTrue();
    }

    [Fact]
    public void FirstSightHere_OverTheCap_ForgetsTheOldestFirst()
    {
        for (var i = 0; i < DeliveryGuard.MaxRemembered; i++)
        {
            Guard.FirstSightHere("k" + i).Should().BeTrue();
        }

        Guard.FirstSightHere("one more").Should().BeTrue();

        Guard.FirstSightHere("k0").Should().BeTrue("the oldest went to make room");
        Guard.FirstSightHere("k" + (DeliveryGuard.MaxRemembered - 1)).Should().BeFalse("the newest are kept");
    }

    [Fact]
    public async Task Deliveries_EachPlatformDeliversTwice_EachHandledOnce()
    {
        var slack = _bot.Services.GetRequiredService<SlackDispatcher>();
        using var callback = JsonDocument.Parse("""{"event_id":"Ev42","team_id":"T1","event":{"type":"reaction_added"}}""");
        using var interaction = JsonDocument.Parse("""
            {"type":2,"id":"900000000000000100","token":"tok","application_id":"900000000000000009","guild_id":"900000000000000001",
             "channel_id":"900000000000000005","data":{"name":"help"},
             "member":{"permissions":"0","roles":[],"user":{"id":"900000000000000200","username":"ana"}}}
            """);
        var discord = _bot.Services.GetRequiredService<DiscordInteractions>();

        (await slack.EventAsync(callback.RootElement)).Should().BeTrue();
        (await slack.EventAsync(callback.RootElement)).Should().BeFalse();
        var first = await discord.HandleAsync(interaction.RootElement);
        var again = await discord.HandleAsync(interaction.RootElement);
        _bot.Clock.Advance(TimeSpan.FromSeconds(11));
        var late = await discord.HandleAsync(interaction.RootElement);

        first.Body!["type"]!.GetValue<int>().Should().Be(4);
        again.Json.Should().Equal(first.Json, "a copy within seconds gets the same answer");
        again.Continuation.Should().BeNull("nothing runs twice");
        late.Json.Should().BeNull("a late copy is refused");
        (await Guard.FirstSightAsync("slack:event:Ev42", CancellationToken.None)).Should().BeFalse();
        (await Guard.FirstSightAsync("discord:interaction:900000000000000100", CancellationToken.None)).Should().BeFalse();
    }
}
