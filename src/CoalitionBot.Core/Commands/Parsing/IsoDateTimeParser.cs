using System.Globalization;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>Reads ISO 8601 dates and times (with or without an offset), plus today/tomorrow, in the coalition's time zone.</summary>
public sealed class IsoDateTimeParser : IDateTimeParser
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    public DateTimeOffset? Parse(string text, ParseContext context, out string? error) => Parse(text, context, out error, out _);

    /// <summary>As <see cref="Parse(string, ParseContext, out string?)"/>; <paramref name="outOfRange"/> when the text is a date that no instant can hold.</summary>
    internal static DateTimeOffset? Parse(string text, ParseContext context, out string? error, out bool outOfRange)
    {
        ArgumentNullException.ThrowIfNull(context);
        error = null;
        outOfRange = false;
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

            if (TryToZoned(local.Value, context.TimeZone) is { } zoned)
            {
                return zoned;
            }

            outOfRange = true;
            error = context.T("core.date.out-of-range", new { text = trimmed });
            return null;
        }

        if (trimmed.Contains('T', StringComparison.Ordinal) && (trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            return withOffset;
        }

        error = context.T("core.date.iso-unreadable", new { text });
        return null;
    }

    /// <summary>The instant of a local wall-clock time in a zone; a time skipped by a DST change moves forward by the gap.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is before year 1 or after year 9999 in UTC.</exception>
    public static DateTimeOffset ToZoned(DateTime local, TimeZoneInfo zone) =>
        TryToZoned(local, zone) ?? throw new ArgumentOutOfRangeException(nameof(local), "The time is outside the years 1 to 9999 in UTC.");

    /// <summary>As <see cref="ToZoned"/>, or null for a time whose instant falls outside the years 1 to 9999 in UTC (the edges of the calendar in far zones).</summary>
    public static DateTimeOffset? TryToZoned(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            if (unspecified > DateTime.MaxValue.AddHours(-1))
            {
                return null;
            }

            unspecified = unspecified.AddHours(1);
        }

        var offset = zone.GetUtcOffset(unspecified);
        var utcTicks = unspecified.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks ? null : new DateTimeOffset(unspecified, offset);
    }
}
