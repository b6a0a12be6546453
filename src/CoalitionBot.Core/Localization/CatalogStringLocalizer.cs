using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Core.Localization;

/// <summary>
/// The catalogs in one language, as an <see cref="IStringLocalizer"/>: <c>strings["coalition.setup.title", new { set, total }]</c>.
/// A key the language lacks falls back to English for that string only; a key nobody has comes back as itself, marked not found.
/// </summary>
/// <remarks>
/// Arguments are named: one object whose properties (an anonymous object) or entries (a dictionary) name the placeholders.
/// Several arguments fill <c>{0}</c>, <c>{1}</c>, … Values are escaped as markup unless they are <see cref="Replies.TrustedMarkup"/>.
/// </remarks>
public sealed class CatalogStringLocalizer : IStringLocalizer
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private readonly LanguageCatalogs? _catalogs;

    /// <summary>A localizer over <paramref name="catalogs"/> in <paramref name="language"/> (a loaded code), formatting with <paramref name="culture"/>.</summary>
    public CatalogStringLocalizer(LanguageCatalogs catalogs, string language, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        _catalogs = catalogs;
        Language = language;
        Culture = culture;
    }

    private CatalogStringLocalizer()
    {
        Language = LanguageCatalogs.English;
        Culture = CultureInfo.GetCultureInfo("en-US");
    }

    /// <summary>A localizer with no catalogs: every key comes back as itself (for contexts built outside the router).</summary>
    public static CatalogStringLocalizer None { get; } = new();

    /// <summary>The language code the strings are in (<c>en</c>, <c>es</c>, <c>ht</c>, <c>qps-ploc</c>).</summary>
    public string Language { get; }

    /// <summary>The culture numbers in placeholders are formatted with.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The catalogs the strings come from; null for <see cref="None"/>.</summary>
    internal LanguageCatalogs? Catalogs => _catalogs;

    public LocalizedString this[string name] => Localize(name, null);

    public LocalizedString this[string name, params object[] arguments] =>
        Localize(name, arguments is null || arguments.Length == 0 ? null : arguments.Length == 1 ? arguments[0] : arguments);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled from <paramref name="arguments"/> (an anonymous object or a dictionary).</summary>
    public string Format(string key, object? arguments = null) => Localize(key, arguments).Value;

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        if (_catalogs is null)
        {
            yield break;
        }

        foreach (var key in _catalogs.EnglishEntries.Keys.Order(StringComparer.Ordinal))
        {
            if (includeParentCultures || _catalogs.IsTranslated(Language, key))
            {
                var (entry, _) = _catalogs.Find(Language, key)!.Value;
                yield return new LocalizedString(key, entry.Template.Text, resourceNotFound: false);
            }
        }
    }

    private LocalizedString Localize(string name, object? arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_catalogs?.Find(Language, name) is not { } found)
        {
            return new LocalizedString(name, name, resourceNotFound: true);
        }

        return new LocalizedString(name, found.Entry.Template.Format(Named(arguments), Culture, found.Language), resourceNotFound: false);
    }

    private static IReadOnlyDictionary<string, object?> Named(object? arguments)
    {
        switch (arguments)
        {
            case null:
                return new Dictionary<string, object?>();
            case IReadOnlyDictionary<string, object?> dictionary:
                return dictionary;
            case IDictionary<string, object?> dictionary:
                return dictionary.AsReadOnly();
            case object[] positional:
                return positional.Select((value, index) => (value, index)).ToDictionary(p => p.index.ToString(CultureInfo.InvariantCulture), p => (object?)p.value, StringComparer.Ordinal);
        }

        var type = arguments.GetType();
        if (type.IsPrimitive || arguments is string or decimal || arguments is IFormattable)
        {
            return new Dictionary<string, object?> { ["0"] = arguments };
        }

        var properties = Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray());
        return properties.ToDictionary(p => p.Name, p => p.GetValue(arguments), StringComparer.Ordinal);
    }
}
