using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Persistence;

/// <summary>Whether the database takes writes now: what <c>/healthz</c> reports, checked at most once per <see cref="Interval"/>.</summary>
/// <remarks>
/// Being able to connect says little: SQLite opens a read-only or unlinked file happily. The probe creates a table inside a
/// transaction and rolls it back, which every engine has to write for (SQLite and PostgreSQL both make DDL transactional), needs
/// no migration and leaves nothing behind.
/// </remarks>
public sealed class DatabaseHealth(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    /// <summary>How long one probe's answer is reused, so a busy health checker cannot turn into a write load.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private (bool Writable, DateTimeOffset At)? _last;

    /// <summary>True when a write went through in the last <see cref="Interval"/> (probing again when that answer is older).</summary>
    public async Task<bool> IsWritableAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } known)
        {
            return known;
        }

        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justKnown)
            {
                return justKnown;
            }

            var writable = await ProbeAsync(cancellationToken);
            _last = (writable, clock.GetUtcNow());
            return writable;
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose() => _probing.Dispose();

    private bool? Fresh() => _last is { } last && clock.GetUtcNow() - last.At < Interval ? last.Writable : null;

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var table = "healthz_probe_" + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));
#pragma warning disable EF1002 // The table name is made here from hex digits, never from input.
                await db.Database.ExecuteSqlRawAsync($"CREATE TABLE {table} (id INTEGER)", cancellationToken);
#pragma warning restore EF1002
                await transaction.RollbackAsync(cancellationToken);
                return true;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
