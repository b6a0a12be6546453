
namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>What a <see cref="StakeholderEvent"/> records.</summary>
public enum StakeholderEventKind
{
    Added = 0,
    Changed = 1,
    StanceChanged = 2,
    Contact = 3,
    Removed = 4,
}
