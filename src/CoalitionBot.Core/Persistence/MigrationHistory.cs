using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CoalitionBot.Core.Persistence;

/// <summary>
/// Tells, before any EF Core model is built, whether a database already holds every migration of every registered context.
/// </summary>
/// <remarks>
/// Asking EF Core (<c>GetPendingMigrationsAsync</c>) builds each context's model and services first: with six contexts that was
/// most of the start-up time of a bot whose database is current, which is every start but the first after an upgrade. The
/// check here is the same comparison EF Core makes (the migration ids the code carries against the rows of the context's
/// history table), read with one plain connection; anything it cannot read or does not find sends start-up down EF Core's
/// own path, which migrates or reports the failure.
/// </remarks>
internal static class MigrationHistory
{
    private static readonly ConcurrentDictionary<Assembly, ILookup<Type, string>> IdsByAssembly = new();

    /// <summary>The migration ids the code carries for <paramref name="contextType"/>, as EF Core finds them: types with
    /// <see cref="MigrationAttribute"/> whose <see cref="DbContextAttribute"/> names the context, in its own assembly.</summary>
    public static IReadOnlyCollection<string> IdsFor(Type contextType) =>
        IdsByAssembly.GetOrAdd(contextType.Assembly, Scan)[contextType].ToList();

    /// <summary>True when the database exists and each registration's history table lists all of its migrations.</summary>
    public static async Task<bool> AllAppliedAsync(
        DatabaseProvider provider,
        string connectionString,
        IEnumerable<DbContextRegistration> registrations,
        CancellationToken cancellationToken)
    {
        await using var connection = Open(provider, connectionString);
        if (connection is null)
        {
            return false;
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var registration in registrations)
            {
                var wanted = IdsFor(registration.TypeFor(provider));
                var applied = await AppliedAsync(connection, registration.Name, cancellationToken);
                if (wanted.Count == 0 || !wanted.All(applied.Contains))
                {
                    return false;
                }
            }

            return true;
        }
        catch (DbException)
        {
            // No history table yet, a locked or unreadable file, a refused login: EF Core's path migrates or says what is wrong.
            return false;
        }
    }

    private static DbConnection? Open(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return new NpgsqlConnection(connectionString);
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "" || !File.Exists(builder.DataSource))
        {
            // A database still to be created (or one that lives only in this process) has everything pending.
            return null;
        }

        // Read-write without create: the file was just seen, and this check must never leave an empty one behind.
        builder.Mode = SqliteOpenMode.ReadWrite;
        return new SqliteConnection(builder.ToString());
    }

    private static async Task<HashSet<string>> AppliedAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The table's name comes from the registration (code, not input); quoted as both engines quote identifiers.
        command.CommandText = $"SELECT \"MigrationId\" FROM \"__migrations_{name}\"";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static ILookup<Type, string> Scan(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Migration)))
            .Select(t => (Context: t.GetCustomAttribute<DbContextAttribute>()?.ContextType, Id: t.GetCustomAttribute<MigrationAttribute>()?.Id))
            .Where(m => m.Context is not null && m.Id is not null)
            .ToLookup(m => m.Context!, m => m.Id!);
}
