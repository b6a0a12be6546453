using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;

namespace CoalitionBot.Host.Tests;

/// <summary><c>db copy</c> between SQLite and PostgreSQL, and what the host does when its database fails.</summary>
public class DatabaseProviderTests
{
    private static readonly string[] Plugins = ["help", "coalition", "tasks", "meetings", "stakeholders", "campaigns", "tp"];

    [PostgresFact]
    public async Task DbCopy_SqliteToEmptyPostgres_CopiesEveryTable_AndTheBotWorksOnTheCopy()
    {
        var file = Path.Combine(HostProcess.NewWorkingDirectory(), "source.db");
        await using var source = await StartSeededAsync(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, file));
        await using var target = await TestDatabase.CreateEmptyPostgresAsync();

        var (exit, output, error) = await CopyAsync(source.Bot, source.Bot.Database.ConnectionString, target.ConnectionString);

        exit.Should().Be(CliExitCode.Ok, error);
        output.Should().Contain("Tasks: 2").And.Contain("Outbox: ").And.Contain("every table's row count matches");
        await using var moved = await TestBot.StartAsync(plugins: Plugins, on: target);
        (await moved.As(Platform.Console, Role.Lead).SendAsync("/task list all")).Text.Should().Contain("Call Ruiz").And.Contain("Email Chen");
        // The copied ids are behind the identity: the next task gets a new row, not a clash.
        (await moved.As(Platform.Console, Role.Lead).SendAsync("/task assign @ana \"Visit Park\"")).Text.Should().Contain("#3");
    }

    [PostgresFact]
    public async Task DbCopy_PostgresToNewSqliteFile_CopiesEveryTable()
    {
        await using var source = await StartSeededAsync(await TestDatabase.CreateAsync(DatabaseProvider.Postgres));
        var file = Path.Combine(HostProcess.NewWorkingDirectory(), "copy.db");

        var (exit, output, error) = await CopyAsync(source.Bot, source.Bot.Database.ConnectionString, $"Data Source={file}");

        exit.Should().Be(CliExitCode.Ok, error);
        output.Should().Contain("Tasks: 2").And.Contain("from Postgres to Sqlite");
        await using var copy = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, file);
        (await copy.ScalarAsync("SELECT COUNT(*) FROM \"Tasks\"")).Should().Be(2);
        (await copy.ScalarAsync("SELECT COUNT(*) FROM \"Outbox\"")).Should().Be(await source.Bot.Database.ScalarAsync("SELECT COUNT(*) FROM \"Outbox\""));
    }

    [Fact]
    public async Task DbCopy_IntoANonEmptyDatabase_RefusesAndChangesNothing()
    {
        var folder = HostProcess.NewWorkingDirectory();
        await using var source = await StartSeededAsync(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Path.Combine(folder, "a.db")));
        await using var other = await StartSeededAsync(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, Path.Combine(folder, "b.db")));

        var (exit, _, error) = await CopyAsync(source.Bot, source.Bot.Database.ConnectionString, other.Bot.Database.ConnectionString);

        exit.Should().Be(CliExitCode.Failed);
        error.Should().StartWith("db copy: the --to database is not empty").And.NotContain("   at ");
        (await other.Bot.Database.ScalarAsync("SELECT COUNT(*) FROM \"Tasks\"")).Should().Be(2);
    }

    [Theory]
    [InlineData("copy --from x", "--from and --to are both needed")]
    [InlineData("copy --from Foo=bar --to Bar=baz", "cannot tell which database --from names")]
    [InlineData("copy --from nowhere.db --to Host=x --from-provider Oracle", "--from-provider must be Sqlite or Postgres")]
    [InlineData("move", "usage: db copy")]
    public async Task DbCopy_BadArguments_OneLineError(string arguments, string expected)
    {
        await using var bot = await TestBot.StartAsync();
        var error = new StringWriter();

        var exit = await CliCommands.RunAsync(bot.Services, "db", arguments.Split(' '), TextWriter.Null, error, CancellationToken.None);

        exit.Should().Be(CliExitCode.Failed);
        error.ToString().Should().Contain(expected);
        error.ToString().TrimEnd().Split('\n').Should().ContainSingle();
    }

    [Theory]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Database=nothing;Timeout=3")]
    [InlineData("Postgres", "Hots=127.0.0.1")]
    [InlineData("Sqlite", "Data Source=/proc/no-such-folder/bot.db")]
    public async Task Start_DatabaseUnreachableOrMisconfigured_OneLineAndExitCode3(string provider, string connectionString)
    {
        var (exit, _, error) = await HostProcess.RunAsync(
            HostProcess.NewWorkingDirectory(),
            "",
            $"--CoalitionBot:Database:Provider={provider}",
            $"--CoalitionBot:Database:ConnectionString={connectionString}");

        exit.Should().Be(3, error);
        var lines = error.TrimEnd().Split('\n');
        lines.Should().ContainSingle(error);
        lines[0].Should().StartWith("CoalitionBot cannot start: the database failed: ");
    }

    [PostgresFact]
    public async Task Commands_WhilePostgresRefusesConnections_AnswerUnavailable_AndResumeWhenItIsBack()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tasks"], database: DatabaseProvider.Postgres);
        var lead = bot.As(Platform.Slack, Role.Lead);
        (await lead.SendAsync("/task assign @ana \"Call Ruiz\"")).IsSuccess.Should().BeTrue();
        var name = new Npgsql.NpgsqlConnectionStringBuilder(bot.Database.ConnectionString).Database;
        await TestDatabase.AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        await TestDatabase.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");

        var down = await lead.SendAsync("/task list all");

        down.IsSuccess.Should().BeFalse();
        down.Text.Should().Contain("The database is unavailable, try again in a minute (ref ");

        await TestDatabase.AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        (await lead.SendAsync("/task list all")).Text.Should().Contain("Call Ruiz");
        (await lead.SendAsync("/task assign @ana \"Email Chen\"")).Text.Should().Contain("#2");
    }

    private static async Task<(int Exit, string Output, string Error)> CopyAsync(TestBot bot, string from, string to)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliCommands.RunAsync(bot.Services, "db", ["copy", "--from", from, "--to", to], output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A bot on <paramref name="database"/> with rows in several contexts: two tasks (with their outbox messages), settings, audit entries.</summary>
    private static async Task<Seeded> StartSeededAsync(TestDatabase database)
    {
        var bot = await TestBot.StartAsync(plugins: Plugins, on: database);
        var lead = bot.As(Platform.Console, Role.Admin);
        await lead.SendAsync("/coalition timezone America/Chicago");
        await lead.SendAsync("/task assign @ana \"Call Ruiz\" due:friday");
        await lead.SendAsync("/task assign @bo \"Email Chen\"");
        return new Seeded(bot, database);
    }

    private sealed record Seeded(TestBot Bot, TestDatabase Database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
