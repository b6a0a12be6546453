using CoalitionBot.Core.Coordination;
using CoalitionBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CoalitionBot.Core.Tests;

/// <summary>The LISTEN/NOTIFY cache bus on a real PostgreSQL server (skipped without <c>COALITIONBOT_TEST_POSTGRES</c>).</summary>
public sealed class PostgresCacheBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public async Task Notify_PublishedAndCommitted_OtherInstanceDrops_RolledBackNever()
    {
        var connectionString = PostgresFactAttribute.ConnectionString!;
        var hub = new CacheInvalidationHub(new NotifyCacheTransport());
        var dropped = new List<string?>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Subscribe("caller", key =>
        {
            lock (dropped)
            {
                dropped.Add(key);
                if (dropped.Count == 2)
                {
                    second.TrySetResult();
                }
            }
        });
        using var listener = new PostgresNotifyListener(connectionString, hub, TimeProvider.System, NullLogger<PostgresNotifyListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Patience);

        var transport = new NotifyCacheTransport();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using (var rolledBack = await connection.BeginTransactionAsync())
            {
                await transport.SendAsync(connection, rolledBack, "caller", "slack:TNEVER", CancellationToken.None);
                await rolledBack.RollbackAsync();
            }

            await transport.SendAsync(connection, null, "caller", "slack:T1", CancellationToken.None);
            await using var committed = await connection.BeginTransactionAsync();
            await transport.SendAsync(connection, committed, "talkingpoints", "slack:T1", CancellationToken.None);
            await transport.SendAsync(connection, committed, "caller", "slack:T2", CancellationToken.None);
            await committed.CommitAsync();
        }

        await second.Task.WaitAsync(Patience);
        await listener.StopAsync(CancellationToken.None);

        dropped.Should().Equal("slack:T1", "slack:T2");
    }

    [PostgresFact]
    public async Task Listener_ConnectionKilled_Reconnects_DropsEverything_AndHearsAgain()
    {
        var connectionString = PostgresFactAttribute.ConnectionString!;
        var hub = new CacheInvalidationHub(new NotifyCacheTransport());
        var droppedAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Subscribe("caller", key =>
        {
            if (key is null)
            {
                droppedAll.TrySetResult();
            }
            else if (key == "slack:AFTER")
            {
                heard.TrySetResult();
            }
        });
        using var listener = new PostgresNotifyListener(connectionString, hub, TimeProvider.System, NullLogger<PostgresNotifyListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Patience);

        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", listener.BackendProcessId);
            await kill.ExecuteScalarAsync();
        }

        await droppedAll.Task.WaitAsync(Patience);
        listener.Connections.Should().Be(2);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await new NotifyCacheTransport().SendAsync(connection, null, "caller", "slack:AFTER", CancellationToken.None);
        }

        await heard.Task.WaitAsync(Patience);
        await listener.StopAsync(CancellationToken.None);
    }
}
