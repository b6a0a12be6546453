using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>A talking point a coalition wrote itself, in one language.</summary>
public sealed class CustomPoint : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The id people type (<c>/tp show bus-route-cuts</c>), unique in the coalition.</summary>
    public string Slug { get; set; } = string.Empty;

    /// <summary>The language code it is written in: <c>en</c>, <c>es</c> or an added language such as <c>ht</c> or <c>hmn</c>.</summary>
    public string Language { get; set; } = "en";

    public string Title { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>Comma-separated audiences (council, media, …).</summary>
    public string Audiences { get; set; } = string.Empty;

    /// <summary>Comma-separated topic tags.</summary>
    public string Topics { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A pack point a coalition chose not to use.</summary>
public sealed class HiddenPackPoint : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string PointId { get; set; } = string.Empty;

    public string HiddenBy { get; set; } = string.Empty;

    public DateTimeOffset HiddenAt { get; set; }
}

/// <summary>The talking points plugin's tables: coalition points and hidden pack points.</summary>
public class TalkingPointsDbContext(DbContextOptions<TalkingPointsDbContext> options, TenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<CustomPoint> CustomPoints => Set<CustomPoint>();

    public DbSet<HiddenPackPoint> HiddenPackPoints => Set<HiddenPackPoint>();

    /// <summary>A coalition's own and hidden points are cached with their index (<see cref="TenantPointCache"/>).</summary>
    protected override string? CacheFor(Type entityType) =>
        entityType == typeof(CustomPoint) || entityType == typeof(HiddenPackPoint) ? TenantPointCache.CacheName : null;
}

internal sealed class CustomPointConfiguration : IEntityTypeConfiguration<CustomPoint>
{
    public void Configure(EntityTypeBuilder<CustomPoint> builder)
    {
        builder.ToTable("TalkingPoints_Custom");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Slug).HasMaxLength(48).IsRequired();
        builder.Property(p => p.Language).HasMaxLength(35).IsRequired();
        builder.Property(p => p.Title).HasMaxLength(ContentPack.MaxTitle).IsRequired();
        builder.Property(p => p.Text).HasMaxLength(ContentPack.MaxSummary).IsRequired();
        builder.Property(p => p.Audiences).HasMaxLength(200);
        builder.Property(p => p.Topics).HasMaxLength(300);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        builder.HasIndex(p => new { p.TenantId, p.Slug }).IsUnique();
    }
}

internal sealed class HiddenPackPointConfiguration : IEntityTypeConfiguration<HiddenPackPoint>
{
    public void Configure(EntityTypeBuilder<HiddenPackPoint> builder)
    {
        builder.ToTable("TalkingPoints_Hidden");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PointId).HasMaxLength(48).IsRequired();
        builder.Property(p => p.HiddenBy).HasMaxLength(64);
        builder.HasIndex(p => new { p.TenantId, p.PointId }).IsUnique();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class TalkingPointsDbContextDesignFactory : IDesignTimeDbContextFactory<TalkingPointsDbContext>
{
    public TalkingPointsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TalkingPointsDbContext>("tp"), new TenantContext());
}

/// <summary>TalkingPointsDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresTalkingPointsDbContext(DbContextOptions<TalkingPointsDbContext> options, TenantContext tenant)
    : TalkingPointsDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresTalkingPointsDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresTalkingPointsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresTalkingPointsDbContext>
{
    public PostgresTalkingPointsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TalkingPointsDbContext>("tp", DatabaseProvider.Postgres), new TenantContext());
}
