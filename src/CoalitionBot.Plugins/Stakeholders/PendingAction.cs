
namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The command a pick list completes.</summary>
public enum PendingAction
{
    Show = 0,
    Stance = 1,
    Contact = 2,
    Update = 3,
    Remove = 4,
}
