using CoalitionBot.Core.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Core.Persistence;

/// <summary>A coalition's own settings: time zone, default language and the channels the bot posts to on its own.</summary>
public sealed class TenantSettings : ITenantScoped
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>IANA time zone id (e.g. <c>America/Chicago</c>); null means the configured default.</summary>
    public string? TimeZone { get; set; }

    /// <summary><c>en</c> or <c>es</c>: the language for people whose platform gives no locale; null means English.</summary>
    public string? Language { get; set; }

    /// <summary>The platform channel id for meeting reminders and task nudges; null when not chosen.</summary>
    public string? RemindersChannelId { get; set; }

    /// <summary>The platform channel id for the daily digest; null when not chosen.</summary>
    public string? DigestChannelId { get; set; }

    /// <summary>The platform channel id for announcements; null when not chosen.</summary>
    public string? AnnouncementsChannelId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The channel id chosen for a purpose, or null.</summary>
    public string? ChannelFor(CoalitionChannel purpose) => purpose switch
    {
        CoalitionChannel.Reminders => RemindersChannelId,
        CoalitionChannel.Digest => DigestChannelId,
        CoalitionChannel.Announcements => AnnouncementsChannelId,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    /// <summary>Chooses (or, with null, clears) the channel for a purpose.</summary>
    public void SetChannel(CoalitionChannel purpose, string? channelId)
    {
        switch (purpose)
        {
            case CoalitionChannel.Reminders: RemindersChannelId = channelId; break;
            case CoalitionChannel.Digest: DigestChannelId = channelId; break;
            case CoalitionChannel.Announcements: AnnouncementsChannelId = channelId; break;
            default: throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null);
        }
    }
}

/// <summary>What a coalition channel is for: where the scheduler and plugins post on their own.</summary>
public enum CoalitionChannel
{
    /// <summary>Meeting reminders and task due-date nudges.</summary>
    [Choice("reminders", "recordatorios")]
    Reminders = 0,

    /// <summary>The daily digest.</summary>
    [Choice("digest", "resumen")]
    Digest = 1,

    /// <summary>Announcements (campaign steps, new meetings).</summary>
    [Choice("announcements", "anuncios")]
    Announcements = 2,
}

/// <summary>One change to a coalition's settings or data: who did what, when. Never holds note text or secrets.</summary>
/// <remarks>When the actor erases their personal data, <see cref="ActorId"/> and <see cref="ActorName"/> are cleared and the action stays.</remarks>
public sealed class AuditEntry : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>The platform user id of who did it; null for the host command line or after the person erased their data.</summary>
    public string? ActorId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>A short code such as <c>timezone.set</c>, <c>lead.add</c>, <c>data.export</c>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>The new value and the old one (<c>America/Chicago (was UTC)</c>); settings values only, never names or free text.</summary>
    public string? Detail { get; set; }

    /// <summary>The person or role the action is about (a lead grant's subject), if any; cleared when that person erases their data.</summary>
    public string? SubjectId { get; set; }

    public string? SubjectName { get; set; }
}

/// <summary>Who is a lead: a person or a platform role (Discord role, Slack user group).</summary>
public sealed class LeadGrant : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public LeadSubject SubjectKind { get; set; }

    /// <summary>The platform's user or role id.</summary>
    public string SubjectId { get; set; } = string.Empty;

    public string? SubjectName { get; set; }

    public string GrantedBy { get; set; } = string.Empty;

    public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>What a lead grant names.</summary>
public enum LeadSubject
{
    User = 0,
    Role = 1,
}

/// <summary>A person's own preferences in one coalition (their language).</summary>
public sealed class UserPreference : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>A loaded language code chosen by the person; null means none of their own (the coalition's or the platform's applies).</summary>
    public string? Language { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class TenantSettingsConfiguration : IEntityTypeConfiguration<TenantSettings>
{
    public void Configure(EntityTypeBuilder<TenantSettings> builder)
    {
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Language).HasMaxLength(8);
        builder.Property(s => s.RemindersChannelId).HasMaxLength(64);
        builder.Property(s => s.DigestChannelId).HasMaxLength(64);
        builder.Property(s => s.AnnouncementsChannelId).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorId).HasMaxLength(64);
        builder.Property(a => a.ActorName).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Detail).HasMaxLength(200);
        builder.Property(a => a.SubjectId).HasMaxLength(64);
        builder.Property(a => a.SubjectName).HasMaxLength(100);
        builder.HasIndex(a => new { a.TenantId, a.At });
    }
}

internal sealed class LeadGrantConfiguration : IEntityTypeConfiguration<LeadGrant>
{
    public void Configure(EntityTypeBuilder<LeadGrant> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.SubjectId).HasMaxLength(64).IsRequired();
        builder.Property(g => g.SubjectName).HasMaxLength(100);
        builder.Property(g => g.GrantedBy).HasMaxLength(64).IsRequired();
        builder.HasIndex(g => new { g.TenantId, g.SubjectKind, g.SubjectId }).IsUnique();
    }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.UserId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Language).HasMaxLength(8);
        builder.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique();
    }
}
