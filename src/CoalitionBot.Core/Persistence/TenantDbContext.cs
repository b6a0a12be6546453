using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoalitionBot.Core.Persistence;

/// <summary>Base of every CoalitionBot DbContext (Core's and plugins'): tenant filtering and stamping in one place, instants stored as UTC.</summary>
/// <remarks>
/// Every entity implementing <see cref="ITenantScoped"/> gets a global query filter on the scope's tenant, so a query
/// never sees another coalition's rows; with no tenant set it sees none. Background jobs that work across tenants
/// call <c>IgnoreQueryFilters()</c> explicitly.
/// </remarks>
public abstract class TenantDbContext(DbContextOptions options, TenantContext tenant) : DbContext(options)
{
    private static readonly MethodInfo FilterMethod =
        typeof(TenantDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The tenant of this scope; read by the query filters on every query.</summary>
    protected string? CurrentTenantId => tenant.Current?.Value;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        if (TouchedCaches().Count > 0)
        {
            throw new InvalidOperationException($"{GetType().Name} holds cached entities: save them with SaveChangesAsync, which tells every instance's cache.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        var touched = TouchedCaches();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (touched.Count > 0 && Invalidation is { } invalidation)
        {
            foreach (var (cache, tenantId) in touched)
            {
                // This instance drops the entry at once, every other one when the change is committed.
                await invalidation.PublishAsync(this, cache, tenantId, cancellationToken);
            }
        }

        return saved;
    }

    /// <summary>The in-memory cache that holds entities of <paramref name="entityType"/>, or null. A save that adds, changes or deletes one publishes
    /// the cache's name with the row's tenant on <see cref="Coordination.ICacheInvalidation"/>, so every instance drops its entry.</summary>
    protected virtual string? CacheFor(Type entityType) => null;

    private Coordination.ICacheInvalidation? Invalidation =>
        this.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>()
            .FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService(typeof(Coordination.ICacheInvalidation)) as Coordination.ICacheInvalidation;

    private HashSet<(string Cache, string Tenant)> TouchedCaches()
    {
        var touched = new HashSet<(string, string)>();
        foreach (var entry in ChangeTracker.Entries<ITenantScoped>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && CacheFor(entry.Metadata.ClrType) is { } cache
                && (string.IsNullOrEmpty(entry.Entity.TenantId) ? CurrentTenantId : entry.Entity.TenantId) is { } tenantId)
            {
                touched.Add((cache, tenantId));
            }
        }

        return touched;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; store instants as UTC Unix milliseconds.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcMillisecondsConverter>();

        if (Database.IsNpgsql())
        {
            // A DateTime is a wall-clock time (a meeting's local start); PostgreSQL would otherwise map it to timestamptz,
            // which only takes UTC values. SQLite stores it as text either way.
            configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone");
            configurationBuilder.Properties<DateTime?>().HaveColumnType("timestamp without time zone");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => ConfigurationBelongsHere(t));
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantScoped).IsAssignableFrom(e.ClrType)).ToList())
        {
            FilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
            modelBuilder.Entity(entity.ClrType).Property(nameof(ITenantScoped.TenantId)).HasMaxLength(100).IsRequired();
            modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ITenantScoped.TenantId));
        }
    }

    /// <summary>Decides which <c>IEntityTypeConfiguration</c> classes of this assembly belong to this context (default: those in the context's namespace).</summary>
    protected virtual bool ConfigurationBelongsHere(Type configurationType) =>
        configurationType.Namespace is { } ns && GetType().Namespace is { } mine && ns.StartsWith(mine, StringComparison.Ordinal);

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantScoped
    {
        Expression<Func<TEntity, bool>> filter = e => e.TenantId == CurrentTenantId;
        modelBuilder.Entity<TEntity>().HasQueryFilter(filter);
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantScoped>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var current = CurrentTenantId;
            if (entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.TenantId))
            {
                entry.Entity.TenantId = current ?? throw new InvalidOperationException(
                    $"A {entry.Entity.GetType().Name} was added with no tenant in scope.");
            }
            else if (current is not null && entry.Entity.TenantId != current)
            {
                throw new InvalidOperationException(
                    $"A {entry.Entity.GetType().Name} of another tenant was written from a scope of {current}.");
            }
        }
    }

    private sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
