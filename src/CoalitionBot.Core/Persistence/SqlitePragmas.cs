using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoalitionBot.Core.Persistence;

/// <summary>Sets per-connection SQLite pragmas, and refuses a connection whose database file was deleted or replaced underneath it.</summary>
/// <remarks>
/// In WAL mode, <c>synchronous=NORMAL</c> keeps every commit safe from a killed process (only a power loss can drop the last
/// commits) without an fsync per commit, which the outbox makes many of.
/// A pooled connection keeps its file open after the file is unlinked or renamed away, and SQLite in WAL mode goes on
/// committing to it: rows that vanish at the next start. Every time EF opens a connection, SQLite is asked whether the file
/// has moved (<c>SQLITE_FCNTL_HAS_MOVED</c>, one <c>stat</c>), and then the operation fails loudly instead of being acknowledged.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    // sqlite3.h: SQLITE_FCNTL_HAS_MOVED.
    private const int HasMovedOperation = 20;

    private static readonly byte[] MainName = "main\0"u8.ToArray();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfMoved(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfMoved(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Throws <see cref="DatabaseFileMovedException"/> when the connection's database file is no longer at its path.</summary>
    internal static void ThrowIfMoved(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        if (HasMoved(handle.DangerousGetHandle()) ?? (!string.IsNullOrEmpty(sqlite.DataSource) && !File.Exists(sqlite.DataSource)))
        {
            throw new DatabaseFileMovedException(sqlite.DataSource);
        }
    }

    // True or false from SQLite itself; null when the native call is not available (then only a deleted file is noticed).
    private static bool? HasMoved(IntPtr database)
    {
        try
        {
            var moved = 0;
            // In-memory databases do not answer (SQLITE_NOTFOUND) and leave the flag at 0.
            return NativeMethods.sqlite3_file_control(database, MainName, HasMovedOperation, ref moved) == 0 ? moved != 0 : false;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static class NativeMethods
    {
        // The SQLite library Microsoft.Data.Sqlite already loaded (SQLitePCLRaw.bundle_e_sqlite3); SQLitePCL.raw has no file_control.
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        public static extern int sqlite3_file_control(IntPtr database, byte[] name, int operation, ref int value);
    }
}

/// <summary>The database file was deleted or replaced while the bot had it open; nothing is read from or saved to the old file.</summary>
public sealed class DatabaseFileMovedException(string path)
    : DbException($"The database file {path} was deleted or replaced while the bot was running; nothing can be saved until the bot is restarted.")
{
}
