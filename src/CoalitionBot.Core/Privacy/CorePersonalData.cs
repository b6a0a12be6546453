using System.Globalization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Core.Privacy;

/// <summary>What Core's tables hold about a person: their language preference, lead grants, and audit entries they authored or are named in.</summary>
internal sealed class CorePersonalData(CoalitionBotDbContext db) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var es = culture?.TwoLetterISOLanguageName == "es";
        string Say(string en, string sp) => es ? sp : en;
        var items = new List<PersonalDataItem>();

        var preference = await db.UserPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == person.Id, cancellationToken);
        if (preference is not null)
        {
            items.Add(new(Say("Preferences", "Preferencias"),
                Markup.Format($"{Say("language", "idioma")}: {preference.Language ?? Say("follow my platform", "el de mi plataforma")}"),
                PersonalDataFate.Erased));
        }

        var grants = await db.LeadGrants.AsNoTracking()
            .Where(g => (g.SubjectKind == LeadSubject.User && g.SubjectId == person.Id) || g.GrantedBy == person.Id)
            .ToListAsync(cancellationToken);
        foreach (var grant in grants.Where(g => g.SubjectKind == LeadSubject.User && g.SubjectId == person.Id))
        {
            items.Add(new(Say("Lead role", "Rol de coordinador"),
                Say("you are a lead; an admin can remove it with `/coalition leads remove`", "usted es coordinador; un administrador puede quitarlo con `/coalition leads remove`"),
                PersonalDataFate.Kept));
        }

        var granted = grants.Count(g => g.GrantedBy == person.Id);
        if (granted > 0)
        {
            items.Add(new(Say("Lead grants you made", "Permisos de coordinador que usted dio"),
                Say($"{granted} grant(s) record you as the one who granted them", $"{granted} permiso(s) le registran como quien los dio"),
                PersonalDataFate.Anonymized));
        }

        var authored = await db.AuditEntries.AsNoTracking().CountAsync(a => a.ActorId == person.Id, cancellationToken);
        if (authored > 0)
        {
            items.Add(new(Say("Audit log", "Registro de cambios"),
                Say($"{authored} settings change(s) you made", $"{authored} cambio(s) de configuración que usted hizo"),
                PersonalDataFate.Anonymized));
        }

        var named = await db.AuditEntries.AsNoTracking().CountAsync(a => a.SubjectId == person.Id, cancellationToken);
        if (named > 0)
        {
            items.Add(new(Say("Audit log", "Registro de cambios"),
                Say($"{named} entry(ies) name you (lead role changes)", $"{named} registro(s) le nombran (cambios de rol de coordinador)"),
                PersonalDataFate.Anonymized));
        }

        var messages = await db.Outbox.AsNoTracking().CountAsync(m => m.UserId == person.Id, cancellationToken);
        if (messages > 0)
        {
            items.Add(new(Say("Direct messages", "Mensajes directos"),
                Say($"{messages} message(s) the bot sent or will send you directly (reminders, nudges)", $"{messages} mensaje(s) que el bot le envió o le enviará directamente (recordatorios, avisos)"),
                PersonalDataFate.Erased));
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
