using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>StakeholdersDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresStakeholdersDbContext(DbContextOptions<StakeholdersDbContext> options, TenantContext tenant)
    : StakeholdersDbContext(options, tenant);
