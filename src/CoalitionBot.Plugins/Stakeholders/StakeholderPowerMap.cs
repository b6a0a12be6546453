using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>The power map as the other plugins see it (<see cref="IPowerMap"/>): names and ids, contacts logged through <see cref="StakeholderDirectory"/>.</summary>
internal sealed class StakeholderPowerMap(StakeholderDirectory directory, StakeholdersDbContext db) : IPowerMap
{
    public async Task<IReadOnlyList<StakeholderRef>> ListAsync(CancellationToken cancellationToken) =>
        (await directory.ListAsync(cancellationToken)).Select(Ref).ToList();

    public async Task<StakeholderLookupResult> FindAsync(string name, CancellationToken cancellationToken) =>
        new((await directory.FindAsync(name, cancellationToken)).Candidates.Select(Ref).ToList());

    public async Task<bool> LogContactAsync(long stakeholderId, UserRef by, string note, CancellationToken cancellationToken) =>
        await directory.LogContactAsync(stakeholderId, by, note, cancellationToken) is not null;

    public async Task<IReadOnlyList<StakeholderContact>> ContactsAsync(IReadOnlyCollection<long> stakeholderIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stakeholderIds);
        var ids = stakeholderIds.ToList();
        var contacts = await db.Events.AsNoTracking()
            .Where(e => ids.Contains(e.StakeholderId) && e.Kind == StakeholderEventKind.Contact && e.At >= since)
            .ToListAsync(cancellationToken);
        return contacts.Select(e => new StakeholderContact(e.StakeholderId, e.At, e.Note)).ToList();
    }

    private static StakeholderRef Ref(Stakeholder stakeholder) => new(stakeholder.Id, stakeholder.Name);
}
