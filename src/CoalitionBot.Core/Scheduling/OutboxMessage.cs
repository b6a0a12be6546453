using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Core.Scheduling;

/// <summary>Where an outbox message is in its life.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its due time (or its next attempt).</summary>
    Pending = 0,

    /// <summary>Delivered to the platform.</summary>
    Sent = 1,

    /// <summary>Given up after too many attempts or a permanent error; listed for admins.</summary>
    Failed = 2,

    /// <summary>Not sent because it would have been too late (the meeting had started); recorded, not retried.</summary>
    Skipped = 3,

    /// <summary>Withdrawn before sending (the meeting was cancelled or moved).</summary>
    Cancelled = 4,
}

/// <summary>A message the bot will post on its own: a durable row with a unique dedup key, a due time and its delivery state.</summary>
public sealed class OutboxMessage : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>Unique per coalition, e.g. <c>meeting:12:2026-03-03T00:00:00Z:1d</c>; enqueueing the same key twice keeps one row.</summary>
    public string DedupKey { get; set; } = string.Empty;

    /// <summary>The plugin that asked for it (for the failed list and logs).</summary>
    public string Source { get; set; } = string.Empty;

    private string? _channelId;
    private string? _userId;

    public string? ChannelId
    {
        get => _channelId;
        set
        {
            _channelId = value;
            Destination = DestinationOf(value, _userId);
        }
    }

    public string? ChannelName { get; set; }

    public string? UserId
    {
        get => _userId;
        set
        {
            _userId = value;
            Destination = DestinationOf(_channelId, value);
        }
    }

    /// <summary>
    /// The channel and person as one key, kept in step with <see cref="ChannelId"/> and <see cref="UserId"/>: messages with the same
    /// key go out one at a time in due order, and the dispatcher finds the first in line of each through one index on it.
    /// </summary>
    public string Destination { get; private set; } = DestinationOf(null, null);

    public string? UserName { get; set; }

    /// <summary>The neutral reply, as JSON.</summary>
    public string Payload { get; set; } = string.Empty;

    /// <summary>A line added when the message goes out noticeably after its due time (in the coalition's language).</summary>
    public string? LateNotice { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>After this instant the message is pointless (the meeting started) and is skipped instead of sent.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the dispatcher may next try it: the due time, then later after failures.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher instance that holds it while sending.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>True when it was delivered after its due time (the bot or the platform was down).</summary>
    public bool SentLate { get; set; }

    /// <summary>The <see cref="Destination"/> of a channel and person (either may be missing); ids never hold the separator, a control character.</summary>
    internal static string DestinationOf(string? channelId, string? userId) => $"{channelId}\u001f{userId}";
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.DedupKey).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Source).HasMaxLength(40).IsRequired();
        builder.Property(m => m.ChannelId).HasMaxLength(64);
        builder.Property(m => m.ChannelName).HasMaxLength(100);
        builder.Property(m => m.UserId).HasMaxLength(64);
        builder.Property(m => m.UserName).HasMaxLength(100);
        builder.Property(m => m.LateNotice).HasMaxLength(300);
        builder.Property(m => m.LeaseOwner).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.Destination).HasMaxLength(129).IsRequired();
        builder.HasIndex(m => new { m.TenantId, m.DedupKey }).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });

        // The first-in-line test of a claim: is there a pending message to the same destination due earlier? One seek per row.
        builder.HasIndex(m => new { m.TenantId, m.Destination, m.Status, m.DueAt });
    }
}
