using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Shared;

/// <summary>Creates a task nobody does yet, for a lead to give to someone (an agenda alert's Create task button).
/// Implemented by the tasks plugin; not registered when that plugin is off.</summary>
public interface ITaskDrafts
{
    /// <summary>Saves an open, unassigned task and returns its number.</summary>
    Task<int> CreateUnassignedAsync(string title, DateTimeOffset? due, UserRef createdBy, CancellationToken cancellationToken);
}

/// <summary>Talking points on a topic for the council (an agenda alert's Talking points button).
/// Implemented by the talking points plugin; not registered when that plugin is off.</summary>
public interface ICouncilTalkingPoints
{
    /// <summary>The same answer as <c>/tp &lt;topic&gt; council</c> in the caller's language; the council's starters when nothing matches the topic.</summary>
    Task<Reply> ForCouncilAsync(string topic, CommandContext context, CancellationToken cancellationToken);
}
