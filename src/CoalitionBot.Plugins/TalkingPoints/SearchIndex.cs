using System.Globalization;
using System.Text;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>A field of a document to search, with how much a match in it counts.</summary>
public sealed record SearchField(string Text, double Weight);

/// <summary>A document to index: a key and its weighted fields (in any mix of English and Spanish).</summary>
public sealed record SearchDocument(string Key, IReadOnlyList<SearchField> Fields);

/// <summary>An immutable, typo-tolerant full-text index for small collections (hundreds to a few thousand documents).</summary>
/// <remarks>
/// Text is folded (case, accents, punctuation: "287(g)" and "287g" meet), stop words in both languages dropped, and
/// each query word matches exact terms, terms it begins (4+ letters), and terms one typo away (two for long words,
/// counting a swap of neighbours as one). Scores are weighted TF-IDF, favouring documents that match every word.
/// </remarks>
public sealed class SearchIndex
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "its", "of", "on", "or",
        "that", "the", "this", "to", "was", "we", "what", "when", "why", "will", "with", "our", "their", "they", "about",
        "al", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "o", "para", "por", "que", "se", "su",
        "sus", "un", "una", "unos", "unas", "y", "como", "sobre", "nuestro", "nuestra", "esta", "este",
    };

    private readonly string[] _keys;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly string[] _sortedTerms;
    private readonly Dictionary<string, string[]> _deletions;
    private readonly Dictionary<string, double> _idf;

    /// <summary>Indexes the documents; with <paramref name="background"/>, words are weighed by how rare they are in both (a coalition's
    /// few points scored on the pack's scale), so the two indexes' scores can be compared.</summary>
    public SearchIndex(IEnumerable<SearchDocument> documents, SearchIndex? background = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var docs = documents.ToList();
        _keys = docs.Select(d => d.Key).ToArray();
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Count; i++)
        {
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var field in docs[i].Fields)
            {
                foreach (var term in Terms(field.Text))
                {
                    weights[term] = weights.GetValueOrDefault(term) + field.Weight;
                }
            }

            foreach (var (term, weight) in weights)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                // Repeats help, with diminishing returns.
                list.Add(new Posting(i, 1 + Math.Log(weight)));
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        var total = docs.Count + (background?.Count ?? 0);
        _idf = postings.ToDictionary(
            p => p.Key,
            p => Math.Log(1 + ((double)total / (p.Value.Count + (background?.DocumentFrequency(p.Key) ?? 0)))),
            StringComparer.Ordinal);
        _sortedTerms = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        _deletions = BuildDeletions(postings.Keys);
    }

    public int Count => _keys.Length;

    /// <summary>True when a folded search term (see <see cref="Terms"/>) occurs in some document.</summary>
    public bool Contains(string term) => _postings.ContainsKey(term);

    private int DocumentFrequency(string term) => _postings.TryGetValue(term, out var list) ? list.Length : 0;

    /// <summary>The best documents for a query, best first; an empty list when nothing matches.</summary>
    public IReadOnlyList<(string Key, double Score)> Search(string query, int max, Func<string, bool>? filter = null)
    {
        var words = Terms(query).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0 || max <= 0)
        {
            return [];
        }

        var scores = new Dictionary<int, (double Score, int Matched)>();
        foreach (var word in words)
        {
            var best = new Dictionary<int, double>();
            foreach (var (term, quality) in Candidates(word))
            {
                var idf = _idf[term];
                foreach (var posting in _postings[term])
                {
                    var score = quality * idf * posting.Weight;
                    if (score > best.GetValueOrDefault(posting.Document))
                    {
                        best[posting.Document] = score;
                    }
                }
            }

            foreach (var (document, score) in best)
            {
                var (total, matched) = scores.GetValueOrDefault(document);
                scores[document] = (total + score, matched + 1);
            }
        }

        return scores
            .Select(s => (Key: _keys[s.Key], Score: s.Value.Score * (0.4 + (0.6 * s.Value.Matched / words.Count))))
            .Where(s => filter is null || filter(s.Key))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>Folds text into search terms: lowercase, no accents, punctuation dropped, stop words removed; "287(g)" gives 287, g and 287g.</summary>
    public static IEnumerable<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var folded = Fold(text);
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split('-', StringSplitOptions.RemoveEmptyEntries);
            foreach (var part in parts)
            {
                if (part.Length >= 2 && !StopWords.Contains(part))
                {
                    yield return part;
                }
            }

            if (parts.Length > 1)
            {
                var joined = string.Concat(parts);
                if (joined.Length >= 3)
                {
                    yield return joined;
                }
            }
        }
    }

    /// <summary>Lowercases and removes accents; keeps letters and digits, joins words split by ( ) ' and marks others as separators.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is '(' or ')')
            {
                // 287(g) → 287-g, which also yields the joined 287g.
                builder.Append('-');
            }
            else if (c is '\'' or '’')
            {
                continue;
            }
            else
            {
                builder.Append(c == '-' ? '-' : ' ');
            }
        }

        return builder.ToString();
    }

    private IEnumerable<(string Term, double Quality)> Candidates(string word)
    {
        if (_postings.ContainsKey(word))
        {
            yield return (word, 1.0);
        }

        if (word.Length >= 4)
        {
            var start = Array.BinarySearch(_sortedTerms, word, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start + 1; i < _sortedTerms.Length && _sortedTerms[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                yield return (_sortedTerms[i], 0.85);
            }

            // Symmetric deletions (SymSpell): a term within the distance shares a deletion variant with the word.
            var maxDistance = MaxDistance(word);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variant in Deletions(word, maxDistance))
            {
                if (!_deletions.TryGetValue(variant, out var terms))
                {
                    continue;
                }

                foreach (var term in terms)
                {
                    if (!seen.Add(term) || term == word || term.StartsWith(word, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var distance = BoundedDistance(word, term, maxDistance);
                    if (distance <= maxDistance)
                    {
                        yield return (term, distance == 1 ? 0.75 : 0.5);
                    }
                }
            }
        }
    }

    private static int MaxDistance(string word) => word.Length >= 7 ? 2 : 1;

    private static Dictionary<string, string[]> BuildDeletions(IEnumerable<string> terms)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var term in terms.Where(t => t.Length >= 3 && t.Length <= 40))
        {
            foreach (var variant in Deletions(term, 2))
            {
                if (!map.TryGetValue(variant, out var list))
                {
                    map[variant] = list = [];
                }

                list.Add(term);
            }
        }

        return map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The word and every string made by deleting up to <paramref name="depth"/> of its characters.</summary>
    private static HashSet<string> Deletions(string word, int depth)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var level = 0; level < depth; level++)
        {
            var next = new List<string>();
            foreach (var item in frontier.Where(f => f.Length > 1))
            {
                for (var i = 0; i < item.Length; i++)
                {
                    var shorter = item.Remove(i, 1);
                    if (result.Add(shorter))
                    {
                        next.Add(shorter);
                    }
                }
            }

            frontier = next;
        }

        return result;
    }

    /// <summary>Optimal-string-alignment distance, giving up (returning max + 1) as soon as it must exceed <paramref name="max"/>.</summary>
    internal static int BoundedDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max || b.Length > 64)
        {
            return max + 1;
        }

        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var swap = previous2;
            previous2 = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    private readonly record struct Posting(int Document, double Weight);
}
