using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What an agenda watch follows.</summary>
public enum AgendaWatchKind
{
    /// <summary>Bodies' meetings: imported as meetings, their agenda items matched against keywords.</summary>
    Bodies = 0,

    /// <summary>One matter (<c>Res 31877</c>) across meetings: scheduling, status and votes.</summary>
    Matter = 1,
}

/// <summary>A Legistar client (a city's legislative calendar) that the coalition watches: bodies' meetings and agenda items, or one matter.</summary>
public sealed class AgendaWatch : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting unwatch 2</c>), per coalition.</summary>
    public int Number { get; set; }

    public AgendaWatchKind Kind { get; set; }

    /// <summary>The Legistar client name, like <c>seattle</c> or <c>nyc</c>.</summary>
    public string Client { get; set; } = string.Empty;

    /// <summary>The watched bodies' ids, comma-separated; null watches every body.</summary>
    public string? BodyIds { get; set; }

    /// <summary>The watched bodies' names as Legistar spells them, <c>|</c>-separated, for people; null for every body.</summary>
    public string? BodyNames { get; set; }

    /// <summary>The words to watch for, <c>|</c>-separated; null means the bilingual default list.</summary>
    public string? Keywords { get; set; }

    /// <summary>The followed matter's file number as typed (<c>Res 31877</c>), for a matter watch.</summary>
    public string? MatterFile { get; set; }

    public long? MatterId { get; set; }

    public string? MatterTitle { get; set; }

    /// <summary>The matter's last known <c>MatterStatusName</c>.</summary>
    public string? MatterStatus { get; set; }

    /// <summary>The matter's last known <c>MatterAgendaDate</c>, as Legistar wrote it.</summary>
    public string? MatterAgendaDate { get; set; }

    /// <summary>The newest matter history row already reported (votes are posted once).</summary>
    public long? MatterHistorySeen { get; set; }

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>Reminder lead times in minutes for its meetings, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    /// <summary>The IANA zone Legistar's local <c>EventDate</c> and <c>EventTime</c> are read in (the coalition's when the watch was made).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The client's API token, encrypted with the host's data-protection keys; never shown or logged.</summary>
    public string? ProtectedToken { get; set; }

    /// <summary>The newest <c>EventLastModifiedUtc</c> already handled, as Legistar wrote it: the next read asks only for events changed after it.</summary>
    public string? ChangedSince { get; set; }

    /// <summary>When the next read takes the whole window again (catching deleted events) instead of only what changed.</summary>
    public DateTimeOffset NextFullReadAt { get; set; }

    public DateTimeOffset? LastCheckAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Why the last check changed nothing (unknown client, API error, malformed answer); null when it worked.</summary>
    public string? LastError { get; set; }

    /// <summary>Checks that failed in a row; each one doubles the wait before the next try.</summary>
    public int Failures { get; set; }

    /// <summary>When a bot instance checks it next; stored so a restart neither forgets nor asks for everything at once.</summary>
    public DateTimeOffset NextCheckAt { get; set; }

    /// <summary>The bot instance checking it now; with <see cref="LeaseUntil"/> keeps a check to one instance.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A watched meeting's agenda version, so its items are read again only when Legistar says it changed.</summary>
public sealed class AgendaWatchEvent : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long WatchId { get; set; }

    public long EventId { get; set; }

    /// <summary><c>EventAgendaStatusName</c>, <c>EventLastModifiedUtc</c> and <c>EventAgendaLastPublishedUTC</c> when its items were last read.</summary>
    public string Version { get; set; } = string.Empty;

    public DateTimeOffset CheckedAt { get; set; }
}

/// <summary>An agenda item that matched a watch's keywords and was alerted; kept to alert it once, again when it changes, and when it is removed.</summary>
public sealed class AgendaWatchItem : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long WatchId { get; set; }

    public long EventId { get; set; }

    public long EventItemId { get; set; }

    /// <summary>The meeting imported for the event (for the Create task button's due date).</summary>
    public long? MeetingId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? MatterFile { get; set; }

    /// <summary>The watched word that matched, as the watch lists it.</summary>
    public string Keyword { get; set; } = string.Empty;

    /// <summary>A digest of the item's title and attachments: a new one alerts "updated".</summary>
    public string Version { get; set; } = string.Empty;

    public bool Removed { get; set; }

    public DateTimeOffset AlertedAt { get; set; }
}

internal sealed class AgendaWatchConfiguration : IEntityTypeConfiguration<AgendaWatch>
{
    public void Configure(EntityTypeBuilder<AgendaWatch> builder)
    {
        builder.ToTable("Meetings_AgendaWatches");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Client).HasMaxLength(64).IsRequired();
        builder.Property(w => w.BodyIds).HasMaxLength(500);
        builder.Property(w => w.BodyNames).HasMaxLength(500);
        builder.Property(w => w.Keywords).HasMaxLength(500);
        builder.Property(w => w.MatterFile).HasMaxLength(64);
        builder.Property(w => w.MatterTitle).HasMaxLength(300);
        builder.Property(w => w.MatterStatus).HasMaxLength(100);
        builder.Property(w => w.MatterAgendaDate).HasMaxLength(40);
        builder.Property(w => w.ChannelId).HasMaxLength(64);
        builder.Property(w => w.ChannelName).HasMaxLength(100);
        builder.Property(w => w.LeadMinutes).HasMaxLength(100);
        builder.Property(w => w.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(w => w.ProtectedToken).HasMaxLength(2000);
        builder.Property(w => w.ChangedSince).HasMaxLength(40);
        builder.Property(w => w.LastError).HasMaxLength(300);
        builder.Property(w => w.LeaseOwner).HasMaxLength(64);
        builder.Property(w => w.CreatedBy).HasMaxLength(64);
        builder.HasIndex(w => new { w.TenantId, w.Number }).IsUnique();
        builder.HasIndex(w => w.NextCheckAt);
    }
}

internal sealed class AgendaWatchEventConfiguration : IEntityTypeConfiguration<AgendaWatchEvent>
{
    public void Configure(EntityTypeBuilder<AgendaWatchEvent> builder)
    {
        builder.ToTable("Meetings_AgendaWatchEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Version).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.WatchId, e.EventId }).IsUnique();
    }
}

internal sealed class AgendaWatchItemConfiguration : IEntityTypeConfiguration<AgendaWatchItem>
{
    public void Configure(EntityTypeBuilder<AgendaWatchItem> builder)
    {
        builder.ToTable("Meetings_AgendaWatchItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Title).HasMaxLength(1000).IsRequired();
        builder.Property(i => i.MatterFile).HasMaxLength(64);
        builder.Property(i => i.Keyword).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Version).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => new { i.TenantId, i.WatchId, i.EventItemId }).IsUnique();
    }
}
