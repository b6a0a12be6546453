using System.Globalization;

namespace CoalitionBot.Core.Localization;

/// <summary>The CLDR plural categories a message can choose between.</summary>
public enum PluralCategory
{
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// <summary>
/// CLDR cardinal plural rules (unicode.org/cldr, plurals.xml) for the languages a coalition is likely to add: the category of
/// a number such as "1 person" / "2 people" in a language. A language not in the table uses English's rule.
/// </summary>
public static class PluralRules
{
    private static readonly Dictionary<string, Rule> Rules = Build();

    /// <summary>A rule: the number's operands in, its category out.</summary>
    private delegate PluralCategory Rule(Operands o);

    /// <summary>The category of <paramref name="number"/> in <paramref name="language"/> (a code like <c>es</c>, <c>pt-BR</c> or <c>ht</c>).</summary>
    public static PluralCategory Select(string language, decimal number) => RuleFor(language)(new Operands(number));

    /// <summary>The categories <paramref name="language"/> uses, <see cref="PluralCategory.Other"/> always among them.</summary>
    public static IReadOnlySet<PluralCategory> Categories(string language)
    {
        var rule = RuleFor(language);
        var found = new HashSet<PluralCategory> { PluralCategory.Other };
        foreach (var sample in Samples)
        {
            found.Add(rule(new Operands(sample)));
        }

        return found;
    }

    /// <summary>True when the language has its own row in the table (others follow English).</summary>
    public static bool IsKnown(string language) => Rules.ContainsKey(Primary(language)) || Rules.ContainsKey(language.ToLowerInvariant());

    private static readonly decimal[] Samples =
        [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 25, 100, 101, 102, 103, 111, 1000000, 0.5m, 1.5m, 2.5m];

    private static Rule RuleFor(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Rules.TryGetValue(language.ToLowerInvariant(), out var exact) ? exact
            : Rules.TryGetValue(Primary(language), out var primary) ? primary
            : Rules["en"];
    }

    private static string Primary(string language) => language.Split('-', '_')[0].ToLowerInvariant();

    private static Dictionary<string, Rule> Build()
    {
        var table = new Dictionary<string, Rule>(StringComparer.Ordinal);

        void Add(Rule rule, params string[] languages)
        {
            foreach (var language in languages)
            {
                table[language] = rule;
            }
        }

        // No plural forms: one word for every number.
        Add(_ => PluralCategory.Other, "ja", "ko", "zh", "vi", "th", "id", "ms", "lo", "my", "km", "yo", "ig", "jv", "wo", "ht", "hmn", "bo", "dz", "sah", "ses", "to");

        // one: i = 1 and v = 0.
        Add(o => o.I == 1 && o.V == 0 ? PluralCategory.One : PluralCategory.Other,
            "en", "de", "nl", "sv", "da", "nb", "nn", "no", "fi", "et", "ur", "sw", "gl", "fy", "ia", "io", "ji", "yi", "sc", "lij");

        // one: n = 1.
        Add(o => o.N == 1 ? PluralCategory.One : PluralCategory.Other,
            "so", "om", "el", "hu", "tr", "ne", "ps", "kk", "uz", "ka", "az", "ta", "te", "ml", "bg", "mn", "ky", "tk", "ug", "eu", "sq", "af", "ha", "ks", "ku", "mr", "or", "xh", "ee", "lg", "ny", "rw", "sn", "st", "tn", "ts", "ve", "nd", "nr", "ss", "ckb", "chr", "sd");

        // one: i = 0,1 (French, Brazilian Portuguese); many: millions ("un million de", "um milhão de").
        Add(o => o.I is 0 or 1 ? PluralCategory.One : Millions(o) ? PluralCategory.Many : PluralCategory.Other, "fr", "pt", "hy", "ff", "kab");

        // Spanish, Italian, Catalan, European Portuguese: one is exactly 1; many for millions ("un millón de personas").
        Add(o => o.N == 1 && o.V == 0 ? PluralCategory.One : Millions(o) ? PluralCategory.Many : PluralCategory.Other, "es", "it", "ca", "pt-pt");

        // one: i = 0 or n = 1.
        Add(o => o.I == 0 || o.N == 1 ? PluralCategory.One : PluralCategory.Other, "am", "fa", "hi", "bn", "gu", "kn", "zu", "as", "doi", "pcm");

        // one: n = 0..1 (Tigrinya, Lingala, Malagasy, Punjabi, Akan, Tigre).
        Add(o => o.N is 0 or 1 ? PluralCategory.One : PluralCategory.Other, "ti", "ln", "mg", "pa", "ak", "bho", "guw", "nso", "wa");

        // Filipino / Tagalog.
        Add(o => (o.V == 0 && (o.I is 1 or 2 or 3 || o.I % 10 is not (4 or 6 or 9))) || (o.V != 0 && o.F % 10 is not (4 or 6 or 9))
            ? PluralCategory.One : PluralCategory.Other, "fil", "tl");

        // East Slavic.
        Add(o => o.V != 0 ? PluralCategory.Other
            : o.I % 10 == 1 && o.I % 100 != 11 ? PluralCategory.One
            : o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14) ? PluralCategory.Few
            : PluralCategory.Many, "ru", "uk", "be");

        Add(o => o.V != 0 ? PluralCategory.Other
            : o.I == 1 ? PluralCategory.One
            : o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14) ? PluralCategory.Few
            : PluralCategory.Many, "pl");

        Add(o => o.V != 0 ? PluralCategory.Many : o.I == 1 ? PluralCategory.One : o.I is >= 2 and <= 4 ? PluralCategory.Few : PluralCategory.Other, "cs", "sk");

        // Bosnian, Croatian, Serbian.
        Add(o => (o.V == 0 && o.I % 10 == 1 && o.I % 100 != 11) || (o.F % 10 == 1 && o.F % 100 != 11) ? PluralCategory.One
            : (o.V == 0 && o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14)) || (o.F % 10 is >= 2 and <= 4 && o.F % 100 is not (>= 12 and <= 14)) ? PluralCategory.Few
            : PluralCategory.Other, "bs", "hr", "sr", "sh");

        Add(o => o.V != 0 ? PluralCategory.Few : o.N == 1 ? PluralCategory.One : o.N == 0 || o.N % 100 is >= 2 and <= 19 ? PluralCategory.Few : PluralCategory.Other, "ro", "mo");

        Add(o => o.N == 0 ? PluralCategory.Zero
            : o.N == 1 ? PluralCategory.One
            : o.N == 2 ? PluralCategory.Two
            : o.V == 0 && o.I % 100 is >= 3 and <= 10 ? PluralCategory.Few
            : o.V == 0 && o.I % 100 is >= 11 and <= 99 ? PluralCategory.Many
            : PluralCategory.Other, "ar", "ars");

        Add(o => (o.I == 1 && o.V == 0) || (o.I == 0 && o.V != 0) ? PluralCategory.One : o.I == 2 && o.V == 0 ? PluralCategory.Two : PluralCategory.Other, "he", "iw");

        Add(o => o.V != 0 ? PluralCategory.Other
            : o.I % 10 == 1 && o.I % 100 != 11 ? PluralCategory.One
            : o.I % 10 is >= 2 and <= 9 && o.I % 100 is not (>= 11 and <= 19) ? PluralCategory.Few
            : PluralCategory.Other, "lt");

        return table;
    }

    private static bool Millions(Operands o) => o.V == 0 && o.I != 0 && o.I % 1000000 == 0;

    /// <summary>CLDR's operands: n the absolute value, i its integer digits, v the count of visible fraction digits, f those digits.</summary>
    private readonly record struct Operands
    {
        public Operands(decimal number)
        {
            N = Math.Abs(number);
            I = (long)decimal.Truncate(N);
            var text = N.ToString(CultureInfo.InvariantCulture);
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            V = dot < 0 ? 0 : text.Length - dot - 1;
            F = dot < 0 ? 0 : long.Parse(text[(dot + 1)..], CultureInfo.InvariantCulture);
        }

        public decimal N { get; }

        public long I { get; }

        public int V { get; }

        public long F { get; }
    }
}
