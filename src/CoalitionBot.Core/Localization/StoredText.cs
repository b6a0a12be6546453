using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Core.Localization;

/// <summary>
/// A catalog sentence kept in a text column (why a delivery or a feed read failed): its key, then its placeholder values as a
/// JSON object, so that whoever reads it later gets it in their own language. Text that is not in this form (a reason an
/// older version stored in English, a platform's own code) is shown as it is.
/// </summary>
public static partial class StoredText
{
    /// <summary>The key that shows a stored text as it is.</summary>
    public const string AsStoredKey = "core.stored.as-is";

    /// <summary>The longest value kept: the texts live in columns of 300 to 500 characters.</summary>
    public const int MaxValueLength = 80;

    /// <summary>The sentence as one line: <paramref name="key"/>, then its values (each cut to <see cref="MaxValueLength"/> characters).</summary>
    /// <param name="key">The catalog key, like <c>core.delivery.slack.error</c>.</param>
    /// <param name="arguments">The placeholder values (an anonymous object or a dictionary), or null.</param>
    public static string Write(string key, object? arguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var values = Values(arguments);
        return values.Count == 0 ? key : key + " " + JsonSerializer.Serialize(values);
    }

    /// <summary>The key and values of a line from <see cref="Write"/>; any other text comes back under <see cref="AsStoredKey"/>.</summary>
    public static (string Key, IReadOnlyDictionary<string, object?>? Arguments) Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var match = StoredForm().Match(stored);
        if (!match.Success)
        {
            return AsStored(stored);
        }

        if (!match.Groups["values"].Success)
        {
            return (match.Groups["key"].Value, null);
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(match.Groups["values"].Value);
            return (match.Groups["key"].Value, values?.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return AsStored(stored);
        }
    }

    /// <summary>The stored sentence in <paramref name="strings"/>' language, as markup (placeholder values escaped).</summary>
    public static string In(string stored, IStringLocalizer strings)
    {
        var (key, arguments) = Read(stored);
        return In(key, arguments, strings);
    }

    /// <summary>The sentence of <paramref name="key"/> in <paramref name="strings"/>' language; a key no catalog has is shown as the stored line.</summary>
    public static string In(string key, object? arguments, IStringLocalizer strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var text = arguments is null ? strings[key] : strings[key, arguments];
        return text.ResourceNotFound ? strings[AsStoredKey, new { text = Write(key, arguments) }].Value : text.Value;
    }

    private static (string, IReadOnlyDictionary<string, object?>) AsStored(string stored) =>
        (AsStoredKey, new Dictionary<string, object?>(StringComparer.Ordinal) { ["text"] = stored });

    private static Dictionary<string, string> Values(object? arguments)
    {
        IEnumerable<KeyValuePair<string, object?>> pairs = arguments switch
        {
            null => [],
            IReadOnlyDictionary<string, object?> dictionary => dictionary,
            _ => arguments.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => KeyValuePair.Create(p.Name, p.GetValue(arguments))),
        };
        return pairs.ToDictionary(p => p.Key, p => Cut(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty), StringComparer.Ordinal);
    }

    private static string Cut(string value) => value.Length <= MaxValueLength ? value : value[..(MaxValueLength - 1)] + "…";

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)(?: (?<values>\{.*\}))?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StoredForm();
}
