using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Persistence;

/// <summary>A stored row that belongs to one coalition; the DbContext filters and stamps <see cref="TenantId"/> itself.</summary>
public interface ITenantScoped
{
    string TenantId { get; set; }
}

/// <summary>The coalition the current DI scope works for; set once per command by the router (or per job by a background service).</summary>
public sealed class TenantContext
{
    private TenantId? _current;

    public TenantId? Current => _current;

    /// <summary>Sets the tenant for this scope; a scope never switches tenants.</summary>
    public void Set(TenantId tenant)
    {
        if (_current is { } existing && existing != tenant)
        {
            throw new InvalidOperationException($"This scope already works for {existing}; create a new scope for {tenant}.");
        }

        _current = tenant;
    }
}
