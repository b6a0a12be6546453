using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoalitionBot.Core.Persistence;

/// <summary>Sets per-connection SQLite pragmas: in WAL mode, <c>synchronous=NORMAL</c> keeps every commit safe from a killed process
/// (only a power loss can drop the last commits) without an fsync per commit, which the outbox makes many of.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
