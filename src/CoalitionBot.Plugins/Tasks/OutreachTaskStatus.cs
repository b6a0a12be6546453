
namespace CoalitionBot.Plugins.Tasks;

/// <summary>Where a task is in its life.</summary>
public enum OutreachTaskStatus
{
    /// <summary>To do; with no assignee when the person passed on it ("Can't do it").</summary>
    Open = 0,

    Done = 1,

    /// <summary>Withdrawn by a lead or its creator; left out of lists, digests and campaigns.</summary>
    Cancelled = 2,
}
