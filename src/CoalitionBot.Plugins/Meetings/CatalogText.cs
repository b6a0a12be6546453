using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>
/// A sentence of the meetings catalog chosen where the language is not known (a parser's error, a failed fetch): its key and
/// placeholder values, put into the reader's language where it is shown. <see cref="Stored"/> keeps one in a text column
/// (a feed's or a watch's last error) so that each reader still gets it in their own language.
/// </summary>
/// <param name="Key">The catalog key, like <c>meetings.repeat.unclear</c>.</param>
/// <param name="Arguments">The placeholder values (an anonymous object or a dictionary), or null.</param>
public sealed partial record CatalogText(string Key, object? Arguments = null)
{
    /// <summary>The key that shows a stored text as it is: what an older version stored in English, before errors were keys.</summary>
    public const string AsStoredKey = "meetings.error.as-stored";

    /// <summary>The longest value kept by <see cref="Stored"/>: the texts are kept in columns of 300 characters.</summary>
    private const int MaxStoredValue = 80;

    /// <summary>The sentence in <paramref name="strings"/>' language, as markup (placeholder values escaped).</summary>
    public string In(IStringLocalizer strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        return Arguments is null ? strings[Key].Value : strings[Key, Arguments].Value;
    }

    /// <summary>The sentence in <paramref name="strings"/>' language, to put into another sentence.</summary>
    public TrustedMarkup Markup(IStringLocalizer strings) => new(In(strings));

    /// <summary>The sentence as one line for a text column: its key, then its values as a JSON object (each cut to 80 characters).</summary>
    public string Stored()
    {
        var values = Values();
        return values.Count == 0 ? Key : Key + " " + JsonSerializer.Serialize(values);
    }

    /// <summary>A sentence read back from <see cref="Stored"/>; any other text (an older English one) is shown as it is.</summary>
    public static CatalogText FromStored(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var match = StoredForm().Match(stored);
        if (!match.Success)
        {
            return new CatalogText(AsStoredKey, new { text = stored });
        }

        if (!match.Groups["values"].Success)
        {
            return new CatalogText(match.Groups["key"].Value);
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(match.Groups["values"].Value);
            return new CatalogText(match.Groups["key"].Value, values?.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return new CatalogText(AsStoredKey, new { text = stored });
        }
    }

    private Dictionary<string, string> Values()
    {
        IEnumerable<KeyValuePair<string, object?>> pairs = Arguments switch
        {
            null => [],
            IReadOnlyDictionary<string, object?> dictionary => dictionary,
            _ => Arguments.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => KeyValuePair.Create(p.Name, p.GetValue(Arguments))),
        };
        return pairs.ToDictionary(p => p.Key, p => Cut(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty), StringComparer.Ordinal);
    }

    private static string Cut(string value) => value.Length <= MaxStoredValue ? value : value[..(MaxStoredValue - 1)] + "…";

    [GeneratedRegex(@"^(?<key>meetings\.[a-z0-9.-]+)(?: (?<values>\{.*\}))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StoredForm();
}
