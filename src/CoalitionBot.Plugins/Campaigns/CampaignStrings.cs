using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Who reads a campaign message: their strings, culture, the coalition's time zone and the instant they read it.</summary>
internal sealed record CampaignReader(IStringLocalizer Strings, CultureInfo Culture, TimeZoneInfo Zone, DateTimeOffset Now)
{
    /// <summary>A reader of <paramref name="language"/> (a code such as <c>ht</c>; null or not loaded: English), for messages sent outside a command.</summary>
    public static CampaignReader For(LanguageCatalogs languages, string? language, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var code = languages.Match(language) ?? LanguageCatalogs.English;
        var culture = LanguageCatalogs.CultureFor(code);
        return new CampaignReader(new CatalogStringLocalizer(languages, code, culture), culture, zone, now);
    }

    /// <summary>The text of <paramref name="key"/> with its named placeholders filled (values escaped as markup unless trusted).</summary>
    public string T(string key, object? arguments = null) => Strings.T(key, arguments);

    /// <summary>A catalog text as plain text, for pictures and alt texts (markup is for chat replies).</summary>
    public string Plain(string key, object? arguments = null) => Markup.ToPlainText(T(key, arguments));

    /// <summary>A catalog text to put inside another one (kept as markup, not escaped again).</summary>
    public TrustedMarkup M(string key, object? arguments = null) => new(T(key, arguments));

    /// <summary>"in 12 days", "3 hours ago", as markup to put inside a catalog text.</summary>
    public TrustedMarkup Relative(DateTimeOffset at) => new(Markup.Escape(CampaignCards.Relative(at, Now, Zone, Culture)));

    /// <summary>The local date (and time, when it has one), as markup to put inside a catalog text.</summary>
    public TrustedMarkup Date(DateTimeOffset at) => new(Markup.Escape(CampaignCards.LocalDate(at, Zone, Culture)));

    public string Number(long value) => value.ToString("N0", Culture);
}

/// <summary>Catalog texts for code that has the reader's strings but no command context.</summary>
internal static class CampaignStrings
{
    /// <summary>The text of <paramref name="key"/> with its named placeholders filled (values escaped as markup unless trusted), as <c>Context.T</c> does.</summary>
    public static string T(this IStringLocalizer strings, string key, object? arguments = null) =>
        arguments is null ? strings[key].Value : strings[key, arguments].Value;
}
