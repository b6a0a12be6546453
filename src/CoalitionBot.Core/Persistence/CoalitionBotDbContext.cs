using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CoalitionBot.Core.Persistence;

/// <summary>Core's tables: coalition settings, lead grants, personal preferences and the audit log. Plugins keep their tables in their own <see cref="TenantDbContext"/>.</summary>
public class CoalitionBotDbContext(DbContextOptions<CoalitionBotDbContext> options, TenantContext tenant, Routing.CallerDataCache? callerCache = null)
    : TenantDbContext(options, tenant)
{
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Settings, leads and language preferences are cached for commands; a change here must show on the next command.
        var touched = ChangeTracker.Entries<ITenantScoped>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is global::CoalitionBot.Core.Persistence.TenantSettings or LeadGrant or UserPreference)
            .Select(e => string.IsNullOrEmpty(e.Entity.TenantId) ? CurrentTenantId : e.Entity.TenantId)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var tenantId in touched)
        {
            callerCache?.Invalidate(tenantId);
        }

        return saved;
    }

    public DbSet<TenantSettings> TenantSettings => Set<TenantSettings>();

    public DbSet<LeadGrant> LeadGrants => Set<LeadGrant>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Scheduling.OutboxMessage> Outbox => Set<Scheduling.OutboxMessage>();

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
public sealed class PostgresCoalitionBotDbContext(DbContextOptions<CoalitionBotDbContext> options, TenantContext tenant, Routing.CallerDataCache? callerCache = null)
    : CoalitionBotDbContext(options, tenant, callerCache);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresCoalitionBotDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresCoalitionBotDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCoalitionBotDbContext>
{
    public PostgresCoalitionBotDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<CoalitionBotDbContext>("core", DatabaseProvider.Postgres), new TenantContext());
}
