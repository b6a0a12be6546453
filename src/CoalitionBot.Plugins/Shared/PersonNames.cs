using System.Globalization;
using System.Text;

namespace CoalitionBot.Plugins.Shared;

/// <summary>How plugins compare people's names: case, accents, punctuation and leading titles ("Council Member Ruiz") do not matter.</summary>
public static class PersonNames
{
    // Titles people put before a name, normalized, longest first so "city council member" wins over "council member".
    private static readonly string[] Titles =
    [
        "city council member", "council member", "councilmember", "councilwoman", "councilman", "councilor",
        "alderman", "alderwoman", "alder", "concejal", "concejala", "regidor", "regidora", "cm",
        "mayor", "alcalde", "alcaldesa",
        "county commissioner", "commissioner", "comisionado", "comisionada",
        "sheriff", "alguacil",
        "police chief", "chief", "jefe de policia", "jefa de policia",
        "district attorney", "da", "fiscal", "city attorney",
        "state senator", "senator", "sen", "state representative", "representative", "rep", "assemblymember",
        "senador", "senadora", "representante",
        "the honorable", "honorable", "hon", "judge", "dr", "mr", "mrs", "ms",
        "sr", "sra", "srta", "don", "dona", "rev", "reverend", "pastor", "pastora",
        "father", "padre", "rabbi", "imam",
    ];

    /// <summary>Lowercase, without accents, punctuation as spaces, single spaces: "Ramírez-López, Ana" → "ramirez lopez ana".</summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A key without its leading titles ("the honorable mayor ana ruiz" → "ana ruiz"), and those titles in the order they came.</summary>
    public static (string Core, IReadOnlyList<string> Titles) StripTitles(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rest = key;
        List<string>? stripped = null;
        while (Titles.FirstOrDefault(t => rest.StartsWith(t + " ", StringComparison.Ordinal)) is { } title)
        {
            rest = rest[(title.Length + 1)..];
            (stripped ??= []).Add(title);
        }

        return (rest, stripped ?? (IReadOnlyList<string>)[]);
    }

    /// <summary>
    /// True when a text (a meeting title) names the person: their whole name without titles, or their last name when no
    /// one else in <paramref name="others"/> shares it ("1:1 with CM Ruiz" names Ana Ruiz unless there is also a Tomás Ruiz).
    /// </summary>
    public static bool NamedIn(string text, string name, IReadOnlyList<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var words = $" {Key(text)} ";
        var core = StripTitles(Key(name)).Core;
        if (core.Length == 0)
        {
            return false;
        }

        if (words.Contains($" {core} ", StringComparison.Ordinal))
        {
            return true;
        }

        var last = LastName(core);
        if (last.Length < 3 || !words.Contains($" {last} ", StringComparison.Ordinal))
        {
            return false;
        }

        return others.Count(o => LastName(StripTitles(Key(o)).Core) == last) <= 1;
    }

    private static string LastName(string core) => core.Split(' ')[^1];
}
