using CoalitionBot.Core.Cli;

namespace CoalitionBot.Host.Tests;

/// <summary>The host's <c>stakeholders import|export</c> verbs: once as a real process through <c>Program.Main</c>, the rest in-process through the same two calls Main makes.</summary>
public class StakeholdersCliTests
{
    private const string Plugins = """{ "plugins": [ { "name": "help" }, { "name": "stakeholders" } ] }""";

    private const string Map =
        "name,kind,jurisdiction,stance,influence,notes\r\n"
        + "Ana Ruiz,city-council-member,Springfield,neutral,high,\"Chairs budget, \"\"open\"\"\nto a meeting\"\r\n"
        + "Tomás Ruiz,alguacil,Lake County,opositor-pasivo,alta,\r\n";

    [Fact]
    public async Task ImportAndExport_AsAProcess_ReportAndTheChatSeesTheMap()
    {
        var folder = HostProcess.NewWorkingDirectory(Plugins);
        await File.WriteAllTextAsync(Path.Combine(folder, "map.csv"), Map);

        var imported = await HostProcess.RunAsync(folder, string.Empty, "stakeholders", "import", "map.csv", "--tenant", "console:local");
        var exported = await HostProcess.RunAsync(folder, string.Empty, "stakeholders", "export", "out.csv", "--tenant", "console:local");
        var chat = await HostProcess.RunAsync(folder, "/stakeholder show sheriff ruiz\n");

        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Be("Imported map.csv into console:local: 2 row(s) accepted (2 added, 0 updated, 0 unchanged), 0 rejected.\n");
        exported.ExitCode.Should().Be(0, exported.Error);
        var written = Path.Combine(folder, "data", "exports", "out.csv");
        exported.Output.Should().Be($"Exported 2 stakeholder(s) of console:local to {written}.\n");
        (await File.ReadAllTextAsync(written)).Should().Contain("\"Chairs budget, \"\"open\"\"\nto a meeting\"");
        chat.ExitCode.Should().Be(0, chat.Error);
        chat.Output.Should().Contain("== Tomás Ruiz ==").And.Contain("Stance: Passive opponent");
    }

    [Fact]
    public async Task ExportThenImport_IntoAnotherCoalition_ExportsTheSameFile()
    {
        var folder = HostProcess.NewWorkingDirectory(Plugins);
        var map = Path.Combine(folder, "map.csv");
        var first = Path.Combine(folder, "first.csv");
        var second = Path.Combine(folder, "second.csv");
        await File.WriteAllTextAsync(map, Map);

        (await RunAsync(folder, "stakeholders", "import", map, "--tenant", "console:local")).Exit.Should().Be(0);
        (await RunAsync(folder, "stakeholders", "export", first, "--tenant", "console:local")).Exit.Should().Be(0);
        var copied = await RunAsync(folder, "stakeholders", "import", first, "--tenant=slack:T0COPY");
        (await RunAsync(folder, "stakeholders", "export", second, "--tenant", "slack:T0COPY")).Exit.Should().Be(0);
        var reimported = await RunAsync(folder, "stakeholders", "import", second, "--tenant", "console:local");

        copied.Output.Should().Contain("2 row(s) accepted (2 added, 0 updated, 0 unchanged), 0 rejected.");
        (await File.ReadAllBytesAsync(second)).Should().Equal(await File.ReadAllBytesAsync(first));
        reimported.Output.Should().Contain("(0 added, 0 updated, 2 unchanged)");
    }

    [Fact]
    public async Task Import_RejectedRow_ReportsWhyAndExitsOne()
    {
        var folder = HostProcess.NewWorkingDirectory(Plugins);
        var map = Path.Combine(folder, "map.csv");
        await File.WriteAllTextAsync(map, "name,stance\nAna Ruiz,neutral\nLuis Soto,friendly\n");

        var (exit, output, _) = await RunAsync(folder, "stakeholders", "import", map, "--tenant", "console:local");

        exit.Should().Be(CliExitCode.Failed);
        output.Should().Contain("1 row(s) accepted (1 added, 0 updated, 0 unchanged), 1 rejected.")
            .And.Contain("row 3 (Luis Soto): stance: \"friendly\" is not one of: active-ally");
    }

    [Theory]
    [InlineData(Plugins, new[] { "stakeholders", "import", "map.csv" }, "Give the coalition with --tenant.")]
    [InlineData(Plugins, new[] { "stakeholders", "export", "out.csv", "--tenant", "springfield" }, "\"springfield\" is not a coalition id.")]
    [InlineData(Plugins, new[] { "stakeholders", "import", "missing.csv", "--tenant", "console:local" }, "the file does not exist")]
    [InlineData("""{ "plugins": [ { "name": "help" } ] }""", new[] { "stakeholders", "export", "out.csv", "--tenant", "console:local" }, "Unknown command \"stakeholders\"")]
    public async Task BadArguments_SayWhatIsWrongAndExitOne(string plugins, string[] args, string expected)
    {
        var folder = HostProcess.NewWorkingDirectory(plugins);

        var (exit, output, error) = await RunAsync(folder, args);

        exit.Should().Be(CliExitCode.Failed);
        error.Should().Contain(expected);
        output.Should().BeEmpty();
    }

    /// <summary>Runs a verb in-process exactly as <c>Program.Main</c> does (split, build and migrate, dispatch), on the folder's database.</summary>
    private static async Task<(int Exit, string Output, string Error)> RunAsync(string folder, params string[] args)
    {
        var (hostArgs, verb, verbArgs) = CliCommands.Split(args);
        await using var app = await Program.BuildAsync(
        [
            .. hostArgs,
            $"--CoalitionBot:Database:ConnectionString=Data Source={Path.Combine(folder, "bot.db")};Pooling=False",
            $"--CoalitionBot:PluginsFile={Path.Combine(folder, "plugins.json")}",
        ]);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliCommands.RunAsync(app.Services, verb!, verbArgs, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
