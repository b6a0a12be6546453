using System.Text.Json;

namespace CoalitionBot.Host.Tests;

public class CliVerbTests
{
    [Fact]
    public async Task ExportVerb_AfterAChatSession_WritesTheCoalitionsJsonWithoutStartingTheChat()
    {
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" }, { "name": "coalition" } ] }""");
        (await HostProcess.RunAsync(folder, "/coalition timezone America/Chicago\n/coalition leads add @bo\n")).ExitCode.Should().Be(0);

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/coalition language es\n", "export", "--tenant", "console:local", "export.json");

        exit.Should().Be(0, error);
        output.Should().StartWith("Exported ").And.Contain("core.LeadGrants: 1").And.NotContain("console chat");
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "data", "exports", "export.json")));
        var core = json.RootElement.GetProperty("contexts").GetProperty("core");
        core.GetProperty("TenantSettings")[0].GetProperty("TimeZone").GetString().Should().Be("America/Chicago");
        core.GetProperty("TenantSettings")[0].GetProperty("Language").ValueKind.Should().Be(JsonValueKind.Null, "the piped chat line must not have run");
    }

    [Fact]
    public async Task UnknownVerb_ListsTheVerbsAndExitsOne()
    {
        var folder = HostProcess.NewWorkingDirectory();

        var (exit, output, error) = await HostProcess.RunAsync(folder, string.Empty, "exprot");

        exit.Should().Be(1);
        error.Should().Contain("Unknown command \"exprot\". Commands: db copy --from <connection string> --to <connection string>").And.Contain("; export --tenant <id> <file>");
        output.Should().BeEmpty();
    }
}
