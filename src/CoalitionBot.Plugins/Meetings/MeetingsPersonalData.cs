using System.Globalization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What the meetings plugin holds about a person: their RSVPs (erased) and the meetings and cancellations they made (kept, without their name).</summary>
public sealed class MeetingsPersonalData(MeetingsDbContext db) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(culture);
        var spanish = culture.TwoLetterISOLanguageName == "es";
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.UserId == person.Id).ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => rsvps.Select(r => r.MeetingId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);

        // The date as the meeting is held: its own zone, as every other meeting answer shows it.
        var items = rsvps.Select(r => new PersonalDataItem(
            spanish ? "Asistencia" : "RSVPs",
            Markup.Format($"{(r.Going ? (spanish ? "va a" : "going to") : (spanish ? "no va a" : "not going to"))} {(meetings.TryGetValue(r.MeetingId, out var m) ? m.Title : "?")} ({(m is null ? r.OccurrenceStart.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : MeetingCards.When(m, r.OccurrenceStart, spanish))})"),
            PersonalDataFate.Erased)).ToList();
        var names = Names(person);
        var created = await db.Meetings.CountAsync(m => names.Contains(m.CreatedBy), cancellationToken);
        var skipped = await db.Skips.CountAsync(s => names.Contains(s.SkippedBy), cancellationToken);
        var subscribed = await db.Subscriptions.CountAsync(s => names.Contains(s.CreatedBy), cancellationToken);
        var watched = await db.Watches.CountAsync(w => names.Contains(w.CreatedBy), cancellationToken);
        (int Count, string Category, string Description)[] authored =
        [
            (created + skipped, spanish ? "Reuniones" : "Meetings",
                spanish ? $"{created} reunión(es) que programó y {skipped} fecha(s) que canceló" : $"{created} meeting(s) you scheduled and {skipped} date(s) you cancelled"),
            (subscribed, spanish ? "Calendarios suscritos" : "Calendar subscriptions",
                spanish ? $"{subscribed} calendario(s) que suscribió" : $"{subscribed} calendar feed(s) you subscribed"),
            (watched, spanish ? "Vigilancias de agenda" : "Agenda watches",
                spanish ? $"{watched} vigilancia(s) de Legistar que creó" : $"{watched} Legistar agenda watch(es) you made"),
        ];
        items.AddRange(authored.Where(a => a.Count > 0).Select(a => new PersonalDataItem(a.Category, a.Description, PersonalDataFate.Anonymized)));
        return items;
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var rsvps = await db.Rsvps.Where(r => r.UserId == person.Id).ToListAsync(cancellationToken);
        db.Rsvps.RemoveRange(rsvps);
        var names = Names(person);
        var meetings = await db.Meetings.Where(m => names.Contains(m.CreatedBy)).ToListAsync(cancellationToken);
        meetings.ForEach(m => m.CreatedBy = string.Empty);
        var skips = await db.Skips.Where(s => names.Contains(s.SkippedBy)).ToListAsync(cancellationToken);
        skips.ForEach(s => s.SkippedBy = string.Empty);
        var subscriptions = await db.Subscriptions.Where(s => names.Contains(s.CreatedBy)).ToListAsync(cancellationToken);
        subscriptions.ForEach(s => s.CreatedBy = string.Empty);
        var watches = await db.Watches.Where(w => names.Contains(w.CreatedBy)).ToListAsync(cancellationToken);
        watches.ForEach(w => w.CreatedBy = string.Empty);
        await db.SaveChangesAsync(cancellationToken);
        return new PersonalDataErasure(rsvps.Count, meetings.Count + skips.Count + subscriptions.Count + watches.Count);
    }

    // Authors are recorded by the name shown at the time; older rows may hold the id.
    private static List<string> Names(UserRef person) => new[] { person.Id, person.Name }.Distinct(StringComparer.Ordinal).ToList();
}
