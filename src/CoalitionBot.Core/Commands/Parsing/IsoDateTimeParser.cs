using System.Globalization;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>Reads ISO 8601 dates and times (with or without an offset), plus today/tomorrow, in the coalition's time zone.</summary>
public sealed class IsoDateTimeParser : IDateTimeParser
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    public DateTimeOffset? Parse(string text, ParseContext context, out string? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        error = null;
        var trimmed = text.Trim();
        var lower = trimmed.ToLowerInvariant();
        var today = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).Date;
        DateTime? local = lower switch
        {
            "today" or "hoy" => today,
            "tomorrow" or "mañana" or "manana" => today.AddDays(1),
            _ => null,
        };

        if (local is null && DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
        }

        if (local is not null)
        {
            if (context.DefaultTimeOfDay is { } timeOfDay && !trimmed.Contains(':', StringComparison.Ordinal))
            {
                local = local.Value.Date + timeOfDay.ToTimeSpan();
            }

            return ToZoned(local.Value, context.TimeZone);
        }

        if (trimmed.Contains('T', StringComparison.Ordinal) && (trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            return withOffset;
        }

        error = context.Say(
            $"I couldn't read the date `{Replies.Markup.Escape(text)}`. Use a date like 2026-12-03 or 2026-12-03 18:00.",
            $"No entendí la fecha `{Replies.Markup.Escape(text)}`. Use una fecha como 2026-12-03 o 2026-12-03 18:00.");
        return null;
    }

    /// <summary>The instant of a local wall-clock time in a zone; a time skipped by a DST change moves forward by the gap.</summary>
    public static DateTimeOffset ToZoned(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        var offset = zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}
