using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>CampaignsDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresCampaignsDbContext(DbContextOptions<CampaignsDbContext> options, TenantContext tenant)
    : CampaignsDbContext(options, tenant);
