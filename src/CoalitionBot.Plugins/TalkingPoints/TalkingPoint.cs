using CoalitionBot.Core.Commands;

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

/// <summary>A language talking points are written in.</summary>
public enum PointLanguage
{
    [Choice("en", "english", "ingles", "inglés")]
    En,
    [Choice("es", "spanish", "espanol", "español")]
    Es,
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

/// <summary>A talking point with its texts in English and Spanish (the pack), or in the one language a coalition wrote it in.</summary>
public sealed record TalkingPoint
{
    /// <summary>The point's id: the pack file name, or the coalition point's slug.</summary>
    public required string Id { get; init; }

    public required PointKind Kind { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    public required IReadOnlyList<Audience> Audiences { get; init; }

    public DateOnly? Reviewed { get; init; }

    /// <summary>The texts by language; pack points have both.</summary>
    public required IReadOnlyDictionary<PointLanguage, PointText> Texts { get; init; }

    /// <summary>True for a point the coalition wrote itself (its text is user-supplied and escaped when shown).</summary>
    public bool IsCustom { get; init; }

    /// <summary>The coalition point's database id.</summary>
    public long? CustomId { get; init; }

    /// <summary>The text in the language asked for, or in the point's own language when it has only one.</summary>
    public (PointLanguage Language, PointText Text) In(PointLanguage language) =>
        Texts.TryGetValue(language, out var text) ? (language, text) : (Texts.Keys.First(), Texts.Values.First());
}
