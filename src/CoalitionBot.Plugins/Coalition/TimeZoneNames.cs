using System.Collections.Frozen;
using System.Text;

namespace CoalitionBot.Plugins.Coalition;

/// <summary>Checks IANA time zone names and suggests one for what people actually type ("Central", "CST", "Chicago", "hora del Pacífico").</summary>
public static class TimeZoneNames
{
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["central"] = "America/Chicago", ["cst"] = "America/Chicago", ["cdt"] = "America/Chicago", ["ct"] = "America/Chicago",
        ["centro"] = "America/Chicago", ["delcentro"] = "America/Chicago",
        ["eastern"] = "America/New_York", ["est"] = "America/New_York", ["edt"] = "America/New_York", ["et"] = "America/New_York",
        ["este"] = "America/New_York", ["deleste"] = "America/New_York",
        ["mountain"] = "America/Denver", ["mst"] = "America/Denver", ["mdt"] = "America/Denver", ["mt"] = "America/Denver",
        ["montana"] = "America/Denver", ["delamontana"] = "America/Denver",
        ["pacific"] = "America/Los_Angeles", ["pst"] = "America/Los_Angeles", ["pdt"] = "America/Los_Angeles", ["pt"] = "America/Los_Angeles",
        ["pacifico"] = "America/Los_Angeles", ["delpacifico"] = "America/Los_Angeles",
        ["arizona"] = "America/Phoenix", ["alaska"] = "America/Anchorage", ["akst"] = "America/Anchorage",
        ["hawaii"] = "Pacific/Honolulu", ["hst"] = "Pacific/Honolulu",
        ["atlantic"] = "America/Puerto_Rico", ["ast"] = "America/Puerto_Rico", ["atlantico"] = "America/Puerto_Rico",
        ["puertorico"] = "America/Puerto_Rico", ["gmt"] = "UTC", ["z"] = "UTC", ["zulu"] = "UTC",
        ["mexico"] = "America/Mexico_City", ["cdmx"] = "America/Mexico_City", ["ciudaddemexico"] = "America/Mexico_City",
        ["sanfrancisco"] = "America/Los_Angeles", ["seattle"] = "America/Los_Angeles", ["portland"] = "America/Los_Angeles",
        ["sandiego"] = "America/Los_Angeles", ["sanjose"] = "America/Los_Angeles", ["oakland"] = "America/Los_Angeles",
        ["houston"] = "America/Chicago", ["dallas"] = "America/Chicago", ["austin"] = "America/Chicago", ["sanantonio"] = "America/Chicago",
        ["minneapolis"] = "America/Chicago", ["stlouis"] = "America/Chicago", ["saintlouis"] = "America/Chicago",
        ["neworleans"] = "America/Chicago", ["milwaukee"] = "America/Chicago", ["kansascity"] = "America/Chicago",
        ["boston"] = "America/New_York", ["philadelphia"] = "America/New_York", ["washington"] = "America/New_York",
        ["washingtondc"] = "America/New_York", ["dc"] = "America/New_York", ["atlanta"] = "America/New_York",
        ["miami"] = "America/New_York", ["baltimore"] = "America/New_York", ["pittsburgh"] = "America/New_York",
        ["saltlakecity"] = "America/Denver", ["albuquerque"] = "America/Denver", ["elpaso"] = "America/Denver",
        ["tucson"] = "America/Phoenix", ["honolulu"] = "Pacific/Honolulu",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, string>> Canonical = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC")
            .Where(id => id == "UTC" || id.Contains('/', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(id => id, StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenDictionary<string, string>> ByCity = new(() =>
        Canonical.Value.Values
            .Where(id => id.StartsWith("America/", StringComparison.Ordinal) || id.StartsWith("Europe/", StringComparison.Ordinal)
                || id.StartsWith("Pacific/", StringComparison.Ordinal) || id.StartsWith("Asia/", StringComparison.Ordinal)
                || id.StartsWith("Africa/", StringComparison.Ordinal) || id.StartsWith("Australia/", StringComparison.Ordinal)
                || id.StartsWith("Atlantic/", StringComparison.Ordinal))
            .GroupBy(id => Normalize(id[(id.LastIndexOf('/') + 1)..]), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).First(), StringComparer.Ordinal));

    /// <summary>The IANA id in its canonical spelling when <paramref name="input"/> names a zone (any letter case), else null.</summary>
    /// <remarks>Abbreviations and legacy names without a region ("EST", "CST6CDT") are refused: they hide daylight saving surprises.</remarks>
    public static string? Resolve(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (string.Equals(text, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return "UTC";
        }

        if (!text.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        if (Canonical.Value.TryGetValue(text, out var id))
        {
            return id;
        }

        // Links such as US/Central exist as zone files even when the system list omits them.
        return TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) ? zone.Id : null;
    }

    /// <summary>A zone the person probably meant ("Central" → America/Chicago), or null.</summary>
    public static string? Suggest(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(text, out var fromWindows) && Resolve(fromWindows) is { } windows)
        {
            return windows;
        }

        var key = Normalize(text);
        foreach (var noise in new[] { "standardtime", "daylighttime", "timezone", "time", "zone", "horario", "hora", "zona", "usa", "us" })
        {
            key = key.StartsWith(noise, StringComparison.Ordinal) && key.Length > noise.Length ? key[noise.Length..] : key;
            key = key.EndsWith(noise, StringComparison.Ordinal) && key.Length > noise.Length ? key[..^noise.Length] : key;
        }

        if (Aliases.TryGetValue(key, out var alias))
        {
            return alias;
        }

        var last = key;
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            last = Normalize(text[(slash + 1)..]);
        }

        return ByCity.Value.GetValueOrDefault(last);
    }

    /// <summary>Lowercase ASCII letters only: "Ciudad de México" → "ciudaddemexico".</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
