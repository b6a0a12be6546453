using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Unassigned tasks other plugins draft (an agenda alert's Create task button); leads give them out with <c>/task reassign</c>.</summary>
internal sealed class TaskDrafts(TaskBoard board, TimeProvider clock) : ITaskDrafts
{
    public async Task<int> CreateUnassignedAsync(string title, DateTimeOffset? due, UserRef createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(createdBy);
        var now = clock.GetUtcNow();
        var task = new OutreachTask
        {
            Title = title.Length <= TaskCommands.TitleMax ? title : title[..(TaskCommands.TitleMax - 1)] + "…",
            Status = OutreachTaskStatus.Open,
            CreatedById = createdBy.Id,
            CreatedByName = createdBy.Name,
            AssignedById = createdBy.Id,
            AssignedByName = createdBy.Name,
            DueAt = due?.ToUniversalTime(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await board.CreateAsync([task], cancellationToken);
        return task.Number;
    }
}
