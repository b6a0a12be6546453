using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The stakeholders plugin's tables: the power map, its history, and pick lists waiting for a press.</summary>
public class StakeholdersDbContext(DbContextOptions<StakeholdersDbContext> options, TenantContext tenant)
    : TenantDbContext(options, tenant)
{
    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();

    public DbSet<StakeholderEvent> Events => Set<StakeholderEvent>();

    public DbSet<StakeholderPendingPick> PendingPicks => Set<StakeholderPendingPick>();
}
