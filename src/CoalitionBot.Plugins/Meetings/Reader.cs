using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using Humanizer;

namespace CoalitionBot.Plugins.Meetings;

// Stand-in with the surface of Core's Reader (CoalitionBot.Core.Localization.Reader) until it is on main: this file is
// deleted when it lands, and the plugin then uses Core's without other changes.
internal sealed record Reader(CatalogStringLocalizer Strings, TimeZoneInfo Zone, DateTimeOffset Now)
{
    public CultureInfo Culture => Strings.Culture;

    public string Language => Strings.Language;

    public string T(string key, object? arguments = null) => Strings.Format(key, arguments);

    public string Relative(DateTimeOffset at, TimeUnits largest = TimeUnits.Day, TimeUnits smallest = TimeUnits.Minute) =>
        at.UtcDateTime.Humanize(utcDate: true, dateToCompareAgainst: Now.UtcDateTime, culture: Culture);

    public string Duration(TimeSpan span, TimeUnits largest = TimeUnits.Day, TimeUnits smallest = TimeUnits.Minute, int precision = 1) =>
        span.Humanize(precision: precision, culture: Culture);

    public string Date(DateTimeOffset at, DateStyle style)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var es = Culture.TwoLetterISOLanguageName == "es";
        var pattern = style switch
        {
            DateStyle.Day => es ? "ddd d 'de' MMM 'de' yyyy" : "ddd, MMM d, yyyy",
            DateStyle.DayTime => es ? "ddd d 'de' MMM 'de' yyyy, HH:mm" : "ddd, MMM d, yyyy, h:mm tt",
            DateStyle.Short => es ? "ddd d MMM, HH:mm" : "ddd MMM d, HH:mm",
            DateStyle.Weekday => es ? "dddd d 'de' MMMM" : "dddd, MMMM d",
            DateStyle.WeekdayTime => es ? "dddd d 'de' MMMM, HH:mm" : "dddd, MMMM d, h:mm tt",
            _ => es ? "HH:mm" : "h:mm tt",
        };
        return local.ToString(pattern, Culture);
    }
}

internal enum TimeUnits
{
    Minute,
    Hour,
    Day,
    Week,
}

internal enum DateStyle
{
    Day,
    DayTime,
    Short,
    Weekday,
    WeekdayTime,
    Time,
}

internal static class ReaderExtensions
{
    public static Reader ReaderAt(this CommandContext context, DateTimeOffset now) =>
        new((CatalogStringLocalizer)context.Strings, context.TimeZone, now);

    public static Reader ReaderFor(this LanguageCatalogs languages, string? language, TimeZoneInfo zone, DateTimeOffset now)
    {
        var code = languages.Match(language) ?? LanguageCatalogs.English;
        return new Reader(new CatalogStringLocalizer(languages, code, LanguageCatalogs.CultureFor(code)), zone, now);
    }
}
