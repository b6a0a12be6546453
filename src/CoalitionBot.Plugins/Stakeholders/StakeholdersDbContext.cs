using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The stakeholders plugin's tables: the power map, its history, and pick lists waiting for a press.</summary>
public class StakeholdersDbContext(DbContextOptions<StakeholdersDbContext> options, TenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();

    public DbSet<StakeholderEvent> Events => Set<StakeholderEvent>();

    public DbSet<StakeholderPendingPick> PendingPicks => Set<StakeholderPendingPick>();
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class StakeholdersDbContextDesignFactory : IDesignTimeDbContextFactory<StakeholdersDbContext>
{
    public StakeholdersDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<StakeholdersDbContext>(StakeholdersPlugin.PluginName), new TenantContext());
}

/// <summary>StakeholdersDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresStakeholdersDbContext(DbContextOptions<StakeholdersDbContext> options, TenantContext tenant)
    : StakeholdersDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresStakeholdersDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresStakeholdersDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresStakeholdersDbContext>
{
    public PostgresStakeholdersDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<StakeholdersDbContext>(StakeholdersPlugin.PluginName, DatabaseProvider.Postgres), new TenantContext());
}

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> builder)
    {
        builder.ToTable("Stakeholders");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(s => s.NameKey).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Office).HasMaxLength(StakeholderFields.ShortMax);
        builder.Property(s => s.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Jurisdiction).HasMaxLength(StakeholderFields.ShortMax);
        builder.Property(s => s.Stance).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Influence).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Phone).HasMaxLength(StakeholderFields.PhoneMax);
        builder.Property(s => s.Email).HasMaxLength(StakeholderFields.EmailMax);
        builder.Property(s => s.Website).HasMaxLength(StakeholderFields.WebsiteMax);
        builder.Property(s => s.Committees).HasMaxLength(StakeholderFields.ListMax);
        builder.Property(s => s.Tags).HasMaxLength(StakeholderFields.ListMax);
        builder.Property(s => s.Notes).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(s => s.OwnerId).HasMaxLength(64);
        builder.Property(s => s.OwnerName).HasMaxLength(100);
        builder.Ignore(s => s.LastTouchedAt);
        builder.HasIndex(s => new { s.TenantId, s.NameKey }).IsUnique();
    }
}

internal sealed class StakeholderEventConfiguration : IEntityTypeConfiguration<StakeholderEvent>
{
    public void Configure(EntityTypeBuilder<StakeholderEvent> builder)
    {
        builder.ToTable("StakeholderEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.StakeholderName).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Field).HasMaxLength(32);
        builder.Property(e => e.OldValue).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.NewValue).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.Note).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.ByUserId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.StakeholderId, e.At });
    }
}

internal sealed class StakeholderPendingPickConfiguration : IEntityTypeConfiguration<StakeholderPendingPick>
{
    public void Configure(EntityTypeBuilder<StakeholderPendingPick> builder)
    {
        builder.ToTable("StakeholderPendingPicks");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.UserId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Payload).HasMaxLength(4000).IsRequired();
        builder.Property(p => p.CandidateIds).HasMaxLength(200).IsRequired();
        builder.HasIndex(p => p.CreatedAt);
    }
}
