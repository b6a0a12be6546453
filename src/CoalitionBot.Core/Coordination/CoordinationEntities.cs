using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Core.Coordination;

/// <summary>A row that coordinates the bot's instances (a lease, a delivery record, a cache invalidation) rather than holding a coalition's data:
/// not tenant-scoped, short-lived, and without personal data, so privacy export and deletion rightly pass it by.</summary>
public interface IClusterRecord;

/// <summary>A named right to do something alone (plan reminders, refresh a feed, run a Discord shard), held by one instance until it expires.</summary>
/// <remarks>Not tenant-scoped: leases coordinate the bot's instances, whichever coalitions their work touches.</remarks>
public sealed class Lease : IClusterRecord
{
    /// <summary>What the lease is for, e.g. <c>meetings.planner</c>, <c>meetings.feed:12</c>, <c>discord.shard:3/8</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The <see cref="BotInstance.Id"/> that holds (or last held) it.</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>After this instant any instance may take it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the current holder took it (kept across renewals).</summary>
    public DateTimeOffset TakenAt { get; set; }
}

/// <summary>A platform delivery already handled (a Slack event or trigger id, a Discord interaction id), kept while the platform may repeat it.</summary>
public sealed class DeliveryRecord : IClusterRecord
{
    /// <summary>The delivery's identity, e.g. <c>discord:interaction:1234</c> or <c>slack:event:Ev01</c>.</summary>
    public string Key { get; set; } = string.Empty;

    public string Holder { get; set; } = string.Empty;

    public DateTimeOffset SeenAt { get; set; }

    /// <summary>After this instant the record is ignored (and cleaned up): the platform no longer repeats the delivery.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>One published cache invalidation, read by the other instances that poll for them (the database bus; see <see cref="DatabaseCachePoller"/>).</summary>
public sealed class CacheInvalidationRecord : IClusterRecord
{
    public long Id { get; set; }

    /// <summary>The cache's name, e.g. <c>caller</c>.</summary>
    public string Cache { get; set; } = string.Empty;

    /// <summary>The entry to drop (usually a tenant id).</summary>
    public string Key { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.ToTable("Leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.Property(l => l.Holder).HasMaxLength(BotInstance.MaxIdLength).IsRequired();
    }
}

internal sealed class DeliveryRecordConfiguration : IEntityTypeConfiguration<DeliveryRecord>
{
    public void Configure(EntityTypeBuilder<DeliveryRecord> builder)
    {
        builder.ToTable("Deliveries");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(DeliveryLog.MaxKeyLength);
        builder.Property(d => d.Holder).HasMaxLength(BotInstance.MaxIdLength).IsRequired();
        builder.HasIndex(d => d.ExpiresAt);
    }
}

internal sealed class CacheInvalidationRecordConfiguration : IEntityTypeConfiguration<CacheInvalidationRecord>
{
    public void Configure(EntityTypeBuilder<CacheInvalidationRecord> builder)
    {
        builder.ToTable("CacheInvalidations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Cache).HasMaxLength(CacheInvalidation.MaxNameLength).IsRequired();
        builder.Property(c => c.Key).HasMaxLength(CacheInvalidation.MaxKeyLength).IsRequired();
        builder.HasIndex(c => c.At);
    }
}
