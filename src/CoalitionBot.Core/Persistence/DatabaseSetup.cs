using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Persistence;

/// <summary>Options of <c>CoalitionBot:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "CoalitionBot:Database";

    /// <summary><c>Sqlite</c>. Default: <c>Sqlite</c>.</summary>
    [Required]
    [RegularExpression("^(?i)sqlite$", ErrorMessage = "Provider must be Sqlite (PostgreSQL support is not built yet).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The ADO.NET connection string. Default: <c>Data Source=data/coalitionbot.db</c> (folder created on first run).</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/coalitionbot.db";
}

/// <summary>A DbContext type registered by Core or a plugin, migrated at start-up.</summary>
public sealed record DbContextRegistration(Type ContextType, string Name);

/// <summary>Registers DbContexts on the configured database and migrates them at start-up.</summary>
public static class DatabaseSetup
{
    /// <summary>Registers a <see cref="TenantDbContext"/> with its own migrations history table, named after <paramref name="name"/>.</summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services, string name)
        where TContext : TenantDbContext
    {
        // Options are built once: rebuilding them for every command's scope showed up in the load benchmarks.
        services.AddDbContext<TContext>(
            (provider, builder) =>
            {
                var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                Configure(builder, options.ConnectionString, name);
            },
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new DbContextRegistration(typeof(TContext), name));
        return services;
    }

    /// <summary>Applies every registered context's pending migrations, creating the database (and its folder) if needed.</summary>
    public static async Task MigrateDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        EnsureFolder(options.ConnectionString);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        await using var scope = services.CreateAsyncScope();
        foreach (var registration in services.GetServices<DbContextRegistration>())
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) for {Context}", pending.Count, registration.Name);
                await context.Database.MigrateAsync(cancellationToken);
            }
        }

        var first = services.GetServices<DbContextRegistration>().FirstOrDefault();
        if (first is not null && !IsInMemory(options.ConnectionString))
        {
            // WAL lets readers (reminders, lookups) proceed while a command writes.
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(first.ContextType);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Options for a design-time factory (<c>dotnet ef migrations add</c>): SQLite with the context's own migrations history table.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string name)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, "Data Source=design-time.db", name);
        return builder.Options;
    }

    private static readonly SqlitePragmas Pragmas = new();

    private static void Configure(DbContextOptionsBuilder builder, string connectionString, string name) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable($"__migrations_{name}")).AddInterceptors(Pragmas);

    private static bool IsInMemory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
    }

    private static void EnsureFolder(string connectionString)
    {
        if (IsInMemory(connectionString))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
