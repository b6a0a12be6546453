namespace CoalitionBot.Core.Localization;

/// <summary>
/// Content a plugin keeps per language in files of its own rather than in catalogs (the talking-point packs in
/// <c>languages/&lt;code&gt;/talking-points/</c>): <c>languages status</c> shows how much of it each language has, beside the catalogs.
/// </summary>
public interface ITranslatedContent
{
    /// <summary>The column's name in <c>languages status</c>, like <c>tp-points</c>.</summary>
    string Name { get; }

    /// <summary>How many of the shipped items <paramref name="language"/> has in its own words, of how many.</summary>
    (int Translated, int Total) Completeness(string language);
}
