using System.Globalization;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The Legistar bodies (council, committees) an agenda watch follows, as people type and see them.</summary>
internal static class LegistarBodies
{
    /// <summary>The bodies a typed list names, matched forgivingly (any case, accents ignored, the words of the name in any order), or
    /// null for every body; an unknown or ambiguous name is an error that lists what there is.</summary>
    public static (List<LegistarBody>? Bodies, CatalogText? Error) Choose(List<LegistarBody> all, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (null, null);
        }

        var chosen = new List<LegistarBody>();
        foreach (var choice in typed.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = AgendaKeywords.FoldedWords(choice);
            var named = all.Where(b => b.BodyName is not null).ToList();
            var exact = named.Where(b => AgendaKeywords.FoldedWords(b.BodyName!).SequenceEqual(words)).ToList();
            var found = exact.Count > 0 ? exact : named.Where(b => words.All(AgendaKeywords.FoldedWords(b.BodyName!).Contains)).ToList();
            if (found.Count > 1 && found.Count(b => b.BodyActiveFlag == 1) == 1)
            {
                found = found.Where(b => b.BodyActiveFlag == 1).ToList();
            }

            if (found.Count == 1)
            {
                chosen.Add(found[0]);
                continue;
            }

            var some = (found.Count > 1 ? found : named.Where(b => b.BodyActiveFlag == 1)).Select(b => b.BodyName!).Order(StringComparer.OrdinalIgnoreCase).Take(12).ToList();
            var list = string.Join(", ", some) + (some.Count == 12 ? ", …" : string.Empty);
            return (null, new CatalogText(found.Count > 1 ? "meetings.bodies.several" : "meetings.bodies.none", new { choice, list }));
        }

        return (chosen.DistinctBy(b => b.BodyId).ToList(), null);
    }

    /// <summary>The chosen bodies' ids as stored on the watch, or null for every body.</summary>
    public static string? Ids(List<LegistarBody>? chosen) =>
        chosen is null ? null : string.Join(',', chosen.Select(b => b.BodyId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The chosen bodies' names as stored on the watch, or null for every body.</summary>
    public static string? Names(List<LegistarBody>? chosen) =>
        chosen is null ? null : MeetingCards.Cut(string.Join('|', chosen.Select(b => b.BodyName)), 500);
}
