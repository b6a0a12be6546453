namespace CoalitionBot.Core.Localization;

/// <summary>Strings for a language code, for code that knows a language but has no command context (adapters, notices).</summary>
public static class LanguageCatalogsExtensions
{
    /// <summary>The strings of the loaded language <paramref name="language"/> names (<c>es-419</c> → <c>es</c>), else English.</summary>
    public static CatalogStringLocalizer StringsFor(this LanguageCatalogs languages, string? language)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var loaded = languages.Match(language) ?? LanguageCatalogs.English;
        return new CatalogStringLocalizer(languages, loaded, LanguageCatalogs.CultureFor(loaded));
    }
}
