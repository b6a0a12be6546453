using System.Security.Cryptography;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Serves a coalition's meetings as an iCalendar feed at <c>/feeds/meetings/{token}</c>, for members' calendar apps.</summary>
public sealed class MeetingFeed(IServiceScopeFactory scopes) : IPublicFeed
{
    public string Name => "meetings";

    public async Task<FeedDocument?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var key = token.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? token[..^4] : token;
        if (key.Length is < 20 or > 64)
        {
            return null;
        }

        string? tenant;
        await using (var lookup = scopes.CreateAsyncScope())
        {
            tenant = await lookup.ServiceProvider.GetRequiredService<MeetingsDbContext>().FeedTokens.IgnoreQueryFilters()
                .Where(t => t.Token == key).Select(t => t.TenantId).FirstOrDefaultAsync(cancellationToken);
        }

        if (tenant is null)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meetings = await db.Meetings.AsNoTracking().Where(m => !m.Cancelled).OrderBy(m => m.Number).ToListAsync(cancellationToken);
        var skips = await db.Skips.AsNoTracking().ToListAsync(cancellationToken);
        var services = scope.ServiceProvider;
        var reader = await services.GetRequiredService<LanguageCatalogs>().ReaderAsync(
            services.GetRequiredService<CoalitionBotDbContext>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);

        // The calendar's name is plain text in the feed; the catalog text has no placeholders, so there is nothing escaped in it.
        return new FeedDocument("text/calendar; charset=utf-8", Write(meetings, skips, reader.T("meetings.feed.calendar-name")));
    }

    /// <summary>The event's UID: the same for a meeting forever (across restarts and machines), different for every coalition's meetings.</summary>
    /// <remarks>The coalition part is a hash of its tenant id computed the same everywhere (string.GetHashCode is randomised per process).</remarks>
    public static string Uid(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var tenant = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(meeting.TenantId));
        return $"meeting-{meeting.Id}-{Convert.ToHexStringLower(tenant.AsSpan(0, 8))}@coalitionbot";
    }

    /// <summary>Writes meetings as an iCalendar document named <paramref name="name"/> (in the coalition's language): one VEVENT per
    /// meeting, RRULE and EXDATEs for recurrences, VTIMEZONEs for their zones. Titles, places and agendas are the coalition's own words.</summary>
    public static string Write(IReadOnlyList<Meeting> meetings, IReadOnlyList<MeetingSkip> skips, string name)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(skips);
        var calendar = new Calendar { ProductId = "-//CoalitionBot//Meetings//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var zone in meetings.Select(m => m.TimeZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }

        foreach (var meeting in meetings)
        {
            var start = meeting.AllDay
                ? new CalDateTime(DateOnly.FromDateTime(meeting.StartLocal))
                : new CalDateTime(DateTime.SpecifyKind(meeting.StartLocal, DateTimeKind.Unspecified), meeting.TimeZone, true);
            var evt = new CalendarEvent
            {
                Uid = Uid(meeting),
                Summary = meeting.Title,
                Location = meeting.Location,
                Description = meeting.Agenda,
                DtStart = start,
                Duration = meeting.AllDay ? Ical.Net.DataTypes.Duration.FromDays(1) : Ical.Net.DataTypes.Duration.FromHours(2),
                DtStamp = new CalDateTime(meeting.UpdatedAt.UtcDateTime, "UTC", true),
                LastModified = new CalDateTime(meeting.UpdatedAt.UtcDateTime, "UTC", true),
            };
            if (meeting.Rule is not null)
            {
                evt.RecurrenceRule = new RecurrencePattern(meeting.Rule);
                var zone = TimeZoneInfo.FindSystemTimeZoneById(meeting.TimeZone);
                foreach (var skip in skips.Where(s => s.MeetingId == meeting.Id))
                {
                    var local = TimeZoneInfo.ConvertTime(skip.OccurrenceStart, zone).DateTime;
                    evt.ExceptionDates.Add(meeting.AllDay
                        ? new CalDateTime(DateOnly.FromDateTime(local))
                        : new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), meeting.TimeZone, true));
                }
            }

            calendar.Events.Add(evt);
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>A new unguessable token (32 random bytes, URL-safe).</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
