using System.Security.Cryptography;
using System.Text;
using CoalitionBot.Core;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoalitionBot.Testing;

/// <summary>The PostgreSQL server tests may use, named by the environment variable <c>COALITIONBOT_TEST_POSTGRES</c>
/// (a connection string for a role that may create databases; <c>eng/test-postgres.sh start</c> prints one).</summary>
public static class TestPostgres
{
    public const string Variable = "COALITIONBOT_TEST_POSTGRES";

    public const string SkipReason =
        "PostgreSQL runs skipped: COALITIONBOT_TEST_POSTGRES is not set (export it from `eng/test-postgres.sh start`; .ci/run does)";

    /// <summary>The server's connection string, or null when the PostgreSQL runs are skipped.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}

/// <summary>A fresh, migrated database for one test on either provider, dropped when disposed.</summary>
/// <remarks>
/// SQLite: an in-memory database held open by a connection, or a file when asked. PostgreSQL: a database cloned from a
/// template that is migrated once per set of migrations (<c>CREATE DATABASE … TEMPLATE</c> takes milliseconds, migrating takes seconds).
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Idle = [];
    private static string? _template;
    private static HashSet<string> _templateTables = [];

    private readonly SqliteConnection? _keepAlive;
    private readonly string? _postgresName;
    private bool _fromTemplate;

    private TestDatabase(DatabaseProvider provider, string connectionString, SqliteConnection? keepAlive, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The configuration keys that point the bot at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CoalitionBot:Database:Provider"] = Provider.ToString(),
        ["CoalitionBot:Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>The same as command-line arguments for a host process.</summary>
    public IReadOnlyList<string> Arguments =>
        ["--CoalitionBot:Database:Provider", Provider.ToString(), "--CoalitionBot:Database:ConnectionString", ConnectionString];

    /// <summary>Creates an empty database: SQLite in memory (or in <paramref name="sqliteFile"/>), or a PostgreSQL clone of the migrated template.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? sqliteFile = null)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            if (sqliteFile is not null)
            {
                return new TestDatabase(provider, $"Data Source={sqliteFile}", null, null);
            }

            var connectionString = $"Data Source=testdb-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
            var keepAlive = new SqliteConnection(connectionString);
            await keepAlive.OpenAsync();
            return new TestDatabase(provider, connectionString, keepAlive, null);
        }

        var template = await TemplateAsync();
        if (Idle.TryTake(out var reused))
        {
            return new TestDatabase(provider, WithDatabase(reused), null, reused) { _fromTemplate = true };
        }

        var name = $"cbt_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(provider, WithDatabase(name), null, name) { _fromTemplate = true };
    }

    /// <summary>An empty PostgreSQL database with no tables (for <c>db copy</c> targets and start-up tests).</summary>
    public static async Task<TestDatabase> CreateEmptyPostgresAsync()
    {
        var name = $"cbt_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE template0");
        return new TestDatabase(DatabaseProvider.Postgres, WithDatabase(name), null, name);
    }

    /// <summary>Runs SQL on the database and returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query that returns one number (e.g. a count).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Makes the database refuse <paramref name="operation"/> (<c>INSERT</c>, <c>UPDATE</c> or <c>DELETE</c>) on a table until
    /// the result is disposed, to test what a failed write leaves behind.</summary>
    public async Task<IAsyncDisposable> RefuseAsync(string table, string operation, string message = "database full")
    {
        var name = $"refuse_{operation.ToLowerInvariant()}_{table.ToLowerInvariant()}";
        if (Provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync(
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$; " +
                $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION {name}();");
            return new Undo(() => ExecuteAsync($"DROP TRIGGER {name} ON \"{table}\"; DROP FUNCTION {name}();"));
        }

        await ExecuteAsync($"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{message}'); END;");
        return new Undo(() => ExecuteAsync($"DROP TRIGGER {name};"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

        if (_postgresName is not null && !await TryEmptyForReuseAsync())
        {
            using (var connection = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await AdminAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }

    /// <summary>Empties a cloned database so the next test takes it instead of cloning one (creating a database costs seconds on a
    /// busy machine, emptying it milliseconds). A database whose tables differ from the template's (a fixture made some) is dropped.</summary>
    private async Task<bool> TryEmptyForReuseAsync()
    {
        if (!_fromTemplate)
        {
            return false;
        }

        try
        {
            var tables = await TablesAsync();
            if (!tables.ToHashSet(StringComparer.Ordinal).SetEquals(_templateTables))
            {
                return false;
            }

            var data = tables.Where(t => !t.StartsWith("__migrations_", StringComparison.Ordinal)).Select(t => $"\"{t}\"");
            await ExecuteAsync($"TRUNCATE TABLE {string.Join(", ", data)} RESTART IDENTITY CASCADE");
            Idle.Add(_postgresName!);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>The names of the database's tables (migrations history included).</summary>
    public async Task<List<string>> TablesAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>A new, closed connection to the database, for tests that read it below EF.</summary>
    public System.Data.Common.DbConnection Open() =>
        Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    private static string Server => TestPostgres.ConnectionString
        ?? throw new InvalidOperationException($"{TestPostgres.Variable} is not set: this test needs a PostgreSQL server.");

    private static string WithDatabase(string name) => new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;

    /// <summary>Runs SQL on the PostgreSQL test server's <c>postgres</c> database (to close or open a test database, end its sessions).</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The template with every context migrated, named after its migrations so a new migration makes a new one;
    /// built once per server under an advisory lock (test assemblies run in parallel), renamed into place when complete.</summary>
    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            await using var services = AllContexts(DatabaseProvider.Postgres, WithDatabase("cbt_template_build"));
            var registrations = services.GetServices<DbContextRegistration>().ToList();
            var ids = new StringBuilder();
            await using (var scope = services.CreateAsyncScope())
            {
                foreach (var registration in registrations)
                {
                    var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
                    ids.AppendJoin('\n', context.Database.GetMigrations()).Append('\n');
                }
            }

            var name = $"cbt_template_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids.ToString())))[..12]}";
            await using var admin = new NpgsqlConnection(WithDatabase("postgres"));
            await admin.OpenAsync();
            await Run(admin, "SELECT pg_advisory_lock(7151)");
            try
            {
                await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await Run(admin, "DROP DATABASE IF EXISTS cbt_template_build WITH (FORCE)");
                    await Run(admin, "CREATE DATABASE cbt_template_build TEMPLATE template0");
                    await services.MigrateDatabasesAsync();
                    using (var built = new NpgsqlConnection(WithDatabase("cbt_template_build")))
                    {
                        NpgsqlConnection.ClearPool(built);
                    }

                    await Run(admin, $"ALTER DATABASE cbt_template_build RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await Run(admin, "SELECT pg_advisory_unlock(7151)");
            }

            await using (var template = new TestDatabase(DatabaseProvider.Postgres, WithDatabase(name), null, null))
            {
                _templateTables = (await template.TablesAsync()).ToHashSet(StringComparer.Ordinal);
            }

            // A template cannot be cloned while anyone is connected to it: drop the pooled connection that read it.
            using (var read = new NpgsqlConnection(WithDatabase(name)))
            {
                NpgsqlConnection.ClearPool(read);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropIdle();
            _template = name;
            return name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static void DropIdle()
    {
        NpgsqlConnection.ClearAllPools();
        while (Idle.TryTake(out var name))
        {
            using var connection = new NpgsqlConnection(WithDatabase("postgres"));
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
    }

    private static async Task Run(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A container with Core and every built-in plugin's contexts on the given database.</summary>
    public static ServiceProvider AllContexts(DatabaseProvider provider, string connectionString)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoalitionBot:Database:Provider"] = provider.ToString(),
            ["CoalitionBot:Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        var plugins = new PluginLoader(BuiltInPlugins.Catalog)
            .Load(BuiltInPlugins.Catalog.Keys.Select(name => new PluginEntry(name, true, null, null)), AppContext.BaseDirectory)
            .ToList();
        services.AddCoalitionBotCore().AddPlugins(plugins);
        return services.BuildServiceProvider();
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
