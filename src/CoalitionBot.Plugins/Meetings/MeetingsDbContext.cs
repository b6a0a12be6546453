using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>A council meeting, hearing or coalition call, one-off or recurring, in its own time zone.</summary>
public sealed class Meeting : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting show 3</c>), per coalition.</summary>
    public int Number { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>The first meeting's wall-clock start in <see cref="TimeZone"/> (recurrences keep this local time across DST).</summary>
    public DateTime StartLocal { get; set; }

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    public string? Location { get; set; }

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>An iCalendar RRULE (without the <c>RRULE:</c> prefix), or null for a one-off meeting.</summary>
    public string? Rule { get; set; }

    /// <summary>How the repeat was typed, shown back to people.</summary>
    public string? RuleText { get; set; }

    /// <summary>Reminder lead times in minutes, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    public string? Agenda { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>True for a whole-day event (imported from a calendar feed); <see cref="StartLocal"/> is then midnight of that day.</summary>
    public bool AllDay { get; set; }

    /// <summary>The calendar feed subscription this meeting was imported from; null for meetings added in chat.</summary>
    public long? SubscriptionId { get; set; }

    /// <summary>The feed's key for it: the event's UID, plus its RECURRENCE-ID for a moved or changed single date.</summary>
    public string? ExternalKey { get; set; }

    /// <summary>The Legistar agenda watch this meeting was imported from; null for meetings added in chat or from a feed.</summary>
    public long? WatchId { get; set; }
}

/// <summary>A public iCalendar feed (a city's meeting calendar) that the coalition imports meetings from and keeps in sync.</summary>
public sealed class MeetingSubscription : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short number people type (<c>/meeting unsubscribe 2</c>), per coalition.</summary>
    public int Number { get; set; }

    /// <summary>The feed's address; it may carry an access token, so it is shown and logged without its query.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The calendar's own name (X-WR-CALNAME), or its host.</summary>
    public string Name { get; set; } = string.Empty;

    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    /// <summary>Title filter, like <c>City Council|Public Safety</c>; null imports every event.</summary>
    public string? Filter { get; set; }

    /// <summary>Reminder lead times in minutes for its meetings, comma-separated; null means the plugin's defaults.</summary>
    public string? LeadMinutes { get; set; }

    public string? ETag { get; set; }

    /// <summary>The server's Last-Modified header, sent back as If-Modified-Since.</summary>
    public string? LastModified { get; set; }

    public DateTimeOffset? LastRefreshAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Why the last refresh changed nothing (HTTP status, network error, unreadable feed); null when it worked.</summary>
    public string? LastError { get; set; }

    /// <summary>When the refresher fetches it next; stored so a restart neither forgets nor refetches everything at once.</summary>
    public DateTimeOffset NextRefreshAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One occurrence of a recurring meeting that will not happen.</summary>
public sealed class MeetingSkip : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long MeetingId { get; set; }

    public DateTimeOffset OccurrenceStart { get; set; }

    public string SkippedBy { get; set; } = string.Empty;

    public DateTimeOffset SkippedAt { get; set; }
}

/// <summary>A person's answer for one occurrence: going or not.</summary>
public sealed class Rsvp : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long MeetingId { get; set; }

    public DateTimeOffset OccurrenceStart { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string? UserName { get; set; }

    public bool Going { get; set; }

    public DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>The secret that makes a coalition's calendar feed URL unguessable; replacing it revokes old links.</summary>
public sealed class MeetingFeedToken : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Token { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The meetings plugin's tables.</summary>
public class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingSkip> Skips => Set<MeetingSkip>();

    public DbSet<Rsvp> Rsvps => Set<Rsvp>();

    public DbSet<MeetingFeedToken> FeedTokens => Set<MeetingFeedToken>();

    public DbSet<MeetingSubscription> Subscriptions => Set<MeetingSubscription>();

    public DbSet<AgendaWatch> Watches => Set<AgendaWatch>();

    public DbSet<AgendaWatchEvent> WatchEvents => Set<AgendaWatchEvent>();

    public DbSet<AgendaWatchItem> WatchItems => Set<AgendaWatchItem>();
}

internal sealed class MeetingSubscriptionConfiguration : IEntityTypeConfiguration<MeetingSubscription>
{
    public void Configure(EntityTypeBuilder<MeetingSubscription> builder)
    {
        builder.ToTable("Meetings_Subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Url).HasMaxLength(500).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(120).IsRequired();
        builder.Property(s => s.ChannelId).HasMaxLength(64);
        builder.Property(s => s.ChannelName).HasMaxLength(100);
        builder.Property(s => s.Filter).HasMaxLength(200);
        builder.Property(s => s.LeadMinutes).HasMaxLength(100);
        builder.Property(s => s.ETag).HasMaxLength(200);
        builder.Property(s => s.LastModified).HasMaxLength(100);
        builder.Property(s => s.LastError).HasMaxLength(300);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.TenantId, s.Number }).IsUnique();
        builder.HasIndex(s => s.NextRefreshAt);
    }
}

internal sealed class MeetingFeedTokenConfiguration : IEntityTypeConfiguration<MeetingFeedToken>
{
    public void Configure(EntityTypeBuilder<MeetingFeedToken> builder)
    {
        builder.ToTable("Meetings_FeedTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Token).HasMaxLength(64).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.HasIndex(t => t.Token).IsUnique();
        builder.HasIndex(t => t.TenantId).IsUnique();
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Title).HasMaxLength(120).IsRequired();
        builder.Property(m => m.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Location).HasMaxLength(200);
        builder.Property(m => m.ChannelId).HasMaxLength(64);
        builder.Property(m => m.ChannelName).HasMaxLength(100);
        builder.Property(m => m.Rule).HasMaxLength(300);
        builder.Property(m => m.RuleText).HasMaxLength(200);
        builder.Property(m => m.LeadMinutes).HasMaxLength(100);
        builder.Property(m => m.Agenda).HasMaxLength(1000);
        builder.Property(m => m.CreatedBy).HasMaxLength(64);
        builder.Property(m => m.ExternalKey).HasMaxLength(300);
        builder.HasIndex(m => new { m.TenantId, m.Number }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.SubscriptionId, m.ExternalKey }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.WatchId, m.ExternalKey }).IsUnique();
    }
}

internal sealed class MeetingSkipConfiguration : IEntityTypeConfiguration<MeetingSkip>
{
    public void Configure(EntityTypeBuilder<MeetingSkip> builder)
    {
        builder.ToTable("Meetings_Skips");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SkippedBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.TenantId, s.MeetingId, s.OccurrenceStart }).IsUnique();
    }
}

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> builder)
    {
        builder.ToTable("Meetings_Rsvps");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.UserName).HasMaxLength(100);
        builder.HasIndex(r => new { r.TenantId, r.MeetingId, r.OccurrenceStart, r.UserId }).IsUnique();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class MeetingsDbContextDesignFactory : IDesignTimeDbContextFactory<MeetingsDbContext>
{
    public MeetingsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<MeetingsDbContext>("meetings"), new TenantContext());
}

/// <summary>MeetingsDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresMeetingsDbContext(DbContextOptions<MeetingsDbContext> options, TenantContext tenant)
    : MeetingsDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresMeetingsDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresMeetingsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresMeetingsDbContext>
{
    public PostgresMeetingsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<MeetingsDbContext>("meetings", DatabaseProvider.Postgres), new TenantContext());
}
