using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Host.Tests;

public class FeedEndpointTests
{
    [Fact]
    public async Task MeetingFeed_OverHttp_ServesTheCalendarAndHidesUnknownTokens()
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "meetings" } ] }""");
        await using var app = await Program.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
            $"--CoalitionBot:Database:ConnectionString=Data Source={Path.Combine(folder, "bot.db")}",
            "--CoalitionBot:Console:Enabled=false",
            "--CoalitionBot:PublicBaseUrl=https://bot.example.org",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var router = app.Services.GetRequiredService<CommandRouter>();
        var lead = new Caller(TenantId.For(Platform.Slack, "T1"), Platform.Slack, new UserRef("U1", "ana"), new ChannelRef("C1", "council"), Role.Lead);
        await router.RunAsync(CommandRequest.FromText(lead, "meeting add \"City council\" \"2030-01-08 18:00\" repeat:\"weekly on tuesday\""), CancellationToken.None);
        var reply = await router.RunAsync(CommandRequest.FromText(lead, "meeting feed"), CancellationToken.None);
        var link = Markup.ToPlainText(reply.Reply.Text).Split('\n').Single(l => l.StartsWith("https://", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var feed = await http.GetAsync(new Uri(link).PathAndQuery);
        using var missing = await http.GetAsync("/feeds/meetings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics");
        using var unknownFeed = await http.GetAsync("/feeds/tasks/whatever");

        link.Should().StartWith("https://bot.example.org/feeds/meetings/");
        feed.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        feed.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        (await feed.Content.ReadAsStringAsync()).Should().Contain("SUMMARY:City council").And.Contain("RRULE:FREQ=WEEKLY;BYDAY=TU");
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        unknownFeed.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        await app.StopAsync();
    }
}
