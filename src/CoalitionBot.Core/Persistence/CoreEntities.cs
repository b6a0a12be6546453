using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Core.Persistence;

/// <summary>A coalition's own settings: time zone and default language.</summary>
public sealed class TenantSettings : ITenantScoped
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>IANA time zone id (e.g. <c>America/Chicago</c>); null means the configured default.</summary>
    public string? TimeZone { get; set; }

    /// <summary><c>en</c> or <c>es</c>: the language for people whose platform gives no locale; null means English.</summary>
    public string? Language { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
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

    /// <summary><c>en</c> or <c>es</c>, chosen by the person; null means "follow my platform".</summary>
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
