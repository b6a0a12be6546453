using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoalitionBot.Core.Persistence;

/// <summary>The database engines the bot runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file (the default): one process, no set-up.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: the engine for more than one machine.</summary>
    Postgres,
}

/// <summary>Options of <c>CoalitionBot:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "CoalitionBot:Database";

    /// <summary><c>Sqlite</c> or <c>Postgres</c>. Default: <c>Sqlite</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "CoalitionBot:Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>The ADO.NET connection string. Default: <c>Data Source=data/coalitionbot.db</c> (folder created on first run);
    /// for PostgreSQL e.g. <c>Host=db;Database=coalitionbot;Username=bot;Password=…</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/coalitionbot.db";

    /// <summary>The validated <see cref="Provider"/>.</summary>
    public DatabaseProvider Kind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);
}

/// <summary>A DbContext type registered by Core or a plugin, migrated at start-up.</summary>
/// <param name="ContextType">The type the code injects; on SQLite it is also the type that runs.</param>
/// <param name="PostgresContextType">Its subclass that carries the PostgreSQL migrations (<c>Migrations/Postgres</c>).</param>
/// <param name="Name">Names the context's own migrations history table (<c>__migrations_{Name}</c>).</param>
public sealed record DbContextRegistration(Type ContextType, Type PostgresContextType, string Name)
{
    /// <summary>The type that runs on <paramref name="provider"/>.</summary>
    public Type TypeFor(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? PostgresContextType : ContextType;
}

/// <summary>Start-up could not open, create or migrate the database (wrong connection string, unreachable server, refused login).</summary>
public sealed class DatabaseStartException(string message, Exception inner) : Exception(message, inner);

/// <summary>Registers DbContexts on the configured database and migrates them at start-up.</summary>
/// <remarks>
/// Each context has one migrations set per provider, as EF Core documents for several providers: the context type itself
/// carries the SQLite migrations, and a subclass (<c>XPostgresDbContext</c>) carries the PostgreSQL ones. Code injects the
/// context type; on PostgreSQL the container hands out the subclass.
/// </remarks>
public static class DatabaseSetup
{
    private static readonly SqlitePragmas Pragmas = new();

    /// <summary>Registers a <see cref="TenantDbContext"/> that runs as the same type on every provider: one with no migrations
    /// (its tables are made otherwise), as test fixtures are. A context with migrations registers its PostgreSQL subclass with the overload below.</summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services, string name)
        where TContext : TenantDbContext =>
        services.AddTenantDbContext<TContext, TContext>(name);

    /// <summary>Registers a <see cref="TenantDbContext"/> with its own migrations history table, named after <paramref name="name"/>;
    /// <typeparamref name="TPostgresContext"/> is the subclass that runs (and holds the migrations) on PostgreSQL.</summary>
    public static IServiceCollection AddTenantDbContext<TContext, TPostgresContext>(this IServiceCollection services, string name)
        where TContext : TenantDbContext
        where TPostgresContext : TContext
    {
        // Options are built once: rebuilding them for every command's scope showed up in the load benchmarks.
        services.AddDbContext<TContext>(
            (provider, builder) =>
            {
                var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                Configure(builder, options.Kind, options.ConnectionString, name);
            },
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(sp => new ContextActivator<TContext>(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Kind == DatabaseProvider.Postgres ? typeof(TPostgresContext) : typeof(TContext)));
        services.Replace(ServiceDescriptor.Scoped(sp => sp.GetRequiredService<ContextActivator<TContext>>().Create(sp)));
        services.AddSingleton(new DbContextRegistration(typeof(TContext), typeof(TPostgresContext), name));
        return services;
    }

    /// <summary>Applies every registered context's pending migrations, creating the database (and its folder) if needed.</summary>
    /// <exception cref="DatabaseStartException">The database cannot be reached, created or migrated.</exception>
    public static async Task MigrateDatabasesAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        try
        {
            await using var scope = services.CreateAsyncScope();
            await MigrateAsync(
                options.Kind,
                options.ConnectionString,
                services.GetServices<DbContextRegistration>(),
                registration => (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType),
                logger,
                cancellationToken);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex) || ex is IOException or UnauthorizedAccessException)
        {
            // IOException: the SQLite file's folder cannot be made or read.
            throw new DatabaseStartException(Describe(ex), ex);
        }
    }

    /// <summary>
    /// Builds the core context's EF Core model on a thread-pool thread, alongside the rest of start-up (the migration check,
    /// hosted services, the console's prompt), so the first command does not wait for it: every command reads the caller's
    /// roles and the coalition's settings through that context, and its model (conventions, tenant filters, validation) is
    /// the largest single piece of a first answer. The model is cached by EF Core and built once: a command that needs it
    /// earlier waits for this build rather than starting another. A failure here is left for that command to meet and report.
    /// Building a model opens no connection, so an unreachable database changes nothing here.
    /// </summary>
    /// <returns>The model every later context of that type uses, or null if it could not be built now.</returns>
    public static Task<IModel?> WarmUpCoreModelAsync(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Task.Run(() =>
        {
            ILogger? logger = null;
            try
            {
                logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
                using var scope = services.CreateScope();
                return (IModel?)scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Model;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException || IsDatabaseFailure(ex))
            {
                logger?.LogDebug(ex, "Building the core database model ahead of the first command failed; the first command will build it");
                return (IModel?)null;
            }
        });
    }

    /// <summary>Migrates the contexts that <paramref name="open"/> builds on one database (the host's, or a <c>db copy</c> target).</summary>
    internal static async Task MigrateAsync(
        DatabaseProvider provider,
        string connectionString,
        IEnumerable<DbContextRegistration> registrations,
        Func<DbContextRegistration, DbContext> open,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureFolder(connectionString);
        }

        var all = registrations.ToList();
        if (await MigrationHistory.AllAppliedAsync(provider, connectionString, all, cancellationToken))
        {
            // Current (every start but the first after an upgrade): no model is built until a command needs it. WAL was set
            // when the file was made, and SQLite keeps it in the file.
            return;
        }

        // Instances started together on one empty PostgreSQL database would each create the same tables (and all but one fail
        // with "relation … already exists"): they migrate one after another, under a session advisory lock, and the later ones
        // find nothing pending.
        await using var migrationLock = provider == DatabaseProvider.Postgres ? await PostgresMigrationLock.AcquireAsync(connectionString, cancellationToken) : null;

        DbContext? first = null;
        foreach (var registration in all)
        {
            var context = open(registration);
            first ??= context;
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) for {Context}", pending.Count, registration.Name);
                await context.Database.MigrateAsync(cancellationToken);
            }
        }

        if (provider == DatabaseProvider.Sqlite && first is not null && !IsInMemory(connectionString))
        {
            // WAL lets readers (reminders, lookups) proceed while a command writes.
            await first.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Options for a context on a given database, outside the container (design time, <c>db copy</c>, tests).</summary>
    public static DbContextOptions<TContext> OptionsFor<TContext>(DatabaseProvider provider, string connectionString, string name)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, provider, connectionString, name);
        return builder.Options;
    }

    /// <summary>Options for a design-time factory (<c>dotnet ef migrations add</c>): the provider's migrations, with the context's own history table.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string name, DatabaseProvider provider = DatabaseProvider.Sqlite)
        where TContext : DbContext =>
        OptionsFor<TContext>(provider, provider == DatabaseProvider.Postgres ? "Host=localhost;Database=coalitionbot_design" : "Data Source=design-time.db", name);

    /// <summary>True when <paramref name="exception"/> (or what it wraps) comes from the database: a refused or lost connection,
    /// a bad connection string, a failed statement.</summary>
    public static bool IsDatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or DbUpdateException or TimeoutException || (e is ArgumentException && e.Source is "Npgsql" or "Microsoft.Data.Sqlite"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the database cannot be reached right now (server down, connection dropped, pool exhausted), as opposed to a
    /// statement it refused: commands answer "try again in a minute" and background work waits for it to come back.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // SQL states: 08 connection exception, 53 insufficient resources (too many connections), 57P0x server shutting down or
            // starting, 55000 the database is not accepting connections (ALLOW_CONNECTIONS false, as during maintenance).
            if (e is DbException { IsTransient: true } or IOException or System.Net.Sockets.SocketException or TimeoutException
                || (e is DbException { SqlState: { } state } && (state.StartsWith("08", StringComparison.Ordinal)
                    || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) || state == "55000")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One line saying why the database failed: the innermost message, without stack or connection secrets.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.GetBaseException().Message.ReplaceLineEndings(" ").Trim();
        return message.Length == 0 ? exception.GetType().Name : message;
    }

    private static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string name)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable($"__migrations_{name}"));
        }
        else
        {
            builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable($"__migrations_{name}")).AddInterceptors(Pragmas);
        }
    }

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

    /// <summary>Builds the context type that runs on the configured provider, resolving its constructor's services once.</summary>
    private sealed class ContextActivator<TContext>(Type type)
        where TContext : DbContext
    {
        private readonly ObjectFactory _factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);

        public TContext Create(IServiceProvider services) => (TContext)_factory(services, null);
    }
}

/// <summary>A PostgreSQL session advisory lock held on its own connection while the host migrates.</summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number that no other application on the server uses for its advisory locks ("CoalBot\0" in ASCII).
    private const long Key = 0x436F616C426F7400;

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the server released the lock with its session.
        }

        await _connection.DisposeAsync();
    }
}
