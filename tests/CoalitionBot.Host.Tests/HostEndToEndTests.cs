using System.Net.Http.Json;
using System.Text.Json;

namespace CoalitionBot.Host.Tests;

public class HostEndToEndTests
{
    [Fact]
    public async Task PipedInput_AnswersAndExitsZero_CreatingTheDatabase()
    {
        var folder = HostProcess.NewWorkingDirectory();

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/help\n/help help\n/as ana member\n/task\nnot a command\n");

        exit.Should().Be(0, error);
        var lines = output.Split('\n');
        lines[0].Should().StartWith("CoalitionBot console chat: you are organizer (admin) in console:local.");
        output.Should().Contain("== Commands ==").And.Contain("/help [command…]");
        output.Should().Contain("== /help ==");
        output.Should().Contain("You are now ana (member).");
        output.Should().Contain("! I don't know /task.");
        output.Should().Contain("Commands start with a slash");
        File.Exists(Path.Combine(folder, "data", "coalitionbot.db")).Should().BeTrue();
        error.Should().NotContain("Exception");
    }

    [Fact]
    public async Task TalkingPoints_FromTheRepositoryPluginsJson_AnswerAndShare()
    {
        var repositoryPlugins = File.ReadAllText(Path.Combine(RepositoryRoot(), "plugins.json"));
        var folder = HostProcess.NewWorkingDirectory(repositoryPlugins);

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/tp council\n/press 1\n/tp fondos federales lang:es\n");

        exit.Should().Be(0, error);
        output.Should().Contain("== Talking points · for council ==").And.Contain("[1] Share in channel");
        output.Should().Contain("— Shared by @organizer");
        output.Should().Contain("== Puntos clave: fondos federales ==");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CoalitionBot.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    [Fact]
    public async Task UserAndRoleOptions_StartTheChatAsThatPerson()
    {
        var folder = HostProcess.NewWorkingDirectory();

        var (exit, output, _) = await HostProcess.RunAsync(folder, "/help\n", "--user", "ana", "--role", "member");

        exit.Should().Be(0);
        output.Should().StartWith("CoalitionBot console chat: you are ana (member)");
    }

    [Fact]
    public async Task SecondRun_KeepsTheDatabaseAndStarts()
    {
        var folder = HostProcess.NewWorkingDirectory();
        (await HostProcess.RunAsync(folder, "/help\n")).ExitCode.Should().Be(0);

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/help\n");

        exit.Should().Be(0, error);
        output.Should().Contain("== Commands ==");
    }

    [Theory]
    [InlineData("""{ "plugins": [ { "name": "tpp" } ] }""", "plugins.json: plugin \"tpp\" is not a built-in plugin")]
    [InlineData("""{ "plugins": [ { "name": "ghost", "assembly": "plugins/Ghost.dll" } ] }""", "plugin \"ghost\": assembly \"plugins/Ghost.dll\" was not found")]
    [InlineData("""{ "plugins": [ { "name": "help", "settings": { "x": 1 } } ] }""", "plugin \"help\": this plugin takes no settings")]
    public async Task BadPluginsJson_StopsWithOneLineAndNoStackTrace(string json, string expected)
    {
        var folder = HostProcess.NewWorkingDirectory(json);

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/help\n");

        exit.Should().Be(2);
        error.Trim().Should().StartWith("CoalitionBot cannot start: ").And.Contain(expected);
        error.Trim().Split('\n').Should().ContainSingle();
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task InvalidPluginSettings_NameThePluginAndField()
    {
        var json = $$"""{ "plugins": [ { "name": "sample", "assembly": "{{HostProcess.SamplePluginPath}}", "settings": { "repeat": 7 } } ] }""";
        var folder = HostProcess.NewWorkingDirectory(json);

        var (exit, _, error) = await HostProcess.RunAsync(folder, string.Empty);

        exit.Should().Be(2);
        error.Should().Contain("plugins.json: plugin \"sample\": settings.repeat:");
    }

    [Fact]
    public async Task ExternalPlugin_LoadedFromPluginsJson_Answers()
    {
        var json = $$"""{ "plugins": [ { "name": "help" }, { "name": "sample", "assembly": "{{HostProcess.SamplePluginPath}}", "settings": { "greeting": "Welcome" } } ] }""";
        var folder = HostProcess.NewWorkingDirectory(json);

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/sample greet Ruiz\n/press Wave\n");

        exit.Should().Be(0, error);
        output.Should().Contain("Welcome, Ruiz! (greeting #1)").And.Contain("[1] Wave").And.Contain("organizer waves at Ruiz.");
    }

    [Fact]
    public async Task Urls_ServesHealthz_AndStopsGracefullyOnSigterm()
    {
        var folder = HostProcess.NewWorkingDirectory();
        await using var host = HostProcess.Start(folder, HostProcess.ListenOnAnyPort);
        using var http = new HttpClient { BaseAddress = await host.ListeningAsync(TimeSpan.FromSeconds(60)) };

        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        host.Terminate();
        var (exit, _, error) = await host.WaitAsync(TimeSpan.FromSeconds(30));

        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("database").GetBoolean().Should().BeTrue();
        health.GetProperty("adapters")[0].GetProperty("name").GetString().Should().Be("console");
        exit.Should().Be(0, error);
    }

    [Fact]
    public async Task RunFromAnotherDirectory_ShippedDefaultsApply_OneLineLogsAndNoDatabaseOrRequestChatter()
    {
        // The working directory has no appsettings.json (like the repository root): the one beside the binary must be read.
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "meetings" } ] }""");
        await using var host = HostProcess.Start(folder, [.. HostProcess.ListenOnAnyPort, "--CoalitionBot:Console:Enabled=false"]);
        using var http = new HttpClient { BaseAddress = await host.ListeningAsync(TimeSpan.FromSeconds(60)) };

        (await http.GetAsync("/healthz")).EnsureSuccessStatusCode();
        using var feed = await http.GetAsync("/feeds/meetings/Secret-Feed-Token-4412.ics");
        host.Terminate();
        var (exit, _, error) = await host.WaitAsync(TimeSpan.FromSeconds(30));

        exit.Should().Be(0, error);
        error.Should().MatchRegex(@"(?m)^\d\d:\d\d:\d\d info: Microsoft\.Hosting\.Lifetime\[14\] Now listening on: http://127\.0\.0\.1:");
        error.Should().NotContain("Executed DbCommand").And.NotContain("Request starting").And.NotContain("Secret-Feed-Token-4412");
    }

    [Fact]
    public async Task BadDefaultTimeZone_StopsWithOneLineNamingTheSetting()
    {
        var folder = HostProcess.NewWorkingDirectory();

        var (exit, output, error) = await HostProcess.RunAsync(folder, "/help\n", "--CoalitionBot:DefaultTimeZone=Mars/Olympus_Mons");

        exit.Should().Be(2, error);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("CoalitionBot cannot start: ").And.Contain("CoalitionBot:DefaultTimeZone");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task BadPluginsFileNamedInSettings_ErrorNamesThatFile()
    {
        var folder = HostProcess.NewWorkingDirectory();
        var custom = Path.Combine(folder, "coalition-plugins.json");
        await File.WriteAllTextAsync(custom, """{ "plugins": [ { "name": "help", "settings": { "x": 1 } } ] }""");

        var (exit, _, error) = await HostProcess.RunAsync(folder, "/help\n", $"--CoalitionBot:PluginsFile={custom}");

        exit.Should().Be(2, error);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(custom + ": plugin \"help\": this plugin takes no settings, but settings.x is given");
    }
}
