using System.Collections.Concurrent;
using System.Globalization;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Localization;

/// <summary>The units a duration is written in, smallest first.</summary>
public enum TimeUnits
{
    Minute,
    Hour,
    Day,
    Week,
}

/// <summary>How much of an instant <see cref="Reader.Date"/> writes; each style is a pattern in the <c>time</c> catalog that translators adapt.</summary>
public enum DateStyle
{
    /// <summary>"Sat, Mar 14, 2026" / "sáb 14 de mar de 2026".</summary>
    Day,

    /// <summary>"Sat, Mar 14, 2026, 6:00 PM"; as <see cref="Day"/> when the local time is midnight (a date typed without a time).</summary>
    DayTime,

    /// <summary>"Sat Mar 14, 18:00" / "sáb 14 mar, 18:00", for lists.</summary>
    Short,

    /// <summary>"Saturday, March 14" / "sábado 14 de marzo".</summary>
    Weekday,

    /// <summary>"Saturday, March 14, 6:00 PM" / "sábado 14 de marzo, 18:00".</summary>
    WeekdayTime,

    /// <summary>"6:00 PM" / "18:00".</summary>
    Time,
}

/// <summary>
/// Who reads a message: their strings (language and culture), the coalition's time zone and the instant they read it. The one
/// place dates, times and durations are put into words, in any loaded language: units and phrases come from the <c>time</c>
/// catalog (with the language's plural rules), date patterns are catalog strings too, and month and day names come from the
/// language's culture.
/// </summary>
/// <remarks>
/// Everything it returns is markup built from catalog text, so it goes into a catalog string's placeholder as is
/// (<see cref="TrustedMarkup"/>). Under the pseudo-locale a date is written with the English pattern and then accented and
/// bracketed like any catalog string, so that the pseudo-locale test can tell it from hard-coded text.
/// </remarks>
public sealed record Reader(CatalogStringLocalizer Strings, TimeZoneInfo Zone, DateTimeOffset Now)
{
    private static readonly ConcurrentDictionary<CultureInfo, CultureInfo> ChatCultures = new();

    private static readonly (TimeUnits Unit, TimeSpan Length, string Key)[] Units =
    [
        (TimeUnits.Week, TimeSpan.FromDays(7), "time.unit.week"),
        (TimeUnits.Day, TimeSpan.FromDays(1), "time.unit.day"),
        (TimeUnits.Hour, TimeSpan.FromHours(1), "time.unit.hour"),
        (TimeUnits.Minute, TimeSpan.FromMinutes(1), "time.unit.minute"),
    ];

    /// <summary>The culture numbers, month and day names are written with.</summary>
    public CultureInfo Culture => Strings.Culture;

    /// <summary>The language code the reader reads (<c>en</c>, <c>es</c>, <c>ht</c>, <c>qps-ploc</c>).</summary>
    public string Language => Strings.Language;

    /// <summary>The text of <paramref name="key"/> in the reader's language, placeholders filled from <paramref name="arguments"/>.</summary>
    public string T(string key, object? arguments = null) => Strings.Format(key, arguments);

    /// <summary>
    /// How far <paramref name="at"/> is from <see cref="Now"/>: "now" (under a minute), "today" (a date without a time, today),
    /// "tomorrow" / "yesterday", "in 12 days", "3 hours ago".
    /// </summary>
    /// <remarks>
    /// A day or more away, or a date without a time (local midnight), counts calendar days in <see cref="Zone"/>: on Dec 3,
    /// "2027-03-10" is in 97 days whether it was typed with a time or not. Under a day, the time left in hours or minutes.
    /// </remarks>
    public TrustedMarkup Relative(DateTimeOffset at, TimeUnits largest = TimeUnits.Day, TimeUnits smallest = TimeUnits.Minute)
    {
        var span = at - Now;
        if (span.Duration() < TimeSpan.FromMinutes(1))
        {
            return Text("time.now");
        }

        var localAt = TimeZoneInfo.ConvertTime(at, Zone);
        var days = DateOnly.FromDateTime(localAt.DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime).DayNumber;
        var dateOnly = localAt.TimeOfDay == TimeSpan.Zero;
        if (days == 0 && dateOnly)
        {
            return Text("time.today");
        }

        var byDays = days != 0 && (dateOnly || span.Duration() >= TimeSpan.FromDays(1));
        if (byDays && Math.Abs(days) == 1)
        {
            return Text(days > 0 ? "time.tomorrow" : "time.yesterday");
        }

        var amount = byDays
            ? Duration(TimeSpan.FromDays(Math.Abs(days)), Max(largest, TimeUnits.Day), TimeUnits.Day)
            : Duration(span.Duration(), Min(largest, TimeUnits.Day), smallest);
        return Text(span > TimeSpan.Zero ? "time.in" : "time.ago", new { amount });
    }

    /// <summary>
    /// A length of time in words: "12 days", "2 hours", "1 day, 2 hours" (<paramref name="precision"/> = the most units shown,
    /// largest first, ending at the first empty unit: "1 day, 5 minutes" would hide the hours). The smallest unit shown is
    /// rounded down; less than one of the smallest unit is zero of it.
    /// </summary>
    public TrustedMarkup Duration(TimeSpan span, TimeUnits largest = TimeUnits.Day, TimeUnits smallest = TimeUnits.Minute, int precision = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        if (smallest > largest)
        {
            (smallest, largest) = (largest, smallest);
        }

        var left = span.Duration();
        var parts = new List<TrustedMarkup>();
        foreach (var (unit, length, key) in Units.Where(u => u.Unit <= largest && u.Unit >= smallest))
        {
            var count = (long)(left.Ticks / length.Ticks);
            left -= TimeSpan.FromTicks(count * length.Ticks);
            if (count > 0 && parts.Count < precision)
            {
                parts.Add(Text(key, new { count }));
            }
            else if (parts.Count > 0)
            {
                // Units are consecutive: "1 day, 5 minutes" would skip the hours, so the parts stop at the first gap.
                break;
            }
        }

        if (parts.Count == 0)
        {
            return Text(Units.First(u => u.Unit == smallest).Key, new { count = 0 });
        }

        return parts.Skip(1).Aggregate(parts[0], (first, second) => Text("time.list.pair", new { first, second }));
    }

    /// <summary>The instant in <see cref="Zone"/> written with the language's pattern for <paramref name="style"/>.</summary>
    public TrustedMarkup Date(DateTimeOffset at, DateStyle style)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        if (style == DateStyle.DayTime && local.TimeOfDay == TimeSpan.Zero)
        {
            style = DateStyle.Day;
        }

        var key = style switch
        {
            DateStyle.Day => "time.date.day",
            DateStyle.DayTime => "time.date.day-time",
            DateStyle.Short => "time.date.short",
            DateStyle.Weekday => "time.date.weekday",
            DateStyle.WeekdayTime => "time.date.weekday-time",
            DateStyle.Time => "time.date.time",
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
        };

        var pseudo = string.Equals(Language, LanguageCatalogs.Pseudo, StringComparison.OrdinalIgnoreCase);
        var pattern = pseudo || Strings.Catalogs is null ? English(key) : T(key);
        string text;
        try
        {
            text = local.ToString(pattern, ChatCulture(Culture));
        }
        catch (FormatException)
        {
            // A translated pattern .NET cannot read: the English one, rather than no date at all.
            text = local.ToString(English(key), ChatCulture(Culture));
        }

        return new TrustedMarkup(pseudo ? "[" + PseudoText.Accent(Markup.Escape(text)) + "]" : Markup.Escape(text));
    }

    /// <summary>A number in the reader's culture: "1,234" / "1.234", with decimals only when it has some.</summary>
    public TrustedMarkup Number(decimal value) => new(Markup.Escape(value.ToString("#,0.##", Culture)));

    private TrustedMarkup Text(string key, object? arguments = null) => new(T(key, arguments));

    private string English(string key) =>
        Strings.Catalogs?.EnglishEntries.TryGetValue(key, out var entry) == true ? entry.Template.Text : Fallback(key);

    /// <summary>The English patterns, for a reader without catalogs (a context built outside the router).</summary>
    private static string Fallback(string key) => key switch
    {
        "time.date.day" => "ddd, MMM d, yyyy",
        "time.date.day-time" => "ddd, MMM d, yyyy, h:mm tt",
        "time.date.short" => "ddd MMM d, HH:mm",
        "time.date.weekday" => "dddd, MMMM d",
        "time.date.weekday-time" => "dddd, MMMM d, h:mm tt",
        _ => "h:mm tt",
    };

    private static TimeUnits Max(TimeUnits a, TimeUnits b) => a > b ? a : b;

    private static TimeUnits Min(TimeUnits a, TimeUnits b) => a < b ? a : b;

    /// <summary>
    /// The culture with its abbreviated day and month names stripped of a closing dot ("sáb." → "sáb"): chat dates put their own
    /// punctuation after the abbreviation ("sáb 14 de mar de 2026"), and "sáb., 14" stacks two marks.
    /// </summary>
    private static CultureInfo ChatCulture(CultureInfo culture) => ChatCultures.GetOrAdd(culture, static c =>
    {
        var copy = (CultureInfo)c.Clone();
        var format = copy.DateTimeFormat;
        format.AbbreviatedDayNames = Trim(format.AbbreviatedDayNames);
        format.AbbreviatedMonthNames = Trim(format.AbbreviatedMonthNames);
        format.AbbreviatedMonthGenitiveNames = Trim(format.AbbreviatedMonthGenitiveNames);
        return CultureInfo.ReadOnly(copy);
    });

    private static string[] Trim(string[] names) => names.Select(n => n.TrimEnd('.')).ToArray();
}
