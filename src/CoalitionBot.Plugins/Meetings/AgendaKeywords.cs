using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Where a watched word was found in a text: the word as the watch lists it, and the span of the text it matched.</summary>
public sealed record KeywordHit(string Keyword, int Start, int Length);

/// <summary>The words an agenda watch looks for. Matching ignores case and accents and takes whole words only: "ICE" matches
/// "ICE detainers" but not "police"; a phrase matches its words in a row ("Immigration and Customs Enforcement", "287(g)").</summary>
public sealed partial class AgendaKeywords
{
    /// <summary>The default list, in English and Spanish.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "immigration", "immigrant", "immigrants", "ICE", "Immigration and Customs Enforcement", "287(g)", "detainer", "detainers",
        "sanctuary", "welcoming city", "deportation", "undocumented", "refugee", "refugees", "asylum",
        "inmigración", "inmigrante", "inmigrantes", "santuario", "ciudad acogedora", "deportación", "indocumentado", "indocumentados", "refugiados", "asilo",
    ];

    private readonly List<(string Keyword, string[] Words)> _phrases;

    private AgendaKeywords(IEnumerable<string> keywords)
    {
        _phrases = keywords.Select(k => (k, Fold(k).Select(w => w.Word).ToArray())).Where(p => p.Item2.Length > 0).ToList();
    }

    /// <summary>The watched words, as listed.</summary>
    public IReadOnlyList<string> Words => _phrases.Select(p => p.Keyword).ToList();

    /// <summary>Reads a keyword list (<c>|</c> or commas between words); null or empty means <see cref="Defaults"/>.</summary>
    public static AgendaKeywords? Parse(string? text, out CatalogText? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AgendaKeywords(Defaults);
        }

        var separator = text.Contains('|', StringComparison.Ordinal) ? '|' : ',';
        var words = text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('"', '“', '”')).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count == 0 || words.Any(w => !Fold(w).Any()))
        {
            error = new CatalogText("meetings.watch.bad-keywords");
            return null;
        }

        if (words.Count > 40 || words.Any(w => w.Length > 80))
        {
            error = new CatalogText("meetings.watch.too-many-keywords");
            return null;
        }

        return new AgendaKeywords(words);
    }

    /// <summary>The watch's stored keywords (null means the defaults).</summary>
    public static AgendaKeywords Of(string? stored) => Parse(stored, out _) ?? new AgendaKeywords(Defaults);

    /// <summary>The first watched word found in the text, with its place, or null.</summary>
    public KeywordHit? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var words = Fold(text).ToList();
        KeywordHit? best = null;
        foreach (var (keyword, phrase) in _phrases)
        {
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                if (!phrase.Select((w, j) => w == words[i + j].Word).All(same => same))
                {
                    continue;
                }

                var start = words[i].Start;
                var end = words[i + phrase.Length - 1].Start + words[i + phrase.Length - 1].Length;

                // 287(g): the closing parenthesis belongs to the match when the keyword has it.
                if (keyword.EndsWith(')') && end < text.Length && text[end] == ')')
                {
                    end++;
                }

                if (best is null || start < best.Start)
                {
                    best = new KeywordHit(keyword, start, end - start);
                }

                break;
            }
        }

        return best;
    }

    /// <summary>The text as markup with the hit in bold, everything else escaped.</summary>
    public static string Highlight(string text, KeywordHit hit)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hit);
        return Markup.Escape(text[..hit.Start]) + Markup.Bold(text.Substring(hit.Start, hit.Length)) + Markup.Escape(text[(hit.Start + hit.Length)..]);
    }

    /// <summary>The words of a text, lower case without accents (for forgiving name matching).</summary>
    public static string[] FoldedWords(string text) => Fold(text).Select(w => w.Word).ToArray();

    /// <summary>The words of a text, lower case without accents, with where each one is in the original.</summary>
    private static IEnumerable<(string Word, int Start, int Length)> Fold(string text)
    {
        foreach (Match match in WordPattern().Matches(text))
        {
            var decomposed = match.Value.ToLowerInvariant().Normalize(NormalizationForm.FormD);
            var folded = new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
            yield return (folded, match.Index, match.Length);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordPattern();
}
