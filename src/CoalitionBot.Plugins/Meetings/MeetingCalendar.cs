using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The coalition's meetings as the other plugins see them (<see cref="IMeetingCalendar"/>): occurrences, with skipped dates and cancelled meetings left out.</summary>
internal sealed class MeetingCalendar(MeetingsDbContext db) : IMeetingCalendar
{
    // How far ahead the next meeting is looked for.
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(400);

    public async Task<CalendarMeeting?> NextAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        (await OccurrencesAsync(from, from + Ahead, cancellationToken)).OrderBy(m => m.Start).ThenBy(m => m.Number).FirstOrDefault();

    public async Task<IReadOnlyList<CalendarMeeting>> HeldAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        to <= from ? [] : await OccurrencesAsync(from, to, cancellationToken);

    /// <summary>Each meeting's first occurrence in [from, to), for the meetings that have one.</summary>
    private async Task<List<CalendarMeeting>> OccurrencesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => !m.Cancelled).ToListAsync(cancellationToken);
        var skips = (await db.Skips.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(s => s.MeetingId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<DateTimeOffset>)g.Select(s => s.OccurrenceStart).ToHashSet());
        return meetings
            .Select(m => (Meeting: m, Start: Recurrence.Occurrences(m, from, to, skips.GetValueOrDefault(m.Id)).FirstOrDefault()))
            .Where(x => x.Start != default)
            .Select(x => new CalendarMeeting(x.Meeting.Number, x.Meeting.Title, x.Start))
            .ToList();
    }
}
