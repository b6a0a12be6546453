using CoalitionBot.Core.Localization;

namespace CoalitionBot.Testing;

/// <summary>Core's built-in catalogs (English, Spanish, the pseudo-locale), for tests of code that takes strings outside a running bot.</summary>
public static class CoreLanguages
{
    private static readonly Lazy<LanguageCatalogs> Loaded = new(() => LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], null));

    /// <summary>The loaded catalogs.</summary>
    public static LanguageCatalogs Catalogs => Loaded.Value;

    /// <summary>The strings of the language a platform locale names (<c>es-419</c> → Spanish), else English.</summary>
    public static CatalogStringLocalizer For(string? locale) => Catalogs.StringsFor(locale);
}
