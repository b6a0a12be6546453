using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What the meetings plugin holds about a person: their RSVPs (erased) and the meetings and cancellations they made (kept, without their name).</summary>
public sealed class MeetingsPersonalData(MeetingsDbContext db, LanguageCatalogs languages, TimeProvider clock) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(culture);
        var reader = new Reader(languages.For(culture), TimeZoneInfo.Utc, clock.GetUtcNow());
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.UserId == person.Id).ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => rsvps.Select(r => r.MeetingId).Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);

        // The date as the meeting is held: its own zone, as every other meeting answer shows it.
        var items = rsvps.Select(r =>
        {
            var meeting = meetings.GetValueOrDefault(r.MeetingId);
            var when = meeting is null ? reader.T("meetings.privacy.utc", new { date = reader.Date(r.OccurrenceStart, DateStyle.DayTime) }) : MeetingCards.When(meeting, r.OccurrenceStart, reader);
            return new PersonalDataItem(
                reader.T("meetings.privacy.rsvps"),
                reader.T(r.Going ? "meetings.privacy.going" : "meetings.privacy.not-going", new { title = meeting?.Title ?? "?", when = new TrustedMarkup(when) }),
                PersonalDataFate.Erased);
        }).ToList();
        var names = Names(person);
        var created = await db.Meetings.CountAsync(m => names.Contains(m.CreatedBy), cancellationToken);
        var skipped = await db.Skips.CountAsync(s => names.Contains(s.SkippedBy), cancellationToken);
        var subscribed = await db.Subscriptions.CountAsync(s => names.Contains(s.CreatedBy), cancellationToken);
        var watched = await db.Watches.CountAsync(w => names.Contains(w.CreatedBy), cancellationToken);
        (int Count, string Category, string Description)[] authored =
        [
            (created + skipped, reader.T("meetings.privacy.meetings"), reader.T("meetings.privacy.meetings-made", new { created, skipped })),
            (subscribed, reader.T("meetings.privacy.subscriptions"), reader.T("meetings.privacy.subscriptions-made", new { count = subscribed })),
            (watched, reader.T("meetings.privacy.watches"), reader.T("meetings.privacy.watches-made", new { count = watched })),
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
