using System.Globalization;
using System.Text;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Localization;

/// <summary>
/// A catalog text with named placeholders a translator can move (<c>Set {set} of {total}</c>) and ICU-style plural choices
/// (<c>{count, plural, one {# row} other {# rows}}</c>, <c>#</c> being the number, <c>=0 {…}</c> an exact match), chosen by the
/// language's CLDR rule. Braces are always syntax: a text cannot show a literal brace.
/// </summary>
public sealed class MessageTemplate
{
    private readonly IReadOnlyList<Node> _nodes;

    private MessageTemplate(string text, IReadOnlyList<Node> nodes)
    {
        Text = text;
        _nodes = nodes;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(nodes, names);
        Placeholders = names;
    }

    /// <summary>The text as written in the catalog.</summary>
    public string Text { get; }

    /// <summary>The names of the placeholders and plural selectors the text uses.</summary>
    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>Parses a catalog text; a malformed one is reported with what is wrong and where.</summary>
    /// <exception cref="FormatException">Unbalanced braces, a bad placeholder name, or a plural without <c>other</c>.</exception>
    public static MessageTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var nodes = new Parser(text).ParseNodes(ref position, nested: false);
        return new MessageTemplate(text, nodes);
    }

    /// <summary>Parses a catalog text, or gives the problem.</summary>
    public static bool TryParse(string text, out MessageTemplate? template, out string? problem)
    {
        try
        {
            template = Parse(text);
            problem = null;
            return true;
        }
        catch (FormatException ex)
        {
            template = null;
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>The plural categories the text's choices name (for checking them against a language).</summary>
    public IReadOnlySet<string> PluralSelectors
    {
        get
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            CollectSelectors(_nodes, found);
            return found;
        }
    }

    /// <summary>Fills the placeholders. Values are escaped as markup unless they are <see cref="TrustedMarkup"/>; numbers use <paramref name="culture"/>.</summary>
    /// <exception cref="ArgumentException">A placeholder has no value (a bug in the caller, never a translator's mistake: those are rejected when catalogs load).</exception>
    public string Format(IReadOnlyDictionary<string, object?> arguments, CultureInfo culture, string language)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var builder = new StringBuilder(Text.Length + 32);
        Write(_nodes, builder, arguments, culture, language, pound: null);
        return builder.ToString();
    }

    /// <summary>The pseudo-localized form: every word accented and the whole wrapped in brackets; placeholders, plural syntax and `code` stay as they are.</summary>
    public MessageTemplate Pseudo()
    {
        var nodes = new List<Node> { new Literal("[") };
        nodes.AddRange(PseudoNodes(_nodes));
        nodes.Add(new Literal("]"));
        return new MessageTemplate(Text, nodes);
    }

    private static IEnumerable<Node> PseudoNodes(IEnumerable<Node> nodes) => nodes.Select(node => node switch
    {
        Literal literal => new Literal(PseudoText.Accent(literal.Value)),
        Plural plural => plural with { Cases = plural.Cases.ToDictionary(c => c.Key, c => (IReadOnlyList<Node>)PseudoNodes(c.Value).ToList(), StringComparer.Ordinal) },
        _ => node,
    });

    private static void Write(IReadOnlyList<Node> nodes, StringBuilder builder, IReadOnlyDictionary<string, object?> arguments, CultureInfo culture, string language, string? pound)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Literal literal:
                    builder.Append(literal.Value);
                    break;
                case Pound:
                    builder.Append(pound ?? "#");
                    break;
                case Argument argument:
                    builder.Append(Show(Value(arguments, argument.Name), culture));
                    break;
                case Plural plural:
                    var value = Value(arguments, plural.Name);
                    var number = ToNumber(value, plural.Name);
                    var exact = "=" + number.ToString(CultureInfo.InvariantCulture);
                    var category = PluralRules.Select(language, number).ToString().ToLowerInvariant();
                    var chosen = plural.Cases.GetValueOrDefault(exact) ?? plural.Cases.GetValueOrDefault(category) ?? plural.Cases["other"];
                    Write(chosen, builder, arguments, culture, language, Show(value, culture));
                    break;
            }
        }
    }

    private static object? Value(IReadOnlyDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value : throw new ArgumentException($"The text needs a value for {{{name}}}.", nameof(arguments));

    private static string Show(object? value, CultureInfo culture) => value switch
    {
        null => string.Empty,
        TrustedMarkup trusted => trusted.Value,
        IFormattable formattable => Markup.Escape(formattable.ToString(null, culture)),
        _ => Markup.Escape(Convert.ToString(value, culture)),
    };

    private static decimal ToNumber(object? value, string name) => value switch
    {
        int i => i,
        long l => l,
        decimal d => d,
        double d => (decimal)d,
        float f => (decimal)f,
        short s => s,
        byte b => b,
        uint u => u,
        ulong u => u,
        _ => throw new ArgumentException($"{{{name}}} chooses a plural form, so its value must be a number.", nameof(value)),
    };

    private static void Collect(IEnumerable<Node> nodes, ISet<string> names)
    {
        foreach (var node in nodes)
        {
            if (node is Argument argument)
            {
                names.Add(argument.Name);
            }
            else if (node is Plural plural)
            {
                names.Add(plural.Name);
                foreach (var branch in plural.Cases.Values)
                {
                    Collect(branch, names);
                }
            }
        }
    }

    private static void CollectSelectors(IEnumerable<Node> nodes, ISet<string> found)
    {
        foreach (var plural in nodes.OfType<Plural>())
        {
            foreach (var (selector, branch) in plural.Cases)
            {
                found.Add(selector);
                CollectSelectors(branch, found);
            }
        }
    }

    private abstract record Node;

    private sealed record Literal(string Value) : Node;

    private sealed record Argument(string Name) : Node;

    private sealed record Pound : Node;

    private sealed record Plural(string Name, IReadOnlyDictionary<string, IReadOnlyList<Node>> Cases) : Node;

    private readonly struct Parser(string text)
    {
        private static readonly HashSet<string> Categories = new(Enum.GetNames<PluralCategory>().Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);

        /// <summary>Reads nodes up to the end, or (nested) up to the '}' that closes a plural branch.</summary>
        public List<Node> ParseNodes(ref int position, bool nested)
        {
            var nodes = new List<Node>();
            var literal = new StringBuilder();

            void Flush()
            {
                if (literal.Length > 0)
                {
                    nodes.Add(new Literal(literal.ToString()));
                    literal.Clear();
                }
            }

            while (position < text.Length)
            {
                var c = text[position];
                if (c == '{')
                {
                    Flush();
                    nodes.Add(ParsePlaceholder(ref position));
                }
                else if (c == '}')
                {
                    if (!nested)
                    {
                        throw new FormatException($"a '}}' at {position + 1} closes nothing");
                    }

                    Flush();
                    return nodes;
                }
                else if (c == '#' && nested)
                {
                    Flush();
                    nodes.Add(new Pound());
                    position++;
                }
                else
                {
                    literal.Append(c);
                    position++;
                }
            }

            if (nested)
            {
                throw new FormatException("a plural choice is not closed with '}'");
            }

            Flush();
            return nodes;
        }

        private Node ParsePlaceholder(ref int position)
        {
            var start = position;
            position++;
            var name = ReadName(ref position);
            SkipSpaces(ref position);
            if (position < text.Length && text[position] == '}')
            {
                position++;
                return new Argument(name);
            }

            if (position >= text.Length || text[position] != ',')
            {
                throw new FormatException($"the placeholder at {start + 1} is not closed with '}}' (placeholders look like {{name}})");
            }

            position++;
            SkipSpaces(ref position);
            var kind = ReadName(ref position);
            if (kind != "plural")
            {
                throw new FormatException($"{{{name}, {kind}}} is not supported; only {{{name}, plural, one {{…}} other {{…}}}}");
            }

            SkipSpaces(ref position);
            if (position >= text.Length || text[position] != ',')
            {
                throw new FormatException($"{{{name}, plural …}} needs a ',' before its choices");
            }

            position++;
            var cases = new Dictionary<string, IReadOnlyList<Node>>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpaces(ref position);
                if (position >= text.Length)
                {
                    throw new FormatException($"{{{name}, plural …}} is not closed with '}}'");
                }

                if (text[position] == '}')
                {
                    position++;
                    break;
                }

                var selector = ReadSelector(ref position, name);
                SkipSpaces(ref position);
                if (position >= text.Length || text[position] != '{')
                {
                    throw new FormatException($"the plural choice \"{selector}\" of {{{name}}} needs its text in braces");
                }

                position++;
                var branch = ParseNodes(ref position, nested: true);
                position++;
                if (!cases.TryAdd(selector, branch))
                {
                    throw new FormatException($"the plural choice \"{selector}\" of {{{name}}} is given twice");
                }
            }

            if (!cases.ContainsKey("other"))
            {
                throw new FormatException($"the plural {{{name}}} needs an \"other\" choice");
            }

            return new Plural(name, cases);
        }

        private string ReadSelector(ref int position, string name)
        {
            if (text[position] == '=')
            {
                var start = position++;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    position++;
                }

                return position - start > 1 ? text[start..position] : throw new FormatException($"a plural choice of {{{name}}} has '=' without a number");
            }

            var selector = ReadName(ref position);
            return Categories.Contains(selector)
                ? selector
                : throw new FormatException($"\"{selector}\" is not a plural category (zero, one, two, few, many, other or =N)");
        }

        private string ReadName(ref int position)
        {
            SkipSpaces(ref position);
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            if (position == start || char.IsAsciiDigit(text[start]) && !text[start..position].All(char.IsAsciiDigit))
            {
                throw new FormatException($"a placeholder at {start + 1} has no valid name (letters, digits and '_', like {{name}})");
            }

            return text[start..position];
        }

        private void SkipSpaces(ref int position)
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
        }
    }
}

/// <summary>The accents of the pseudo-locale <c>qps-ploc</c>: readable, obviously not English, and longer, as real translations are.</summary>
internal static class PseudoText
{
    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Accented = "åƀçđéƒĝĥîĵķľɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";

    /// <summary>Accents the letters of <paramref name="text"/> except inside `code` spans (commands and examples are typed as they are).</summary>
    public static string Accent(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inCode = false;
        foreach (var c in text)
        {
            if (c == '`')
            {
                inCode = !inCode;
            }

            var index = inCode ? -1 : Plain.IndexOf(c, StringComparison.Ordinal);
            builder.Append(index < 0 ? c : Accented[index]);
        }

        return builder.ToString();
    }
}
