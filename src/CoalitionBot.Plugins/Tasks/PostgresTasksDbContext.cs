using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>TasksDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresTasksDbContext(DbContextOptions<TasksDbContext> options, TenantContext tenant)
    : TasksDbContext(options, tenant);
