using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>How a coalition reads what the bot posts on its own (reminders, agenda alerts, the calendar feed).</summary>
internal static class CoalitionReaders
{
    /// <summary>The coalition's language (English when none is set) and time zone (UTC when none is set or it is unknown), at <paramref name="now"/>.</summary>
    public static async Task<Reader> ReaderAsync(this LanguageCatalogs languages, CoalitionBotDbContext coreDb, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var coalition = await coreDb.TenantSettings.AsNoTracking().Select(s => new { s.Language, s.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        var zone = coalition?.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return languages.ReaderFor(coalition?.Language, zone, now);
    }
}
