using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>A coalition's digest time (its channel is the coalition's digest channel in <see cref="TenantSettings"/>).</summary>
public sealed class TaskDigestSetting : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>Local time of day the digest is posted, in minutes after midnight.</summary>
    public int MinuteOfDay { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
