using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Core.Privacy;

/// <summary>What Core's tables hold about a person: their language preference, lead grants, and audit entries they authored or are named in.</summary>
internal sealed class CorePersonalData(CoalitionBotDbContext db, LanguageCatalogs languages) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var strings = languages.For(culture);
        var items = new List<PersonalDataItem>();

        var preference = await db.UserPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == person.Id, cancellationToken);
        if (preference is not null)
        {
            items.Add(new(strings.Format("core.privacy.preferences"),
                preference.Language is { } language ? strings.Format("core.privacy.language", new { language }) : strings.Format("core.privacy.language.auto"),
                PersonalDataFate.Erased));
        }

        var grants = await db.LeadGrants.AsNoTracking()
            .Where(g => (g.SubjectKind == LeadSubject.User && g.SubjectId == person.Id) || g.GrantedBy == person.Id)
            .ToListAsync(cancellationToken);
        foreach (var grant in grants.Where(g => g.SubjectKind == LeadSubject.User && g.SubjectId == person.Id))
        {
            items.Add(new(strings.Format("core.privacy.lead"), strings.Format("core.privacy.lead.text"), PersonalDataFate.Kept));
        }

        var granted = grants.Count(g => g.GrantedBy == person.Id);
        if (granted > 0)
        {
            items.Add(new(strings.Format("core.privacy.grants"), strings.Format("core.privacy.grants.text", new { count = granted }), PersonalDataFate.Anonymized));
        }

        var authored = await db.AuditEntries.AsNoTracking().CountAsync(a => a.ActorId == person.Id, cancellationToken);
        if (authored > 0)
        {
            items.Add(new(strings.Format("core.privacy.audit"), strings.Format("core.privacy.audit.authored", new { count = authored }), PersonalDataFate.Anonymized));
        }

        var named = await db.AuditEntries.AsNoTracking().CountAsync(a => a.SubjectId == person.Id, cancellationToken);
        if (named > 0)
        {
            items.Add(new(strings.Format("core.privacy.audit"), strings.Format("core.privacy.audit.named", new { count = named }), PersonalDataFate.Anonymized));
        }

        var messages = await db.Outbox.AsNoTracking().CountAsync(m => m.UserId == person.Id, cancellationToken);
        if (messages > 0)
        {
            items.Add(new(strings.Format("core.privacy.messages"), strings.Format("core.privacy.messages.text", new { count = messages }), PersonalDataFate.Erased));
        }

        return items;
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var preferences = await db.UserPreferences.Where(p => p.UserId == person.Id).ToListAsync(cancellationToken);
        db.UserPreferences.RemoveRange(preferences);

        var anonymized = 0;
        foreach (var entry in await db.AuditEntries.Where(a => a.ActorId == person.Id || a.SubjectId == person.Id).ToListAsync(cancellationToken))
        {
            if (entry.ActorId == person.Id)
            {
                entry.ActorId = null;
                entry.ActorName = null;
            }

            if (entry.SubjectId == person.Id)
            {
                entry.SubjectId = null;
                entry.SubjectName = null;
            }

            anonymized++;
        }

        foreach (var grant in await db.LeadGrants.Where(g => g.GrantedBy == person.Id).ToListAsync(cancellationToken))
        {
            grant.GrantedBy = string.Empty;
            anonymized++;
        }

        // The person's own lead grant stays (an admin decides roles), but without their display name.
        foreach (var grant in await db.LeadGrants.Where(g => g.SubjectKind == LeadSubject.User && g.SubjectId == person.Id && g.SubjectName != null).ToListAsync(cancellationToken))
        {
            grant.SubjectName = null;
        }

        // Messages addressed to the person (sent or still due) hold their id and name; pending ones are not sent after erasure.
        var messages = await db.Outbox.Where(m => m.UserId == person.Id).ToListAsync(cancellationToken);
        db.Outbox.RemoveRange(messages);

        await db.SaveChangesAsync(cancellationToken);
        return new PersonalDataErasure(preferences.Count + messages.Count, anonymized);
    }
}
