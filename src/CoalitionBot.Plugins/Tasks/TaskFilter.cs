using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Which tasks <c>/task list</c> shows.</summary>
public enum TaskFilter
{
    [Choice("open", "abiertas", "abierta", "pending", "pendientes")]
    Open,

    [Choice("done", "hechas", "hecha", "finished", "terminadas")]
    Done,

    [Choice("overdue", "atrasadas", "atrasada", "late")]
    Overdue,

    [Choice("all", "todas")]
    All,
}
