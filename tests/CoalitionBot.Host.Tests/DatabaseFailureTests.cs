using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Host.Tests;

/// <summary>The database going away underneath the running bot: writes fail loudly with a clear apology, and <c>/healthz</c> says so.</summary>
public class DatabaseFailureTests
{
    [Fact]
    public async Task DatabaseFileDeletedWhileRunning_WritesFailWithTheStorageApologyAndHealthzIs503()
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "coalition" } ] }""");
        var database = Path.Combine(folder, "bot.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));
        await using var app = await Program.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
            $"--CoalitionBot:Database:ConnectionString=Data Source={database}",
            "--CoalitionBot:Console:Enabled=false",
            "--Logging:LogLevel:Default=Critical",
        ], builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var router = app.Services.GetRequiredService<CommandRouter>();
        var admin = new Caller(TenantId.For(Platform.Slack, "T1"), Platform.Slack, new UserRef("U1", "ana"), PlatformRole: Role.Admin);
        var before = await router.RunAsync(CommandRequest.FromText(admin, "coalition timezone America/Chicago"), CancellationToken.None);
        using var healthyBefore = await http.GetAsync("/healthz");

        foreach (var file in Directory.GetFiles(folder, "bot.db*"))
        {
            File.Delete(file);
        }

        var after = await router.RunAsync(CommandRequest.FromText(admin, "coalition timezone America/Denver"), CancellationToken.None);
        clock.Advance(Core.Persistence.DatabaseHealth.Interval);
        using var healthAfter = await http.GetAsync("/healthz");

        before.Kind.Should().Be(ResultKind.Success, before.Reply.Text);
        healthyBefore.StatusCode.Should().Be(HttpStatusCode.OK);
        after.Kind.Should().Be(ResultKind.Error);
        after.Reply.Text.Should().Contain("can't save anything right now");
        healthAfter.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await healthAfter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database").GetBoolean().Should().BeFalse();
    }
}
