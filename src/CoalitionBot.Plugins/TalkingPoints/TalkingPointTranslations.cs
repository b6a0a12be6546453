using CoalitionBot.Core.Localization;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The talking-point packs in <c>languages status</c>: how many of the shipped points each language has in its own words.</summary>
/// <remarks>A point a language adds with an id of its own is not counted: it translates nothing, so it cannot make a language "more complete".</remarks>
internal sealed class TalkingPointTranslations(ContentPack pack) : ITranslatedContent
{
    public string Name => "tp-points";

    public (int Translated, int Total) Completeness(string language)
    {
        var shipped = pack.Points.Where(p => !p.IsCustom && p.Texts.ContainsKey(LanguageCatalogs.English)).ToList();
        return (shipped.Count(p => p.Texts.ContainsKey(language)), shipped.Count);
    }
}
