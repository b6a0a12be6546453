using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Catalog texts for the cards, pictures and announcements, which have the reader's strings but no command context.</summary>
internal static class CampaignStrings
{
    /// <summary>The text of <paramref name="key"/> with its named placeholders filled (values escaped as markup unless trusted), as <c>Context.T</c> does.</summary>
    public static string T(this IStringLocalizer strings, string key, object? arguments = null) =>
        arguments is null ? strings[key].Value : strings[key, arguments].Value;

    /// <summary>A catalog text to put inside another one (kept as markup, not escaped again).</summary>
    public static TrustedMarkup M(this Reader reader, string key, object? arguments = null) => new(reader.T(key, arguments));

    /// <summary>A catalog text as plain text, for pictures and alt texts (markup is for chat replies).</summary>
    public static string Plain(this Reader reader, string key, object? arguments = null) => Markup.ToPlainText(reader.T(key, arguments));
}
