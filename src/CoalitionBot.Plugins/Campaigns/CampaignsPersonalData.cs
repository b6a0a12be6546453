using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>
/// What the campaigns plugin holds about a person: their name on history entries, campaigns they started and items they
/// checked (kept, without the name), and step changes waiting for their confirmation (erased).
/// </summary>
public sealed class CampaignsPersonalData(CampaignsDbContext db, LanguageCatalogs languages) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(culture);
        var strings = languages.For(culture);
        var names = Names(person);
        var history = await db.Events.CountAsync(e => e.ByUserId == person.Id, cancellationToken);
        var started = await db.Campaigns.CountAsync(c => names.Contains(c.CreatedBy), cancellationToken);
        var checkedItems = await db.Items.CountAsync(i => i.DoneBy != null && names.Contains(i.DoneBy), cancellationToken);
        var pending = await db.PendingAdvances.CountAsync(p => p.UserId == person.Id, cancellationToken);
        var items = new List<PersonalDataItem>();
        if (history + started + checkedItems > 0)
        {
            items.Add(new PersonalDataItem(
                strings.T("campaigns.privacy.title"),
                strings.T("campaigns.privacy.names", new { history, started, items = checkedItems }),
                PersonalDataFate.Anonymized));
        }

        if (pending > 0)
        {
            items.Add(new PersonalDataItem(
                strings.T("campaigns.privacy.title"),
                strings.T("campaigns.privacy.pending", new { count = pending }),
                PersonalDataFate.Erased));
        }

        return items;
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var names = Names(person);
        var pending = await db.PendingAdvances.Where(p => p.UserId == person.Id).ToListAsync(cancellationToken);
        db.PendingAdvances.RemoveRange(pending);
        var events = await db.Events.Where(e => e.ByUserId == person.Id).ToListAsync(cancellationToken);
        foreach (var entry in events)
        {
            entry.ByUserId = string.Empty;
            entry.ByName = string.Empty;
        }

        var campaigns = await db.Campaigns.Where(c => names.Contains(c.CreatedBy)).ToListAsync(cancellationToken);
        campaigns.ForEach(c => c.CreatedBy = string.Empty);
        var items = await db.Items.Where(i => i.DoneBy != null && names.Contains(i.DoneBy)).ToListAsync(cancellationToken);
        items.ForEach(i => i.DoneBy = null);
        await db.SaveChangesAsync(cancellationToken);
        return new PersonalDataErasure(pending.Count, events.Count + campaigns.Count + items.Count);
    }

    // History keeps the person's id; campaigns and checked items keep the name shown at the time.
    private static List<string> Names(UserRef person) => new[] { person.Id, person.Name }.Distinct(StringComparer.Ordinal).ToList();
}
