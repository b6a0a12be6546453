using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

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
