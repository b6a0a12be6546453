using System.Collections.Concurrent;
using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>Reads dates and times as people type them, in the caller's language when the recognizer knows it and else in English, and in Spanish (<c>friday</c>, <c>tomorrow 5pm</c>, <c>in 3 days</c>,
/// <c>next tuesday 18:00</c>, <c>dec 3</c>, <c>viernes</c>, <c>mañana a las 5</c>) and ISO dates, in the coalition's time zone.</summary>
/// <remarks>
/// ISO input is read exactly as <see cref="IsoDateTimeParser"/> reads it; everything else goes through Microsoft.Recognizers.Text.DateTime.
/// The recognized words must cover the whole input: "next blorpday 5pm" is an error that says only "5pm" was understood, never a silent
/// guess. When a phrase has several readings the parser picks deliberately: the first one not in the past ("friday", "dec 3"), and for
/// an hour without am/pm ("a las 5") the one in waking hours (07:00–21:59). A date without a time gets
/// <see cref="ParseContext.DefaultTimeOfDay"/> (midnight when unset). Periods ("next week") and durations ("3 days") are not instants
/// and are refused with a hint.
/// </remarks>
public sealed class NaturalDateTimeParser : IDateTimeParser
{
    // The languages the recognizer reads dates in, by language code, with the culture it knows them by. Every other language
    // (ht, so, vi, …) is read as English and ISO, and its errors say so.
    private static readonly Dictionary<string, string> RecognizerCultures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = Culture.English, ["es"] = Culture.Spanish, ["pt"] = Culture.Portuguese, ["fr"] = Culture.French,
        ["de"] = Culture.German, ["it"] = Culture.Italian, ["nl"] = Culture.Dutch, ["zh"] = Culture.Chinese,
        ["ja"] = Culture.Japanese, ["hi"] = Culture.Hindi, ["ko"] = Culture.Korean, ["sv"] = Culture.Swedish, ["tr"] = Culture.Turkish,
    };

    // One model per language, built the first time someone in that language types a date (about a second and a half each).
    private static readonly ConcurrentDictionary<string, Lazy<DateTimeModel>> Models = new(StringComparer.OrdinalIgnoreCase);
    private static readonly char[] Ignorable = [' ', '.', ',', '!', '?', '¿', '¡', '\t'];

    // Words around a date that add nothing to it ("by friday", "el viernes", "para el martes").
    private static readonly HashSet<string> Filler = new(["on", "by", "at", "the", "el", "la", "para", "a", "las"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds both languages' models now (about a second and a half each), so the first command does not wait for them.</summary>
    public static void WarmUp()
    {
        _ = Model(LanguageCatalogs.English).Parse("tomorrow 5pm", new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Unspecified));
        _ = Model(LanguageCatalogs.Spanish).Parse("mañana a las 5", new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Unspecified));
    }

    public DateTimeOffset? Parse(string text, ParseContext context, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var trimmed = text.Trim();
        if (LooksIso(trimmed))
        {
            // An ISO date no instant can hold is refused as such, not handed to the recognizers.
            var iso = IsoDateTimeParser.Parse(trimmed, context, out error, out var outOfRange);
            if (iso is not null || outOfRange)
            {
                return iso;
            }
        }

        error = null;
        var nowLocal = TimeZoneInfo.ConvertTime(context.Now, context.TimeZone).DateTime;
        var results = new List<ModelResult>();
        foreach (var language in ReadingOrder(context.Language))
        {
            // People mix languages ("viernes" from an English-speaking volunteer, "in 3 days" in a Spanish coalition): a later
            // language's reading counts when it understands the whole input, or when the earlier ones understood nothing.
            var found = Recognize(Model(language), trimmed, nowLocal);
            if (Covers(found, trimmed))
            {
                results = found;
                break;
            }

            if (results.Count == 0)
            {
                results = found;
            }
        }

        if (results.Count == 0)
        {
            error = Reads(context.Language)
                ? context.T("core.date.unreadable", new { text = trimmed })
                : context.T("core.date.unreadable.other-language", new { text = trimmed, language = OwnName(context) });
            return null;
        }

        var best = results.OrderByDescending(r => r.Text.Length).First();
        var reading = Resolve(best, nowLocal, context);
        if (!Covers(results, trimmed))
        {
            error = reading is { } partial
                ? context.T("core.date.partial.reading", new { understood = best.Text, reading = Show(partial, context), text = trimmed })
                : context.T("core.date.partial", new { understood = best.Text, text = trimmed });
            return null;
        }

        if (reading is null)
        {
            error = context.T("core.date.period", new { text = best.Text });
            return null;
        }

        return reading;
    }

    // NoProtoCache: the recognizers' shared static caches are keyed by the text but not by the language, so an English
    // and a Spanish reading of the same words would mix ("viernes" read by English, then by Spanish, found nothing). Without
    // them each language's model is independent and safe to call from many threads at once; one model per language is
    // built once and reused.
    private static DateTimeModel Build(string culture) =>
        new DateTimeRecognizer(culture, DateTimeOptions.NoProtoCache, lazyInitialization: false).GetDateTimeModel();

    /// <summary>True when dates typed in <paramref name="language"/> (a loaded language code) are read in that language, not only as English and ISO.</summary>
    public static bool Reads(string language) => RecognizerCultures.ContainsKey(Primary(language));

    private static string Primary(string language) => language.Split('-')[0];

    private static DateTimeModel Model(string language) =>
        Models.GetOrAdd(Primary(language), code => new Lazy<DateTimeModel>(() => Build(RecognizerCultures[code]), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    // The caller's own language when the recognizer knows it, then English, then Spanish (the bot's two built-in languages).
    private static IEnumerable<string> ReadingOrder(string language) =>
        new[] { Reads(language) ? Primary(language) : LanguageCatalogs.English, LanguageCatalogs.English, LanguageCatalogs.Spanish }
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The caller's language named in itself (see <see cref="LanguageCatalogs.OwnName"/>).</summary>
    private static TrustedMarkup OwnName(ParseContext context) =>
        new(context.Languages?.OwnName(context.Language) ?? LanguageCatalogs.SystemName(context.Language));

    private static List<ModelResult> Recognize(DateTimeModel model, string text, DateTime reference) => model.Parse(text, reference).ToList();

    // ISO dates and times, and the words IsoDateTimeParser has always accepted, keep their exact meaning.
    private static bool LooksIso(string text) =>
        (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-')
        || text.ToLowerInvariant() is "today" or "hoy" or "tomorrow" or "mañana" or "manana";

    private static bool Covers(List<ModelResult> results, string text)
    {
        // Several pieces ("friday" and "5pm" read apart) would be several answers: one result must be the whole phrase.
        if (results.Count != 1)
        {
            return false;
        }

        var result = results[0];
        var start = Math.Clamp(result.Start, 0, text.Length);
        var end = Math.Clamp(result.End + 1, start, text.Length);
        var rest = text[..start] + " " + text[end..];
        return rest.Split(Ignorable, StringSplitOptions.RemoveEmptyEntries).All(w => Filler.Contains(w));
    }

    private static DateTimeOffset? Resolve(ModelResult result, DateTime nowLocal, ParseContext context)
    {
        if (result.Resolution is null || !result.Resolution.TryGetValue("values", out var raw) || raw is not IEnumerable<Dictionary<string, string>> values)
        {
            return null;
        }

        var candidates = new List<(DateTime Local, bool HasTime)>();
        foreach (var value in values)
        {
            var type = value.GetValueOrDefault("type");
            var mod = value.GetValueOrDefault("Mod") ?? value.GetValueOrDefault("mod");
            string? text;
            if (mod is "before" or "until" && value.TryGetValue("end", out var end) && type is "daterange" or "datetimerange")
            {
                // "by friday" is open-ended before friday: the deadline is friday.
                text = end;
                type = type == "daterange" ? "date" : "datetime";
            }
            else if (!value.TryGetValue("value", out text) || type is not ("date" or "datetime" or "time"))
            {
                continue;
            }

            if (type == "time" && TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                candidates.Add((nowLocal.Date + time.ToTimeSpan(), true));
            }
            else if (type == "date" && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                var timeOfDay = context.DefaultTimeOfDay?.ToTimeSpan() ?? TimeSpan.Zero;
                candidates.Add((date + timeOfDay, false));
            }
            else if (type == "datetime" && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            {
                candidates.Add((moment, true));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // For a date alone, "not in the past" means today or later (a due date today still counts).
        var future = candidates.Where(c => c.HasTime ? c.Local >= nowLocal : c.Local.Date >= nowLocal.Date).ToList();
        var pool = future.Count > 0 ? future : candidates;
        // Several readings with a time are an hour without am/pm ("a las 5" is 05:00 or 17:00): take the one in waking hours.
        var chosen = pool.Count > 1 && pool.All(c => c.HasTime)
            ? pool.Where(c => c.Local.Hour is >= 7 and <= 21).DefaultIfEmpty(pool[0]).First()
            : pool[0];
        // The edges of the calendar (year 1 in UTC+14, year 9999 in UTC-12) hold no instant: no reading then, never an exception.
        return IsoDateTimeParser.TryToZoned(chosen.Local, context.TimeZone);
    }

    private static TrustedMarkup Show(DateTimeOffset instant, ParseContext context) =>
        new Reader(context.Strings, context.TimeZone, context.Now).Date(instant, DateStyle.Short);
}
