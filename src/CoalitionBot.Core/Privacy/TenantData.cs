using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Privacy;

/// <summary>One table that holds coalition rows: a registered context and one of its <see cref="ITenantScoped"/> entity types.</summary>
public sealed record TenantTable(DbContextRegistration Context, IEntityType EntityType)
{
    /// <summary>The table's name in its context (<c>LeadGrants</c>).</summary>
    public string Table => EntityType.GetTableName() ?? EntityType.ShortName();

    /// <summary><c>context.Table</c>, unique across contexts (<c>core.LeadGrants</c>).</summary>
    public string Name => $"{Context.Name}.{Table}";
}

/// <summary>How many rows of a coalition a table holds (or held, before deletion).</summary>
public sealed record TableCount(string Name, int Rows);

/// <summary>Reads, exports and deletes a whole coalition's data across every registered <see cref="TenantDbContext"/>, so tables that plugins add later are covered without code changes.</summary>
/// <remarks>Each operation works in its own DI scope for the tenant; reads go through the tenant's query filter.</remarks>
public sealed class TenantDataStore(IServiceScopeFactory scopes, IEnumerable<DbContextRegistration> registrations, TimeProvider clock, Coordination.ICacheInvalidation invalidation, ILogger<TenantDataStore> logger)
{
    private static readonly JsonSerializerOptions ValueOptions = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every table of every registered context that holds coalition rows (root entity types implementing <see cref="ITenantScoped"/>).</summary>
    public IReadOnlyList<TenantTable> Tables()
    {
        using var scope = scopes.CreateScope();
        return registrations.SelectMany(r => TablesOf(r, Resolve(scope.ServiceProvider, r))).ToList();
    }

    /// <summary>How many rows of the coalition each table holds.</summary>
    public async Task<IReadOnlyList<TableCount>> CountAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var counts = new List<TableCount>();
        await using var scope = TenantScope(tenant);
        foreach (var registration in registrations)
        {
            var context = Resolve(scope.ServiceProvider, registration);
            foreach (var table in TablesOf(registration, context))
            {
                var rows = await Invoke<Task<int>>(nameof(CountRowsAsync), table.EntityType.ClrType, context, cancellationToken);
                counts.Add(new TableCount(table.Name, rows));
            }
        }

        return counts;
    }

    /// <summary>Writes the coalition's whole data as one JSON document: <c>{ tenant, exportedAt, contexts: { core: { LeadGrants: [ {…} ] } } }</c>.</summary>
    /// <returns>The rows written per table.</returns>
    public async Task<IReadOnlyList<TableCount>> ExportAsync(TenantId tenant, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var counts = new List<TableCount>();
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("tenant", tenant.Value);
        writer.WriteString("exportedAt", clock.GetUtcNow());
        writer.WriteStartObject("contexts");
        await using var scope = TenantScope(tenant);
        foreach (var registration in registrations)
        {
            var context = Resolve(scope.ServiceProvider, registration);
            writer.WriteStartObject(registration.Name);
            foreach (var table in TablesOf(registration, context))
            {
                writer.WriteStartArray(table.Table);
                var rows = await Invoke<Task<int>>(nameof(WriteRowsAsync), table.EntityType.ClrType, context, writer, cancellationToken);
                writer.WriteEndArray();
                counts.Add(new TableCount(table.Name, rows));
                await writer.FlushAsync(cancellationToken);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return counts;
    }

    /// <summary>Deletes every row of the coalition in every registered context, one transaction per context, plugins first and Core last.</summary>
    /// <returns>The rows deleted per table.</returns>
    public async Task<IReadOnlyList<TableCount>> DeleteAllAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var counts = new List<TableCount>();
        await using var scope = TenantScope(tenant);
        // Core last: if a plugin's delete fails, the coalition's settings and admins remain and the delete can be retried.
        foreach (var registration in registrations.OrderBy(r => r.ContextType == typeof(CoalitionBotDbContext) ? 1 : 0))
        {
            var context = Resolve(scope.ServiceProvider, registration);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            foreach (var table in DependentsFirst(TablesOf(registration, context)))
            {
                var rows = await Invoke<Task<int>>(nameof(DeleteRowsAsync), table.EntityType.ClrType, context, tenant.Value, cancellationToken);
                counts.Add(new TableCount(table.Name, rows));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Every cache of every instance forgets the coalition (settings, leads, talking points…).
        await invalidation.PublishAsync(scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>(), Coordination.CacheInvalidation.Everything, tenant.Value, cancellationToken);
        logger.LogInformation("Deleted all data of coalition {Tenant}: {Rows} row(s) in {Tables} table(s)", tenant.Value, counts.Sum(c => c.Rows), counts.Count);
        return counts;
    }

    private AsyncServiceScope TenantScope(TenantId tenant)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }

    private static DbContext Resolve(IServiceProvider services, DbContextRegistration registration) =>
        (DbContext)services.GetRequiredService(registration.ContextType);

    private static IEnumerable<TenantTable> TablesOf(DbContextRegistration registration, DbContext context) =>
        context.Model.GetEntityTypes()
            .Where(e => e.BaseType is null && !e.IsOwned() && e.FindPrimaryKey() is not null && typeof(ITenantScoped).IsAssignableFrom(e.ClrType))
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal)
            .Select(e => new TenantTable(registration, e));

    /// <summary>Orders tables so that a table is deleted before the tables its foreign keys point to.</summary>
    private static List<TenantTable> DependentsFirst(IEnumerable<TenantTable> tables)
    {
        var remaining = tables.ToList();
        var ordered = new List<TenantTable>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => !remaining.Any(other => other != t
                && other.EntityType.GetForeignKeys().Any(fk => fk.PrincipalEntityType.GetRootType() == t.EntityType)))
                ?? remaining[0]; // a cycle: let the database's cascade rules decide
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    private static T Invoke<T>(string method, Type entityType, params object[] arguments) =>
        (T)typeof(TenantDataStore).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(entityType).Invoke(null, arguments)!;

    private static Task<int> CountRowsAsync<TEntity>(DbContext context, CancellationToken cancellationToken)
        where TEntity : class, ITenantScoped =>
        context.Set<TEntity>().CountAsync(cancellationToken);

    private static async Task<int> WriteRowsAsync<TEntity>(DbContext context, Utf8JsonWriter writer, CancellationToken cancellationToken)
        where TEntity : class, ITenantScoped
    {
        var rows = 0;
        await foreach (var entity in context.Set<TEntity>().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var entry = context.Entry(entity);
            writer.WriteStartObject();
            foreach (var property in entry.Metadata.GetProperties())
            {
                writer.WritePropertyName(property.Name);
                JsonSerializer.Serialize(writer, entry.Property(property.Name).CurrentValue, property.ClrType, ValueOptions);
            }

            writer.WriteEndObject();
            rows++;
        }

        context.ChangeTracker.Clear();
        return rows;
    }

    private static Task<int> DeleteRowsAsync<TEntity>(DbContext context, string tenant, CancellationToken cancellationToken)
        where TEntity : class, ITenantScoped =>
        context.Set<TEntity>().IgnoreQueryFilters().Where(e => e.TenantId == tenant).ExecuteDeleteAsync(cancellationToken);
}
