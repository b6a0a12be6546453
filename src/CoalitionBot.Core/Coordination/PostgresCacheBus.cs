using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CoalitionBot.Core.Coordination;

/// <summary>Carries invalidations with PostgreSQL <c>NOTIFY</c> on the publisher's connection, so they are delivered when its transaction commits.</summary>
public sealed class NotifyCacheTransport : ICacheTransport
{
    /// <summary>The channel every instance listens on.</summary>
    public const string Channel = "coalitionbot_cache";

    public async Task SendAsync(DbConnection connection, DbTransaction? transaction, string cache, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_notify(@channel, @payload)";
        var channel = command.CreateParameter();
        channel.ParameterName = "@channel";
        channel.Value = Channel;
        command.Parameters.Add(channel);
        var payload = command.CreateParameter();
        payload.ParameterName = "@payload";
        payload.Value = cache + "\n" + key;
        command.Parameters.Add(payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads a payload written by <see cref="SendAsync"/>; null when it is not one.</summary>
    internal static (string Cache, string Key)? Parse(string payload)
    {
        var split = payload.IndexOf('\n', StringComparison.Ordinal);
        return split <= 0 || split == payload.Length - 1 ? null : (payload[..split], payload[(split + 1)..]);
    }
}

/// <summary>
/// Holds one connection that <c>LISTEN</c>s for invalidations and hands them to the hub. When the connection is lost it reconnects
/// (1 s, doubling to 30 s) and then empties every cache, since notifications sent meanwhile are gone.
/// </summary>
public sealed partial class PostgresNotifyListener(
    string connectionString,
    CacheInvalidationHub hub,
    TimeProvider clock,
    ILogger<PostgresNotifyListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;

    /// <summary>Completes once the first <c>LISTEN</c> is in place (for tests and start-up ordering).</summary>
    public Task Listening => _listening.Task;

    /// <summary>How many times a listening connection was opened (1 after start, more after reconnects).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The backend process id of the listening connection, or 0 when not connected.</summary>
    public int BackendProcessId { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Keepalives make a silently dropped connection (a failover, a NAT timeout) fail the wait instead of hanging it.
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 15;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {NotifyCacheTransport.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                BackendProcessId = connection.ProcessID;
                if (Interlocked.Increment(ref _connections) > 1)
                {
                    // Notifications sent while we were away are lost: forget everything cached.
                    hub.DropAll();
                    Log.Reconnected(logger);
                }

                _listening.TrySetResult();
                retry = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbException or IOException or InvalidOperationException or TimeoutException)
            {
                BackendProcessId = 0;
                Log.Lost(logger, retry.TotalSeconds, ex.Message);
            }

            try
            {
                await Task.Delay(retry, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            retry = retry * 2 > MaxRetry ? MaxRetry : retry * 2;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == NotifyCacheTransport.Channel && NotifyCacheTransport.Parse(e.Payload) is { } message)
        {
            hub.Deliver(message.Cache, message.Key);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Listening for cache invalidations failed ({Problem}); reconnecting in {Seconds} s")]
        public static partial void Lost(ILogger logger, double seconds, string problem);

        [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Listening for cache invalidations again; caches emptied, since notifications may have been missed")]
        public static partial void Reconnected(ILogger logger);
    }
}
