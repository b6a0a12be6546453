using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The tasks plugin's tables.</summary>
public class TasksDbContext(DbContextOptions<TasksDbContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<OutreachTask> Tasks => Set<OutreachTask>();

    public DbSet<TaskDigestSetting> DigestSettings => Set<TaskDigestSetting>();
}
