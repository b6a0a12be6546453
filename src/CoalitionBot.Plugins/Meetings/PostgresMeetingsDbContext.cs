using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>MeetingsDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresMeetingsDbContext(DbContextOptions<MeetingsDbContext> options, TenantContext tenant)
    : MeetingsDbContext(options, tenant);
