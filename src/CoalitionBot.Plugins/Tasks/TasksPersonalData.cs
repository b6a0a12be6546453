using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>What the tasks plugin holds about a person: tasks given to them, and tasks they created, assigned or finished.
/// The tasks are the coalition's work, so erasure keeps them and removes the person's name and id.</summary>
public sealed class TasksPersonalData(TasksDbContext db, LanguageCatalogs languages) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(culture);
        var strings = languages.For(culture);
        var items = new List<PersonalDataItem>();
        var mine = await db.Tasks.AsNoTracking().Where(t => t.AssigneeId == person.Id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        items.AddRange(mine.Select(t => new PersonalDataItem(
            strings.Format("tasks.privacy.assigned"),
            strings.Format("tasks.privacy.task", new { number = t.Number, title = t.Title, status = strings.Format(Status(t)) }),
            PersonalDataFate.Anonymized)));
        var names = Names(person);
        var authored = await db.Tasks.CountAsync(t => t.CreatedById == person.Id || t.AssignedById == person.Id || names.Contains(t.DoneByName!), cancellationToken);
        if (authored > 0)
        {
            items.Add(new PersonalDataItem(
                strings.Format("tasks.privacy.tasks"),
                strings.Format("tasks.privacy.authored", new { count = authored }),
                PersonalDataFate.Anonymized));
        }

        return items;
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var names = Names(person);
        var rows = await db.Tasks.Where(t => t.AssigneeId == person.Id || t.CreatedById == person.Id || t.AssignedById == person.Id || names.Contains(t.DoneByName!))
            .ToListAsync(cancellationToken);
        foreach (var task in rows)
        {
            if (task.AssigneeId == person.Id)
            {
                // The work stays on the board for someone else; their pending direct messages are removed by Core's outbox erasure.
                task.AssigneeId = null;
                task.AssigneeName = null;
            }

            if (task.CreatedById == person.Id)
            {
                task.CreatedById = string.Empty;
                task.CreatedByName = null;
            }

            if (task.AssignedById == person.Id)
            {
                task.AssignedById = string.Empty;
                task.AssignedByName = null;
            }

            if (task.DoneByName is { } doneBy && names.Contains(doneBy))
            {
                task.DoneByName = null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PersonalDataErasure(0, rows.Count);
    }

    /// <summary>The key of the task's state as the person's data report shows it.</summary>
    private static string Status(OutreachTask task) => task.Status switch
    {
        OutreachTaskStatus.Done => "tasks.status.done",
        OutreachTaskStatus.Cancelled => "tasks.status.cancelled",
        _ => "tasks.status.open",
    };

    private static List<string> Names(UserRef person) => new[] { person.Id, person.Name }.Distinct(StringComparer.Ordinal).ToList();
}
