namespace CoalitionBot.Core.Model;

/// <summary>The chat platform a command came from or a message goes to.</summary>
public enum Platform
{
    Console,
    Discord,
    Slack,
}

/// <summary>What a person may do in a coalition; higher values include the lower ones.</summary>
public enum Role
{
    Member = 0,
    Lead = 1,
    Admin = 2,
}

/// <summary>One coalition: a Discord server, a Slack workspace or the local console (<c>discord:&lt;guild&gt;</c>, <c>slack:&lt;team&gt;</c>, <c>console:local</c>).</summary>
public readonly record struct TenantId
{
    public TenantId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    /// <summary>The tenant of the local console chat.</summary>
    public static TenantId ConsoleLocal { get; } = new("console:local");

    /// <summary>Builds the tenant id of a platform's workspace or server.</summary>
    /// <exception cref="ArgumentException">The id is not 1–64 ASCII letters and digits: adapters check ids against their platform's syntax first, so this never lets a crafted id (<c>abc/../x</c>) become a tenant.</exception>
    public static TenantId For(Platform platform, string workspaceId)
    {
        if (!IsWorkspaceId(workspaceId))
        {
            throw new ArgumentException("A workspace or server id is 1 to 64 ASCII letters and digits.", nameof(workspaceId));
        }

        return new($"{Prefix(platform)}{workspaceId}");
    }

    /// <summary>True for what a platform's workspace or server id can look like: 1–64 ASCII letters and digits.</summary>
    public static bool IsWorkspaceId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>The platform's workspace or server id this tenant was built from (<see cref="For"/>), or null for another platform's tenant.</summary>
    public string? WorkspaceOf(Platform platform)
    {
        var prefix = Prefix(platform);
        return Value.StartsWith(prefix, StringComparison.Ordinal) && Value.Length > prefix.Length ? Value[prefix.Length..] : null;
    }

    private static string Prefix(Platform platform) => platform.ToString().ToLowerInvariant() + ":";

    public override string ToString() => Value;
}

/// <summary>A person on a platform: the platform's stable id and the name to show.</summary>
public sealed record UserRef(string Id, string? DisplayName = null)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Id : DisplayName;

    /// <summary>The neutral mention markup (<c>&lt;@id&gt;</c>) that every renderer turns into its platform's mention.</summary>
    public string Mention => $"<@{Id}>";
}

/// <summary>A channel (or conversation) on a platform.</summary>
public sealed record ChannelRef(string Id, string? Name = null)
{
    public string Mention => $"<#{Id}>";
}

/// <summary>A platform role or user group (Discord role, Slack user group).</summary>
public sealed record RoleRef(string Id, string? Name = null);
