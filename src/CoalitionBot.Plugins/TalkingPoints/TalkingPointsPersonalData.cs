using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>What the talking points plugin holds about a person: their name on coalition points they wrote or edited and on hidden pack points (kept, without the name).</summary>
public sealed class TalkingPointsPersonalData(TalkingPointsDbContext db, LanguageCatalogs languages) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(culture);
        var names = Names(person);
        var points = await db.CustomPoints.CountAsync(p => names.Contains(p.CreatedBy) || names.Contains(p.UpdatedBy), cancellationToken);
        var hidden = await db.HiddenPackPoints.CountAsync(h => names.Contains(h.HiddenBy), cancellationToken);
        if (points + hidden == 0)
        {
            return [];
        }

        var strings = languages.For(culture);
        return [new PersonalDataItem(strings.Format("tp.privacy.title"), strings.Format("tp.privacy.text", new { points, hidden }), PersonalDataFate.Anonymized)];
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var names = Names(person);
        var points = await db.CustomPoints.Where(p => names.Contains(p.CreatedBy) || names.Contains(p.UpdatedBy)).ToListAsync(cancellationToken);
        foreach (var point in points)
        {
            point.CreatedBy = names.Contains(point.CreatedBy) ? string.Empty : point.CreatedBy;
            point.UpdatedBy = names.Contains(point.UpdatedBy) ? string.Empty : point.UpdatedBy;
        }

        var hidden = await db.HiddenPackPoints.Where(h => names.Contains(h.HiddenBy)).ToListAsync(cancellationToken);
        hidden.ForEach(h => h.HiddenBy = string.Empty);
        await db.SaveChangesAsync(cancellationToken);

        return new PersonalDataErasure(0, points.Count + hidden.Count);
    }

    private static List<string> Names(UserRef person) => new[] { person.Id, person.Name }.Distinct(StringComparer.Ordinal).ToList();
}
