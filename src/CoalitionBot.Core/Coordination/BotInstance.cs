using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Coordination;

/// <summary>Options of <c>CoalitionBot:Cluster</c>: how this instance cooperates with the others sharing its database.</summary>
public sealed class ClusterOptions
{
    public const string Section = "CoalitionBot:Cluster";

    /// <summary>A name for this instance in leases and <c>/healthz</c> (letters, digits, <c>-_.:</c>). Default: the machine name and process id.</summary>
    public string? InstanceName { get; set; }

    /// <summary>How cache invalidations reach the other instances: <c>Auto</c>, <c>Local</c>, <c>Database</c> or <c>Notify</c>. Default: <c>Auto</c>
    /// (<c>Notify</c> on PostgreSQL, <c>Database</c> on a SQLite file, <c>Local</c> on in-memory SQLite).</summary>
    public CacheBus CacheBus { get; set; } = CacheBus.Auto;

    /// <summary>How often the <c>Database</c> bus looks for invalidations published by other instances. Default: 500 ms.</summary>
    public TimeSpan CachePollEvery { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often expired delivery records and old invalidations are deleted (by one instance at a time). Default: 5 minutes.</summary>
    public TimeSpan CleanupEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>How cache invalidations travel between instances.</summary>
public enum CacheBus
{
    /// <summary>Chosen from the database: <see cref="Notify"/> on PostgreSQL, <see cref="Database"/> on a SQLite file, <see cref="Local"/> in memory.</summary>
    Auto = 0,

    /// <summary>Only this process: for one instance.</summary>
    Local = 1,

    /// <summary>A table that every instance polls (<see cref="ClusterOptions.CachePollEvery"/>): works on any database.</summary>
    Database = 2,

    /// <summary>PostgreSQL <c>LISTEN/NOTIFY</c>.</summary>
    Notify = 3,
}

/// <summary>This process's identity among the instances sharing the database: the holder written into leases and delivery records.</summary>
public sealed class BotInstance
{
    public const int MaxIdLength = 100;

    public BotInstance(IOptions<ClusterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Value.InstanceName;
        if (string.IsNullOrWhiteSpace(name))
        {
            var machine = Environment.MachineName;
            name = $"{(machine.Length > 40 ? machine[..40] : machine)}:{Environment.ProcessId}";
        }

        Name = name;
        // The random part keeps two processes apart even when they share a name (a restarted process, a copied configuration).
        Id = $"{name}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The configured or derived name, as shown in <c>/healthz</c>.</summary>
    public string Name { get; }

    /// <summary>Unique to this process run.</summary>
    public string Id { get; }

    internal static bool IsValidName(string? name) =>
        name is null || (name.Length is > 0 and <= 60 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'));
}
