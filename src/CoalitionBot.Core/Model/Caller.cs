namespace CoalitionBot.Core.Model;

/// <summary>Who sent a command, from where: filled in by the adapter from the platform payload.</summary>
/// <param name="Tenant">The coalition.</param>
/// <param name="Platform">The platform the command came from.</param>
/// <param name="User">The person.</param>
/// <param name="Channel">The channel the command was typed in, when there is one.</param>
/// <param name="PlatformRole">The role the platform itself vouches for (Discord Administrator, configured Slack admins, the console's chosen role).</param>
/// <param name="Locale">The person's locale as the platform reports it (e.g. <c>es-419</c>), if any.</param>
/// <param name="PlatformRoleIds">The person's platform roles (Discord role ids), used to find lead roles.</param>
public sealed record Caller(
    TenantId Tenant,
    Platform Platform,
    UserRef User,
    ChannelRef? Channel = null,
    Role PlatformRole = Role.Member,
    string? Locale = null,
    IReadOnlyList<string>? PlatformRoleIds = null);
