using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoalitionBot.Core.Tests;

/// <summary>Start-up on a current database skips EF Core's migration check (and the model building it costs), and only then.</summary>
public sealed class MigrationHistoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("migration-history-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "bot.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task IdsFor_EachContext_AreTheMigrationsEfCoreFinds(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:";
        await using var services = TestDatabase.AllContexts(provider, connectionString);
        await using var scope = services.CreateAsyncScope();

        foreach (var registration in services.GetServices<DbContextRegistration>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            MigrationHistory.IdsFor(registration.TypeFor(provider)).Should().BeEquivalentTo(context.Database.GetMigrations(), registration.Name);
        }
    }

    [Fact]
    public async Task MigrateAsync_CurrentDatabase_OpensNoContext()
    {
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, ConnectionString);
        var registrations = services.GetServices<DbContextRegistration>().ToList();

        (await MigrateCountingAsync(services, registrations)).Should().Be(registrations.Count, "a new database migrates every context");
        (await MigrateCountingAsync(services, registrations)).Should().Be(0, "a current database needs no context to tell");
        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, registrations, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task MigrateAsync_OneContextNeverMigrated_MigratesIt()
    {
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, ConnectionString);
        var registrations = services.GetServices<DbContextRegistration>().ToList();
        var late = registrations[^1];
        await MigrateCountingAsync(services, registrations[..^1]);

        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, registrations, CancellationToken.None)).Should().BeFalse();
        (await MigrateCountingAsync(services, registrations)).Should().BeGreaterThan(0);

        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, [late], CancellationToken.None)).Should().BeTrue();
        await using var scope = services.CreateAsyncScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(late.ContextType);
        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_AppliedMigrationRowMissing_TakesEfCoresPath()
    {
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, ConnectionString);
        var registrations = services.GetServices<DbContextRegistration>().ToList();
        await MigrateCountingAsync(services, registrations);
        var core = registrations.Single(r => r.ContextType == typeof(CoalitionBotDbContext));
        var last = MigrationHistory.IdsFor(core.ContextType).Max(StringComparer.Ordinal)!;
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM \"__migrations_{core.Name}\" WHERE \"MigrationId\" = $id";
            command.Parameters.AddWithValue("$id", last);
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, registrations, CancellationToken.None)).Should().BeFalse(
            "one migration the code carries is not in the database");
    }

    [Fact]
    public async Task AllAppliedAsync_NoDatabaseFile_IsFalseAndCreatesNothing()
    {
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, ConnectionString);
        var registrations = services.GetServices<DbContextRegistration>().ToList();

        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, registrations, CancellationToken.None)).Should().BeFalse();
        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, "Data Source=:memory:", registrations, CancellationToken.None)).Should().BeFalse();

        File.Exists(Path.Combine(_folder, "bot.db")).Should().BeFalse();
    }

    [Fact]
    public async Task AllAppliedAsync_FileThatIsNotADatabase_IsFalse()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "bot.db"), "not a database, just text");
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, ConnectionString);

        (await MigrationHistory.AllAppliedAsync(DatabaseProvider.Sqlite, ConnectionString, services.GetServices<DbContextRegistration>(), CancellationToken.None))
            .Should().BeFalse();
    }

    private static async Task<int> MigrateCountingAsync(ServiceProvider services, IReadOnlyList<DbContextRegistration> registrations)
    {
        var opened = 0;
        await using var scope = services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(
            DatabaseProvider.Sqlite,
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString,
            registrations,
            registration =>
            {
                opened++;
                return (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            },
            NullLogger.Instance,
            CancellationToken.None);
        return opened;
    }
}
