using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Forgiving name matching: case, accents, punctuation and titles ("Council Member Ruiz" finds "Ana Ruiz") do not matter.</summary>
internal static class StakeholderNames
{
    // The titles that tell the kind of office; the others ("dr", "the honorable") only come off the name.
    private static readonly Dictionary<string, StakeholderKind> TitleKinds = new(StringComparer.Ordinal)
    {
        ["city council member"] = StakeholderKind.CityCouncilMember, ["council member"] = StakeholderKind.CityCouncilMember,
        ["councilmember"] = StakeholderKind.CityCouncilMember, ["councilwoman"] = StakeholderKind.CityCouncilMember,
        ["councilman"] = StakeholderKind.CityCouncilMember, ["councilor"] = StakeholderKind.CityCouncilMember,
        ["alderman"] = StakeholderKind.CityCouncilMember, ["alderwoman"] = StakeholderKind.CityCouncilMember, ["alder"] = StakeholderKind.CityCouncilMember,
        ["concejal"] = StakeholderKind.CityCouncilMember, ["concejala"] = StakeholderKind.CityCouncilMember,
        ["regidor"] = StakeholderKind.CityCouncilMember, ["regidora"] = StakeholderKind.CityCouncilMember, ["cm"] = StakeholderKind.CityCouncilMember,
        ["mayor"] = StakeholderKind.Mayor, ["alcalde"] = StakeholderKind.Mayor, ["alcaldesa"] = StakeholderKind.Mayor,
        ["county commissioner"] = StakeholderKind.CountyCommissioner, ["commissioner"] = StakeholderKind.CountyCommissioner,
        ["comisionado"] = StakeholderKind.CountyCommissioner, ["comisionada"] = StakeholderKind.CountyCommissioner,
        ["sheriff"] = StakeholderKind.Sheriff, ["alguacil"] = StakeholderKind.Sheriff,
        ["police chief"] = StakeholderKind.PoliceChief, ["chief"] = StakeholderKind.PoliceChief,
        ["jefe de policia"] = StakeholderKind.PoliceChief, ["jefa de policia"] = StakeholderKind.PoliceChief,
        ["district attorney"] = StakeholderKind.DistrictAttorney, ["da"] = StakeholderKind.DistrictAttorney, ["fiscal"] = StakeholderKind.DistrictAttorney,
        ["city attorney"] = StakeholderKind.CityAttorney,
        ["state senator"] = StakeholderKind.StateLegislator, ["senator"] = StakeholderKind.StateLegislator, ["sen"] = StakeholderKind.StateLegislator,
        ["state representative"] = StakeholderKind.StateLegislator, ["representative"] = StakeholderKind.StateLegislator,
        ["rep"] = StakeholderKind.StateLegislator, ["assemblymember"] = StakeholderKind.StateLegislator,
        ["senador"] = StakeholderKind.StateLegislator, ["senadora"] = StakeholderKind.StateLegislator,
        ["representante"] = StakeholderKind.StateLegislator,
    };

    /// <summary>Lowercase, without accents, punctuation as spaces, single spaces: "Ramírez-López, Ana" → "ramirez lopez ana".</summary>
    public static string Key(string? text) => PersonNames.Key(text);

    /// <summary>The key without leading titles ("council member ana ruiz" → "ana ruiz"), and the kind of office a title named.</summary>
    public static (string Core, StakeholderKind? Kind) StripTitles(string key)
    {
        var (core, titles) = PersonNames.StripTitles(key);
        foreach (var title in titles)
        {
            if (TitleKinds.TryGetValue(title, out var kind))
            {
                return (core, kind);
            }
        }

        return (core, null);
    }

    /// <summary>The stakeholders a name means: exact names first, then those whose name has every word, then word beginnings.</summary>
    public static IReadOnlyList<Stakeholder> Resolve(string query, IReadOnlyList<Stakeholder> all)
    {
        var key = Key(query);
        if (key.Length == 0)
        {
            return [];
        }

        var (core, kind) = StripTitles(key);
        var exact = all.Where(s => s.NameKey == key || StripTitles(s.NameKey).Core == core).ToList();
        if (exact.Count > 0)
        {
            return Narrow(exact, kind);
        }

        var words = core.Split(' ');
        var whole = all.Where(s => words.All(w => Words(s.NameKey).Contains(w))).ToList();
        if (whole.Count > 0)
        {
            return Narrow(whole, kind);
        }

        var prefix = all.Where(s => words.All(w => w.Length >= 3 && Words(s.NameKey).Any(n => n.StartsWith(w, StringComparison.Ordinal)))).ToList();
        return Narrow(prefix, kind);
    }

    /// <summary>Ranks stakeholders for <c>/stakeholder find</c>: every word must be found in the name, office, jurisdiction, kind, committees or tags (one typo forgiven in words of 4+ letters).</summary>
    public static IReadOnlyList<Stakeholder> Search(string query, IReadOnlyList<Stakeholder> all, Func<Stakeholder, string> kindLabels)
    {
        var words = StripTitles(Key(query)).Core.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        var scored = new List<(Stakeholder Stakeholder, int Score)>();
        foreach (var stakeholder in all)
        {
            var name = Words(stakeholder.NameKey);
            var other = Words(Key(string.Join(' ', stakeholder.Office, stakeholder.Jurisdiction, stakeholder.Committees, stakeholder.Tags, kindLabels(stakeholder))));
            var total = 0;
            foreach (var word in words)
            {
                var score = name.Contains(word) ? 6
                    : name.Any(n => n.StartsWith(word, StringComparison.Ordinal)) ? 4
                    : other.Contains(word) ? 3
                    : other.Any(n => n.StartsWith(word, StringComparison.Ordinal)) ? 2
                    : word.Length >= 4 && name.Any(n => IsOneTypo(word, n)) ? 1
                    : word.Length >= 4 && other.Any(n => IsOneTypo(word, n)) ? 1
                    : 0;
                if (score == 0)
                {
                    total = 0;
                    break;
                }

                total += score;
            }

            if (total > 0)
            {
                scored.Add((stakeholder, total));
            }
        }

        return scored.OrderByDescending(x => x.Score).ThenBy(x => x.Stakeholder.NameKey, StringComparer.Ordinal).Select(x => x.Stakeholder).ToList();
    }

    private static List<Stakeholder> Narrow(List<Stakeholder> found, StakeholderKind? kind)
    {
        if (found.Count > 1 && kind is { } k && found.Where(s => s.Kind == k).ToList() is { Count: > 0 } ofKind)
        {
            return ofKind;
        }

        return found;
    }

    /// <summary>True when <paramref name="word"/> is one of <paramref name="words"/>, forgiving one typo in words of 4+ letters ("sprinfield").</summary>
    public static bool HasWord(IReadOnlyCollection<string> words, string word) =>
        words.Contains(word) || (word.Length >= 4 && words.Any(n => IsOneTypo(word, n)));

    private static string[] Words(string key) => key.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One letter added, removed, changed, or two neighbours swapped.</summary>
    private static bool IsOneTypo(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return a[(i + 1)..] == b[(i + 1)..]
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..] == b[(i + 2)..]);
        }

        return a.Length > b.Length ? a[(i + 1)..] == b[i..] : a[i..] == b[(i + 1)..];
    }
}
