using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>Who a talking point is written for.</summary>
public enum Audience
{
    [Choice("council", "concejo", "cabildo", "city-council", "commissioners", "comisionados", "officials", "funcionarios")]
    Council,
    [Choice("media", "medios", "prensa", "press", "reporters", "periodistas")]
    Media,
    [Choice("faith", "fe", "iglesia", "church", "congregation", "congregacion", "religious", "religiosos")]
    Faith,
    [Choice("business", "negocios", "empresas", "comercio", "employers", "empleadores")]
    Business,
    [Choice("police", "policia", "sheriff", "alguacil", "law-enforcement")]
    Police,
    [Choice("neighbors", "vecinos", "neighbours", "community", "comunidad", "residents", "residentes")]
    Neighbors,
}

/// <summary>A point makes a case; a rebuttal answers an objection.</summary>
public enum PointKind
{
    Point,
    Rebuttal,
}

/// <summary>One talking point in one language.</summary>
public sealed record PointText(
    string Title,
    string Summary,
    string? Details,
    string? Objection,
    string Source);

/// <summary>A talking point with its texts by language: English and Spanish for the shipped pack (plus any language a coalition's
/// languages folder translates it into), or the one language a coalition or a language folder wrote it in.</summary>
public sealed record TalkingPoint
{
    /// <summary>The point's id: the pack file name, or the coalition point's slug.</summary>
    public required string Id { get; init; }

    public required PointKind Kind { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    public required IReadOnlyList<Audience> Audiences { get; init; }

    public DateOnly? Reviewed { get; init; }

    /// <summary>The texts by language code (<c>en</c>, <c>es</c>, <c>ht</c>); shipped points have at least English and Spanish.</summary>
    public required IReadOnlyDictionary<string, PointText> Texts { get; init; }

    /// <summary>True for a point the coalition wrote itself (its text is user-supplied and escaped when shown).</summary>
    public bool IsCustom { get; init; }

    /// <summary>The coalition point's database id.</summary>
    public long? CustomId { get; init; }

    /// <summary>The text in the language asked for, else in English, else in the point's own language (a point written in one only):
    /// never nothing, so an added language gets its translated points and English for the rest.</summary>
    public (string Language, PointText Text) In(string language) =>
        Texts.TryGetValue(language, out var text) ? (language, text)
        : Texts.TryGetValue(LanguageCatalogs.English, out var english) ? (LanguageCatalogs.English, english)
        : Texts.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).First();
}
