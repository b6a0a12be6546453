using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

/// <summary>Every context (Core's and each built-in plugin's) has migrations on both providers that match its model.</summary>
public class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EveryContext_OnEachProvider_HasNoPendingModelChanges(DatabaseProvider provider)
    {
        // No server is needed: the model is compared with the provider's last migration snapshot.
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:";
        await using var services = TestDatabase.AllContexts(provider, connectionString);
        await using var scope = services.CreateAsyncScope();
        var registrations = services.GetServices<DbContextRegistration>().ToList();

        registrations.Should().HaveCount(6, "Core and five plugins keep tables");
        foreach (var registration in registrations)
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            context.GetType().Should().Be(registration.TypeFor(provider));
            context.Database.GetMigrations().Should().NotBeEmpty($"{registration.Name} needs {provider} migrations");
            context.Database.HasPendingModelChanges().Should().BeFalse(
                $"the {provider} migrations of {registration.Name} are behind its model: add one with dotnet ef migrations add --context {context.GetType().Name}");
        }
    }

    [Fact]
    public async Task SqliteMigrations_KeepTheirIds_SoExistingDatabasesNeedNothingNew()
    {
        await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, "Data Source=:memory:");
        await using var scope = services.CreateAsyncScope();

        var core = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();

        core.GetType().Should().Be<CoalitionBotDbContext>();
        core.Database.GetMigrations().Should().Equal("20261124003859_InitialCore", "20261124010031_Audit", "20261124011152_Outbox", "20261204162704_Cluster", "20261204192922_OutboxDestination", "20261204195937_ImageLinks");
    }

    [Fact]
    public async Task SqliteOutboxDestination_RowsWrittenBefore_GetTheKeyTheDispatcherUses()
    {
        var folder = Directory.CreateTempSubdirectory("migrations-").FullName;
        try
        {
            await using var services = TestDatabase.AllContexts(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "old.db")}");
            await using var scope = services.CreateAsyncScope();
            var core = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            await core.GetService<IMigrator>().MigrateAsync("20261204162704_Cluster");
            await core.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Outbox" ("TenantId", "DedupKey", "Source", "ChannelId", "UserId", "Payload", "DueAt", "Status", "Attempts", "NextAttemptAt", "CreatedAt", "SentLate")
                VALUES ('slack:T1', 'channel', 'test', 'C1', NULL, '{{}}', 0, 0, 0, 0, 0, 0),
                       ('slack:T1', 'person', 'test', NULL, 'U1', '{{}}', 0, 0, 0, 0, 0, 0),
                       ('slack:T1', 'both', 'test', 'C1', 'U1', '{{}}', 0, 0, 0, 0, 0, 0)
                """);

            await core.GetService<IMigrator>().MigrateAsync();
            var rows = await core.Outbox.IgnoreQueryFilters().AsNoTracking().ToListAsync();

            rows.Should().HaveCount(3).And.OnlyContain(r => r.Destination == OutboxMessage.DestinationOf(r.ChannelId, r.UserId));
            rows.Select(r => r.Destination).Should().OnlyHaveUniqueItems();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
