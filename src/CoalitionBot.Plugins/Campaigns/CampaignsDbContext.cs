using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A campaign of the coalition: a concrete goal moved through the six steps of nonviolent social change.</summary>
public sealed class Campaign : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The name lowercased without accents or punctuation; unique per coalition.</summary>
    public string NameKey { get; set; } = string.Empty;

    /// <summary>What the campaign wants, concretely ("Springfield ends its 287(g) contract by the March budget vote").</summary>
    public string Goal { get; set; } = string.Empty;

    /// <summary>The step the coalition declares it is on.</summary>
    public CampaignStep Step { get; set; } = CampaignStep.InformationGathering;

    /// <summary>Where step changes are announced: the channel it was started in, or the one a lead chose.</summary>
    public string? ChannelId { get; set; }

    public string? ChannelName { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset StepChangedAt { get; set; }

    /// <summary>When a lead closed the campaign (won, lost or set aside); null while it is active. Closed campaigns keep their history.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>One checklist item of a campaign's step: seeded from the toolkit (shown in the reader's language) or added by a lead.</summary>
public sealed class CampaignItem : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public CampaignStep Step { get; set; }

    /// <summary>Orders the items of a step; the item's number (<c>2.3</c>) is its place in that order.</summary>
    public int Position { get; set; }

    /// <summary>The id of a toolkit default (<c>1.practice</c>), shown in English or Spanish to each reader; null for items a lead typed.</summary>
    public string? SeedKey { get; set; }

    /// <summary>The text as typed, or the English default text for seeded items.</summary>
    public string Text { get; set; } = string.Empty;

    public bool Done { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneBy { get; set; }
}

/// <summary>A stakeholder of the power map the campaign must move (the people who decide).</summary>
public sealed class CampaignTarget : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public long StakeholderId { get; set; }

    /// <summary>The stakeholder's name when added, shown if they leave the map.</summary>
    public string StakeholderName { get; set; } = string.Empty;

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A date that matters to the campaign: a vote, a budget decision, a contract renewal, an election.</summary>
public sealed class CampaignDate : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Label { get; set; } = string.Empty;
}

/// <summary>A number the campaign counts toward a goal (signatures 3200/5000), attached to a step.</summary>
public sealed class CampaignMetric : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string NameKey { get; set; } = string.Empty;

    public long Value { get; set; }

    public long Goal { get; set; }

    public CampaignStep Step { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One reading of a metric: its value and goal at the moment a lead set it, so the metric's trend can be drawn.</summary>
public sealed class CampaignMetricSample : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public long MetricId { get; set; }

    /// <summary>The metric read (set when the metric is new, so both are saved together).</summary>
    public CampaignMetric? Metric { get; set; }

    public long Value { get; set; }

    public long Goal { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>What a <see cref="CampaignEvent"/> records.</summary>
public enum CampaignEventKind
{
    Started = 0,
    Advanced = 1,
    SteppedBack = 2,
    Checked = 3,
    Unchecked = 4,
    ItemAdded = 5,
    ItemRemoved = 6,
    TargetAdded = 7,
    TargetRemoved = 8,
    DateAdded = 9,
    DateRemoved = 10,
    MetricSet = 11,
    ChannelChanged = 12,
    Closed = 13,
    Reopened = 14,
}

/// <summary>One change to a campaign: who, when, what. Written in the same save as the change.</summary>
public sealed class CampaignEvent : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public CampaignEventKind Kind { get; set; }

    /// <summary>The step the change was about (for a step change: the new step).</summary>
    public CampaignStep? Step { get; set; }

    /// <summary>What changed, as shown in history: the item text, the note of a step change, a metric's value.</summary>
    public string? Detail { get; set; }

    public string ByUserId { get; set; } = string.Empty;

    public string ByName { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>An advance waiting for a lead to press Confirm; pressing (or Cancel) deletes it, so a second press does nothing.</summary>
public sealed class CampaignPendingAdvance : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    /// <summary>The step the campaign was on when the lead asked; a press after the step changed is stale.</summary>
    public CampaignStep FromStep { get; set; }

    public string? Note { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string UserName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The campaigns plugin's tables.</summary>
public class CampaignsDbContext(DbContextOptions<CampaignsDbContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignItem> Items => Set<CampaignItem>();

    public DbSet<CampaignTarget> Targets => Set<CampaignTarget>();

    public DbSet<CampaignDate> Dates => Set<CampaignDate>();

    public DbSet<CampaignMetric> Metrics => Set<CampaignMetric>();

    public DbSet<CampaignMetricSample> MetricSamples => Set<CampaignMetricSample>();

    public DbSet<CampaignEvent> Events => Set<CampaignEvent>();

    public DbSet<CampaignPendingAdvance> PendingAdvances => Set<CampaignPendingAdvance>();
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class CampaignsDbContextDesignFactory : IDesignTimeDbContextFactory<CampaignsDbContext>
{
    public CampaignsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CampaignsDbContext>(CampaignsPlugin.PluginName), new TenantContext());
}

/// <summary>CampaignsDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresCampaignsDbContext(DbContextOptions<CampaignsDbContext> options, TenantContext tenant)
    : CampaignsDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresCampaignsDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresCampaignsDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCampaignsDbContext>
{
    public PostgresCampaignsDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CampaignsDbContext>(CampaignsPlugin.PluginName, DatabaseProvider.Postgres), new TenantContext());
}

internal static class CampaignLimits
{
    public const int NameMax = 60;
    public const int GoalMax = 300;
    public const int ItemMax = 200;
    public const int LabelMax = 100;
    public const int NoteMax = 300;
    public const int MetricNameMax = 40;
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(CampaignLimits.NameMax).IsRequired();
        builder.Property(c => c.NameKey).HasMaxLength(CampaignLimits.NameMax).IsRequired();
        builder.Property(c => c.Goal).HasMaxLength(CampaignLimits.GoalMax).IsRequired();
        builder.Property(c => c.ChannelId).HasMaxLength(64);
        builder.Property(c => c.ChannelName).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.TenantId, c.NameKey }).IsUnique();
    }
}

internal sealed class CampaignItemConfiguration : IEntityTypeConfiguration<CampaignItem>
{
    public void Configure(EntityTypeBuilder<CampaignItem> builder)
    {
        builder.ToTable("Campaigns_Items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.SeedKey).HasMaxLength(32);
        builder.Property(i => i.Text).HasMaxLength(CampaignLimits.ItemMax).IsRequired();
        builder.Property(i => i.DoneBy).HasMaxLength(100);
        builder.HasIndex(i => new { i.TenantId, i.CampaignId, i.Step, i.Position });
    }
}

internal sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> builder)
    {
        builder.ToTable("Campaigns_Targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.StakeholderName).HasMaxLength(120).IsRequired();
        builder.HasIndex(t => new { t.TenantId, t.CampaignId, t.StakeholderId }).IsUnique();
    }
}

internal sealed class CampaignDateConfiguration : IEntityTypeConfiguration<CampaignDate>
{
    public void Configure(EntityTypeBuilder<CampaignDate> builder)
    {
        builder.ToTable("Campaigns_Dates");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Label).HasMaxLength(CampaignLimits.LabelMax).IsRequired();
        builder.HasIndex(d => new { d.TenantId, d.CampaignId, d.At });
    }
}

internal sealed class CampaignMetricConfiguration : IEntityTypeConfiguration<CampaignMetric>
{
    public void Configure(EntityTypeBuilder<CampaignMetric> builder)
    {
        builder.ToTable("Campaigns_Metrics");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(CampaignLimits.MetricNameMax).IsRequired();
        builder.Property(m => m.NameKey).HasMaxLength(CampaignLimits.MetricNameMax).IsRequired();
        builder.HasIndex(m => new { m.TenantId, m.CampaignId, m.NameKey }).IsUnique();
    }
}

internal sealed class CampaignMetricSampleConfiguration : IEntityTypeConfiguration<CampaignMetricSample>
{
    public void Configure(EntityTypeBuilder<CampaignMetricSample> builder)
    {
        builder.ToTable("Campaigns_MetricSamples");
        builder.HasKey(m => m.Id);
        builder.HasOne(m => m.Metric).WithMany().HasForeignKey(m => m.MetricId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TenantId, m.MetricId, m.At });
    }
}

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> builder)
    {
        builder.ToTable("Campaigns_History");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Detail).HasMaxLength(400);
        builder.Property(e => e.ByUserId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.At });
    }
}

internal sealed class CampaignPendingAdvanceConfiguration : IEntityTypeConfiguration<CampaignPendingAdvance>
{
    public void Configure(EntityTypeBuilder<CampaignPendingAdvance> builder)
    {
        builder.ToTable("Campaigns_PendingAdvances");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Note).HasMaxLength(CampaignLimits.NoteMax);
        builder.Property(p => p.UserId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.UserName).HasMaxLength(100).IsRequired();
    }
}
