using System.Globalization;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Reads how people say a meeting repeats, and expands meetings into occurrences with Ical.Net (so an 18:00 meeting stays at 18:00 across DST).</summary>
public static class Recurrence
{
    private static readonly Dictionary<string, string> Weekdays = new(StringComparer.Ordinal)
    {
        ["monday"] = "MO", ["mondays"] = "MO", ["mon"] = "MO", ["lunes"] = "MO",
        ["tuesday"] = "TU", ["tuesdays"] = "TU", ["tue"] = "TU", ["tues"] = "TU", ["martes"] = "TU",
        ["wednesday"] = "WE", ["wednesdays"] = "WE", ["wed"] = "WE", ["miercoles"] = "WE",
        ["thursday"] = "TH", ["thursdays"] = "TH", ["thu"] = "TH", ["thurs"] = "TH", ["jueves"] = "TH",
        ["friday"] = "FR", ["fridays"] = "FR", ["fri"] = "FR", ["viernes"] = "FR",
        ["saturday"] = "SA", ["saturdays"] = "SA", ["sat"] = "SA", ["sabado"] = "SA", ["sabados"] = "SA",
        ["sunday"] = "SU", ["sundays"] = "SU", ["sun"] = "SU", ["domingo"] = "SU", ["domingos"] = "SU",
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["1st"] = 1, ["first"] = 1, ["primer"] = 1, ["primero"] = 1, ["primera"] = 1, ["1"] = 1, ["1er"] = 1, ["1ro"] = 1,
        ["2nd"] = 2, ["second"] = 2, ["segundo"] = 2, ["segunda"] = 2, ["2"] = 2, ["2do"] = 2,
        ["3rd"] = 3, ["third"] = 3, ["tercer"] = 3, ["tercero"] = 3, ["tercera"] = 3, ["3"] = 3, ["3er"] = 3, ["3ro"] = 3,
        ["4th"] = 4, ["fourth"] = 4, ["cuarto"] = 4, ["cuarta"] = 4, ["4"] = 4, ["4to"] = 4,
        ["last"] = -1, ["ultimo"] = -1, ["ultima"] = -1,
    };

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "every", "each", "on", "the", "and", "of", "month", "the", "at", "in", "cada", "el", "la", "los", "las", "y", "de", "del", "mes", "en",
        "repeat", "repeats",
    };

    /// <summary>Turns "every 1st and 3rd tuesday", "weekly on monday", "cada primer martes" or an RRULE into an RRULE; null with an error when unclear.</summary>
    public static string? Parse(string text, out CatalogText? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("FREQ=", StringComparison.OrdinalIgnoreCase))
        {
            return ParseRule(trimmed.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? trimmed[6..] : trimmed, out error);
        }

        var words = new RepeatWords();
        if (!words.Read(Fold(trimmed).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)))
        {
            error = Unclear(text);
            return null;
        }

        return words.ToRule(text, out error);
    }

    private static CatalogText Unclear(string text) => new("meetings.repeat.unclear", new { text });

    private static string? ParseRule(string rule, out CatalogText? error)
    {
        error = null;
        try
        {
            _ = new RecurrencePattern(rule.ToUpperInvariant());
            return rule.ToUpperInvariant();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            error = new CatalogText("meetings.repeat.bad-rule", new { reason = ex.Message });
            return null;
        }
    }

    /// <summary>What the words of a typed repeat said: weekdays, ordinals ("1st", "primer"), an interval and a frequency.</summary>
    private sealed class RepeatWords
    {
        private readonly List<string> _days = [];
        private readonly List<int> _ordinals = [];
        private int? _interval;
        private string? _frequency;

        /// <summary>Reads the words; false at the first word that is not part of a repeat.</summary>
        public bool Read(string[] words)
        {
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if (Weekdays.TryGetValue(word, out var day))
                {
                    _days.Add(day);
                }
                else if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && i + 1 < words.Length && words[i + 1] is "weeks" or "semanas")
                {
                    _interval = n;
                    _frequency = "WEEKLY";
                    i++;
                }
                else if (Ordinals.TryGetValue(word, out var ordinal))
                {
                    _ordinals.Add(ordinal);
                }
                else if (word is "weekly" or "week" or "semanal" or "semana" or "semanalmente")
                {
                    _frequency ??= "WEEKLY";
                }
                else if (word is "biweekly" or "fortnightly" or "quincenal" or "other")
                {
                    _frequency = "WEEKLY";
                    _interval = 2;
                }
                else if (word is "monthly" or "mensual" or "mensualmente")
                {
                    _frequency = "MONTHLY";
                }
                else if (word is "daily" or "day" or "diario" or "diariamente" or "dia" or "dias")
                {
                    _frequency = "DAILY";
                }
                else if (!Filler.Contains(word) && word is not ("weeks" or "semanas"))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The RRULE the words make, or null with an error when they name no repeat (or ordinals without a weekday).</summary>
        public string? ToRule(string text, out CatalogText? error)
        {
            error = null;
            if (_ordinals.Count > 0)
            {
                if (_days.Count == 0)
                {
                    error = new CatalogText("meetings.repeat.which-day");
                    return null;
                }

                var byDay = _ordinals.Distinct().SelectMany(o => _days.Distinct().Select(d => $"{o}{d}"));
                return $"FREQ=MONTHLY;BYDAY={string.Join(',', byDay)}";
            }

            if (_days.Count > 0)
            {
                return $"FREQ=WEEKLY{(_interval is > 1 ? $";INTERVAL={_interval}" : string.Empty)};BYDAY={string.Join(',', _days.Distinct())}";
            }

            if (_frequency is not null)
            {
                return $"FREQ={_frequency}{(_interval is > 1 ? $";INTERVAL={_interval}" : string.Empty)}";
            }

            error = Unclear(text);
            return null;
        }
    }

    private static readonly Dictionary<string, string> DayNames = new(StringComparer.Ordinal)
    {
        ["MO"] = "monday", ["TU"] = "tuesday", ["WE"] = "wednesday", ["TH"] = "thursday", ["FR"] = "friday", ["SA"] = "saturday", ["SU"] = "sunday",
    };

    /// <summary>
    /// An RRULE in words in the reader's language, like "every first and third Tuesday of the month" or "el primer y tercer martes
    /// de cada mes", for the rules people and calendar feeds use; any other rule is shown as it is (<c>RRULE:…</c>) rather than
    /// described wrongly. The result is markup (catalog sentences with the rule's numbers filled in).
    /// </summary>
    public static string Describe(string rule, CatalogStringLocalizer strings)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(strings);
        var raw = Markup.Escape("RRULE:" + rule);
        if (RuleParts(rule) is not { } parts || !parts.TryGetValue("FREQ", out var frequency) || !TryReadInterval(parts, out var interval)
            || ByDay(parts) is not { } days)
        {
            return raw;
        }

        return Frequency(frequency, interval, days, parts, strings) is { } text && Limits(text, parts, strings) is { } limited ? limited : raw;
    }

    /// <summary>The rule's parts by name, or null when one is malformed, repeated or not one that <see cref="Describe"/> knows.</summary>
    private static Dictionary<string, string>? RuleParts(string rule)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in rule.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !parts.TryAdd(pair[0].Trim().ToUpperInvariant(), pair[1].Trim().ToUpperInvariant()))
            {
                return null;
            }
        }

        return parts.Keys.All(k => k is "FREQ" or "INTERVAL" or "BYDAY" or "BYMONTHDAY" or "COUNT" or "UNTIL" or "WKST") ? parts : null;
    }

    private static bool TryReadInterval(Dictionary<string, string> parts, out int interval)
    {
        interval = 1;
        return !parts.TryGetValue("INTERVAL", out var every) || (int.TryParse(every, NumberStyles.None, CultureInfo.InvariantCulture, out interval) && interval >= 1);
    }

    /// <summary>BYDAY as (ordinal, day code) pairs, ordinal 0 for "every"; null when an entry is not a day or its ordinal is out of range.</summary>
    private static List<(int Ordinal, string Day)>? ByDay(Dictionary<string, string> parts)
    {
        var days = new List<(int Ordinal, string Day)>();
        foreach (var entry in parts.GetValueOrDefault("BYDAY")?.Split(',') ?? [])
        {
            var code = entry.Length >= 2 ? entry[^2..] : entry;
            var prefix = entry[..^code.Length];
            var ordinal = 0;
            if (!DayNames.ContainsKey(code) || (prefix.Length > 0 && (!int.TryParse(prefix, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ordinal) || ordinal is 0 or < -1 or > 5)))
            {
                return null;
            }

            days.Add((ordinal, code));
        }

        return days;
    }

    /// <summary>"every 2 weeks on Monday", "el primer martes de cada mes"…, or null for a combination that is not described.</summary>
    private static string? Frequency(string frequency, int interval, List<(int Ordinal, string Day)> days, Dictionary<string, string> parts, CatalogStringLocalizer strings) =>
        (frequency, days.Count, parts.ContainsKey("BYMONTHDAY")) switch
        {
            ("DAILY", 0, false) => strings.Format("meetings.repeat.daily", new { interval }),
            ("WEEKLY", 0, false) => strings.Format("meetings.repeat.weekly", new { interval }),
            ("WEEKLY", > 0, false) when days.All(d => d.Ordinal == 0) => interval == 1
                ? strings.Format("meetings.repeat.every-weekday", new { days = new TrustedMarkup(Join(days.Select(d => strings.Format("meetings.repeat.days." + DayNames[d.Day])), strings)) })
                : strings.Format("meetings.repeat.weeks-on", new { interval, days = new TrustedMarkup(Join(days.Select(d => strings.Format("meetings.repeat.day." + DayNames[d.Day])), strings)) }),
            ("MONTHLY", > 0, false) when days.All(d => d.Ordinal != 0) && days.Select(d => d.Day).Distinct().Count() == 1 => Monthly(days, interval, strings),
            ("MONTHLY", 0, true) when int.TryParse(parts["BYMONTHDAY"], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31 =>
                strings.Format("meetings.repeat.monthly-on-day", new { interval, day }),
            ("MONTHLY", 0, false) => strings.Format("meetings.repeat.monthly", new { interval }),
            ("YEARLY", 0, false) => strings.Format("meetings.repeat.yearly", new { interval }),
            _ => null,
        };

    /// <summary>The repeat with ", 5 times" and ", until 2026-12-31" (or as it is), or null when COUNT or UNTIL cannot be read.</summary>
    private static string? Limits(string repeat, Dictionary<string, string> parts, CatalogStringLocalizer strings)
    {
        if (parts.TryGetValue("COUNT", out var count))
        {
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var times) || times < 1)
            {
                return null;
            }

            repeat = strings.Format("meetings.repeat.times", new { repeat = new TrustedMarkup(repeat), count = times });
        }

        if (parts.TryGetValue("UNTIL", out var until))
        {
            if (until.Length < 8 || !DateTime.TryParseExact(until[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
            {
                return null;
            }

            repeat = strings.Format("meetings.repeat.until", new { repeat = new TrustedMarkup(repeat), date = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }

        return repeat;
    }

    private static string Monthly(List<(int Ordinal, string Day)> monthly, int months, CatalogStringLocalizer strings)
    {
        var day = DayNames[monthly[0].Day];
        var which = monthly.Select(d => d.Ordinal).Distinct().Order(Comparer<int>.Create((a, b) => (a < 0 ? 9 : a).CompareTo(b < 0 ? 9 : b)))
            .Select(o => strings.Format("meetings.repeat.ordinal", new { ordinal = o < 0 ? 0 : o }));
        return strings.Format("meetings.repeat.monthly-on", new { interval = months, which = new TrustedMarkup(Join(which, strings)), day = new TrustedMarkup(strings.Format("meetings.repeat.day." + day)) });
    }

    /// <summary>"a, b and c" (or "a, b y c"): catalog pieces joined by the language's list pattern.</summary>
    private static string Join(IEnumerable<string> items, CatalogStringLocalizer strings)
    {
        var list = items.ToList();
        return list.Count <= 1
            ? string.Concat(list)
            : strings.Format("meetings.join.and", new { items = new TrustedMarkup(string.Join(strings.Format("meetings.join.separator"), list.Take(list.Count - 1))), last = new TrustedMarkup(list[^1]) });
    }

    /// <summary>Reads reminder lead times such as "7d,1d,2h" (or "none") in the form a meeting or subscription stores them: minutes, comma-separated (empty for none).</summary>
    public static string? ParseLeadMinutes(string text, out CatalogText? error) =>
        ParseLeadTimes(text, out error) is { } leads ? string.Join(',', leads.Select(l => ((int)l.TotalMinutes).ToString(CultureInfo.InvariantCulture))) : null;

    /// <summary>Stored lead minutes (see <see cref="ParseLeadMinutes"/>) as lead times.</summary>
    public static IReadOnlyList<TimeSpan> ReadLeadMinutes(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => TimeSpan.FromMinutes(int.Parse(m, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Reads reminder lead times such as "7d,1d,2h" (or "none").</summary>
    public static IReadOnlyList<TimeSpan>? ParseLeadTimes(string text, out CatalogText? error)
    {
        error = null;
        if (text.Trim() is "none" or "ninguno" or "no")
        {
            return [];
        }

        var result = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lead = ValueParsers.ParseDuration(part);
            if (lead is null || lead <= TimeSpan.Zero || lead > TimeSpan.FromDays(60))
            {
                error = new CatalogText("meetings.remind.invalid", new { part });
                return null;
            }

            result.Add(lead.Value);
        }

        return result.Distinct().OrderByDescending(t => t).ToList();
    }

    /// <summary>The meeting's occurrence starts (as instants) from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), skips removed.</summary>
    public static IEnumerable<DateTimeOffset> Occurrences(Meeting meeting, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<DateTimeOffset>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Cancelled)
        {
            yield break;
        }

        if (meeting.Rule is null)
        {
            var single = ToInstant(meeting.StartLocal, meeting.TimeZone);
            if (single >= from && single < to && skipped?.Contains(single) != true)
            {
                yield return single;
            }

            yield break;
        }

        var evt = new CalendarEvent { DtStart = new CalDateTime(DateTime.SpecifyKind(meeting.StartLocal, DateTimeKind.Unspecified), meeting.TimeZone, true) };
        var rule = new RecurrencePattern(meeting.Rule);
        evt.RecurrenceRule = rule;
        var days = rule.ByDay.Select(d => d.DayOfWeek).ToHashSet();

        // Start a little early so an occurrence at exactly `from` is not lost to rounding.
        var start = new CalDateTime(from.UtcDateTime.AddMinutes(-1), "UTC", true);
        foreach (var occurrence in evt.GetOccurrences(start, null).TakeWhileBefore(new CalDateTime(to.UtcDateTime, "UTC", true)))
        {
            var local = occurrence.Period.StartTime;

            // RFC 5545 counts DTSTART even when it does not match the rule; people expect only the days they named.
            if (days.Count > 0 && !days.Contains(local.DayOfWeek))
            {
                continue;
            }

            var instant = new DateTimeOffset(local.AsUtc, TimeSpan.Zero);
            if (instant >= from && instant < to && skipped?.Contains(instant) != true)
            {
                yield return instant;
            }
        }
    }

    /// <summary>The instant of a wall-clock time in an IANA zone.</summary>
    public static DateTimeOffset ToInstant(DateTime local, string timeZone) =>
        IsoDateTimeParser.ToZoned(local, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).ToUniversalTime();

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
