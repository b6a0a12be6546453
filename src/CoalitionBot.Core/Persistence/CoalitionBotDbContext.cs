using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CoalitionBot.Core.Persistence;

/// <summary>Core's tables: coalition settings, lead grants, personal preferences and the audit log. Plugins keep their tables in their own <see cref="TenantDbContext"/>.</summary>
public class CoalitionBotDbContext(DbContextOptions<CoalitionBotDbContext> options, TenantContext tenant)
    : TenantDbContext(options, tenant)
{
    /// <summary>Settings, leads and language preferences are cached for commands (<see cref="Routing.CallerDataCache"/>).</summary>
    protected override string? CacheFor(Type entityType) =>
        entityType == typeof(TenantSettings) || entityType == typeof(LeadGrant) || entityType == typeof(UserPreference) ? Routing.CallerDataCache.CacheName : null;

    public DbSet<TenantSettings> TenantSettings => Set<TenantSettings>();

    public DbSet<LeadGrant> LeadGrants => Set<LeadGrant>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Scheduling.OutboxMessage> Outbox => Set<Scheduling.OutboxMessage>();

    public DbSet<Coordination.Lease> Leases => Set<Coordination.Lease>();

    public DbSet<Coordination.DeliveryRecord> Deliveries => Set<Coordination.DeliveryRecord>();

    public DbSet<Coordination.CacheInvalidationRecord> CacheInvalidations => Set<Coordination.CacheInvalidationRecord>();

    public DbSet<Pictures.ImageLinkRecord> ImageLinks => Set<Pictures.ImageLinkRecord>();

    /// <summary>Core's entity configurations live in several namespaces (persistence, scheduling).</summary>
    protected override bool ConfigurationBelongsHere(Type configurationType) =>
        configurationType.Namespace?.StartsWith("CoalitionBot.Core", StringComparison.Ordinal) == true;
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class CoalitionBotDbContextDesignFactory : IDesignTimeDbContextFactory<CoalitionBotDbContext>
{
    public CoalitionBotDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CoalitionBotDbContext>("core"), new TenantContext());
}

/// <summary>CoalitionBotDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresCoalitionBotDbContext(DbContextOptions<CoalitionBotDbContext> options, TenantContext tenant)
    : CoalitionBotDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresCoalitionBotDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresCoalitionBotDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCoalitionBotDbContext>
{
    public PostgresCoalitionBotDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CoalitionBotDbContext>("core", DatabaseProvider.Postgres), new TenantContext());
}
