using System.Data.Common;
using CoalitionBot.Core.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoalitionBot.Core.Persistence;

/// <summary>
/// <c>db copy --from &lt;connection string&gt; --to &lt;connection string&gt;</c>: copies every table of every context from one
/// database into an empty one (SQLite to PostgreSQL to move up to several machines, or back), migrating the target first and
/// checking the row count of each table afterwards.
/// </summary>
internal sealed class DatabaseCopyCliCommand : ICliCommand
{
    private const int BatchSize = 1000;

    public string Name => "db";

    public string Usage => "db copy --from <connection string> --to <connection string> [--from-provider Sqlite|Postgres] [--to-provider Sqlite|Postgres]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] != "copy")
        {
            return await FailAsync(error, $"usage: {Usage}");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] is not ("--from" or "--to" or "--from-provider" or "--to-provider") || i + 1 >= args.Count)
            {
                return await FailAsync(error, $"unexpected \"{args[i]}\"; usage: {Usage}");
            }

            values[args[i]] = args[++i];
        }

        if (!values.TryGetValue("--from", out var from) || !values.TryGetValue("--to", out var to))
        {
            return await FailAsync(error, $"--from and --to are both needed; usage: {Usage}");
        }

        if (!TryProvider(from, values.GetValueOrDefault("--from-provider"), "--from", out var fromProvider, out var problem)
            || !TryProvider(to, values.GetValueOrDefault("--to-provider"), "--to", out var toProvider, out problem))
        {
            return await FailAsync(error, problem);
        }

        if (fromProvider == DatabaseProvider.Sqlite && !SqliteFileExists(from))
        {
            return await FailAsync(error, "the --from SQLite database does not exist.");
        }

        try
        {
            return await CopyAsync(services, (fromProvider, from), (toProvider, to), output, error, cancellationToken);
        }
        catch (Exception ex) when (DatabaseSetup.IsDatabaseFailure(ex) || ex is InvalidOperationException)
        {
            return await FailAsync(error, $"the database failed: {DatabaseSetup.Describe(ex)}");
        }
    }

    private static async Task<int> CopyAsync(
        IServiceProvider services,
        (DatabaseProvider Provider, string ConnectionString) from,
        (DatabaseProvider Provider, string ConnectionString) to,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var registrations = services.GetServices<DbContextRegistration>().ToList();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger<DatabaseCopyCliCommand>() ?? (ILogger)NullLogger.Instance;
        var sources = registrations.Select(r => Open(services, r, from.Provider, from.ConnectionString)).ToList();
        var targets = registrations.Select(r => Open(services, r, to.Provider, to.ConnectionString)).ToList();
        try
        {
            foreach (var (registration, source) in registrations.Zip(sources))
            {
                var pending = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    return await FailAsync(error, $"the --from database is not up to date ({registration.Name} lacks {pending.Count} migration(s)): start the bot on it once, then copy.");
                }
            }

            var index = 0;
            await DatabaseSetup.MigrateAsync(to.Provider, to.ConnectionString, registrations, _ => targets[index++], logger, cancellationToken);
            foreach (var target in targets)
            {
                foreach (var entity in Ordered(target.Model))
                {
                    var rows = await CountAsync(target, entity, cancellationToken);
                    if (rows > 0)
                    {
                        return await FailAsync(error, $"the --to database is not empty ({entity.GetTableName()} has {rows} row(s)); db copy only fills an empty database.");
                    }
                }
            }

            var total = 0L;
            var tables = 0;
            foreach (var (source, target) in sources.Zip(targets))
            {
                foreach (var entity in Ordered(source.Model))
                {
                    var copied = await CopyTableAsync(source, target, entity, cancellationToken);
                    var expected = await CountAsync(source, entity, cancellationToken);
                    var landed = await CountAsync(target, entity, cancellationToken);
                    if (copied != expected || landed != expected)
                    {
                        return await FailAsync(error, $"{entity.GetTableName()}: the source has {expected} row(s) but {landed} arrived; the target is incomplete, empty it before trying again.");
                    }

                    if (to.Provider == DatabaseProvider.Postgres)
                    {
                        await AdvanceIdentityAsync(target, entity, cancellationToken);
                    }

                    await output.WriteLineAsync($"  {entity.GetTableName()}: {landed}");
                    total += landed;
                    tables++;
                }
            }

            await output.WriteLineAsync($"Copied {total} row(s) in {tables} table(s) from {from.Provider} to {to.Provider}; every table's row count matches.");
            return CliExitCode.Ok;
        }
        finally
        {
            foreach (var context in sources.Concat(targets))
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>A context of <paramref name="registration"/> on any database, outside the host's own.</summary>
    private static DbContext Open(IServiceProvider services, DbContextRegistration registration, DatabaseProvider provider, string connectionString)
    {
        var options = typeof(DatabaseSetup).GetMethod(nameof(DatabaseSetup.OptionsFor))!
            .MakeGenericMethod(registration.ContextType)
            .Invoke(null, [provider, connectionString, registration.Name])!;
        return (DbContext)ActivatorUtilities.CreateInstance(services, registration.TypeFor(provider), options, new TenantContext());
    }

    /// <summary>The context's tables, each after the tables its foreign keys point to.</summary>
    private static List<IEntityType> Ordered(IModel model)
    {
        var ordered = new List<IEntityType>();
        var remaining = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType)))
                ?? remaining[0];
            ordered.Add(ready);
            remaining.Remove(ready);
        }

        return ordered;
    }

    private static Task<long> CountAsync(DbContext context, IEntityType entity, CancellationToken cancellationToken) =>
        (Task<long>)typeof(DatabaseCopyCliCommand).GetMethod(nameof(CountOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [context, cancellationToken])!;

    private static Task<long> CountOfAsync<TEntity>(DbContext context, CancellationToken cancellationToken)
        where TEntity : class =>
        context.Set<TEntity>().IgnoreQueryFilters().LongCountAsync(cancellationToken);

    private static Task<long> CopyTableAsync(DbContext source, DbContext target, IEntityType entity, CancellationToken cancellationToken) =>
        (Task<long>)typeof(DatabaseCopyCliCommand).GetMethod(nameof(CopyRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [source, target, entity, cancellationToken])!;

    /// <summary>Copies one table in key order, a batch at a time, keeping every column (ids included).</summary>
    private static async Task<long> CopyRowsAsync<TEntity>(DbContext source, DbContext target, IEntityType entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var key = entity.FindPrimaryKey()?.Properties.Select(p => p.Name).ToList()
            ?? throw new InvalidOperationException($"{entity.GetTableName()} has no primary key to copy it by.");
        var copied = 0L;
        while (true)
        {
            IQueryable<TEntity> query = source.Set<TEntity>().IgnoreQueryFilters().AsNoTracking();
            var ordered = query.OrderBy(e => EF.Property<object>(e, key[0]));
            foreach (var more in key.Skip(1))
            {
                ordered = ordered.ThenBy(e => EF.Property<object>(e, more));
            }

            var batch = await ordered.Skip((int)copied).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return copied;
            }

            target.Set<TEntity>().AddRange(batch);
            await target.SaveChangesAsync(cancellationToken);
            target.ChangeTracker.Clear();
            copied += batch.Count;
        }
    }

    /// <summary>Moves a PostgreSQL identity past the copied ids, so the next row the bot adds does not collide with them.</summary>
    private static async Task AdvanceIdentityAsync(DbContext target, IEntityType entity, CancellationToken cancellationToken)
    {
        var key = entity.FindPrimaryKey();
        if (key is not { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } id] } || entity.GetTableName() is not { } table)
        {
            return;
        }

        var column = id.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()));
        var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 0) + 1, false) FROM \"{table}\"";
        await using var command = target.Database.GetDbConnection().CreateCommand();
        await target.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            command.CommandText = sql;
            await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await target.Database.CloseConnectionAsync();
        }
    }

    private static bool TryProvider(string connectionString, string? named, string flag, out DatabaseProvider provider, out string problem)
    {
        problem = string.Empty;
        if (named is not null)
        {
            if (Enum.TryParse(named, ignoreCase: true, out provider) && Enum.IsDefined(provider))
            {
                return true;
            }

            problem = $"{flag}-provider must be Sqlite or Postgres, not \"{named}\".";
            return false;
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            provider = default;
            problem = $"{flag} is not a connection string (like \"Data Source=data/coalitionbot.db\" or \"Host=db;Database=coalitionbot\").";
            return false;
        }

        if (keys.ContainsKey("Host") || keys.ContainsKey("Server"))
        {
            provider = DatabaseProvider.Postgres;
            return true;
        }

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            provider = DatabaseProvider.Sqlite;
            return true;
        }

        provider = default;
        problem = $"cannot tell which database {flag} names; add {flag}-provider Sqlite or {flag}-provider Postgres.";
        return false;
    }

    private static bool SqliteFileExists(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || builder.DataSource.StartsWith(':')
            || File.Exists(builder.DataSource) || builder.DataSource.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"db copy: {message}");
        return CliExitCode.Failed;
    }
}
