using System.Text;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>A word of command text: positional, or named (<c>due:friday</c>, <c>title:"Call Ruiz"</c>).</summary>
/// <param name="Value">The value, with quotes removed.</param>
/// <param name="Name">The option name for <c>name:value</c> words, else null.</param>
/// <param name="Raw">The word as typed, for error messages and for re-joining a remainder.</param>
/// <param name="Quoted">True when the value was quoted, so it is never read as a named option or a command word.</param>
public sealed record Token(string Value, string? Name, string Raw, bool Quoted);

/// <summary>Splits command text into words, honoring straight and curly quotes and <c>name:value</c> words.</summary>
public static class Tokenizer
{
    /// <summary>The longest command text the router reads, in UTF-16 characters: more than a person types (Slack sends a few thousand, Discord's options total at most 6,000).</summary>
    public const int MaxLength = 6000;

    /// <summary>Splits the text; an unclosed quote runs to the end of the text. Inside quotes <c>\"</c> is a quote and <c>\\</c> a backslash.</summary>
    public static IReadOnlyList<Token> Tokenize(string? text)
    {
        var tokens = new List<Token>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }

        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            if (IsOpenQuote(text[i]))
            {
                var value = ReadQuoted(text, ref i);
                tokens.Add(new Token(value, null, text[start..i], Quoted: true));
                continue;
            }

            tokens.Add(ReadWord(text, ref i));
        }

        return tokens;
    }

    private const int MaxOptionNameLength = 32;

    /// <summary>A bare word from <paramref name="i"/>, possibly name:value where the value may itself be quoted.</summary>
    private static Token ReadWord(string text, ref int i)
    {
        var start = i;

        // Whether the word so far could be an option name is kept up to date letter by letter, so a ':' costs O(1) and
        // the whole text is read in linear time (a word of many colons once took minutes).
        var word = new StringBuilder();
        string? name = null;
        var quotedValue = false;
        var nameSoFar = true;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            var c = text[i];
            if (c == ':' && name is null && word.Length > 0 && nameSoFar && !IsUrlScheme(text, i))
            {
                name = word.ToString();
                word.Clear();
                i++;
                if (i < text.Length && IsOpenQuote(text[i]))
                {
                    word.Append(ReadQuoted(text, ref i));
                    quotedValue = true;
                    break;
                }

                continue;
            }

            nameSoFar = nameSoFar && name is null && word.Length < MaxOptionNameLength
                && (word.Length == 0 ? char.IsLetter(c) : char.IsLetterOrDigit(c) || c is '-' or '_');
            word.Append(c);
            i++;
        }

        return new Token(word.ToString(), name, text[start..i], quotedValue);
    }

    // "https://…" and "mailto:…" are values, not options named https/mailto.
    private static bool IsUrlScheme(string text, int colon) =>
        (colon + 2 < text.Length && text[colon + 1] == '/' && text[colon + 2] == '/')
        || text.AsSpan(0, colon).EndsWith("mailto", StringComparison.OrdinalIgnoreCase);

    private static bool IsOpenQuote(char c) => c is '"' or '“' or '”' or '„' or '«';

    private static char CloseQuoteFor(char open) => open switch
    {
        '“' => '”',
        '„' => '“',
        '«' => '»',
        _ => open,
    };

    private static string ReadQuoted(string text, ref int i)
    {
        var close = CloseQuoteFor(text[i]);
        i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            // \" is a quote and \\ a backslash, so any text can be quoted, even one that ends with a backslash.
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == close || text[i + 1] == '"' || text[i + 1] == '\\'))
            {
                value.Append(text[i + 1]);
                i += 2;
                continue;
            }

            // Phones mix curly and straight quotes; accept either closing mark.
            if (c == close || c == '"' || (close == '”' && c == '“'))
            {
                i++;
                break;
            }

            value.Append(c);
            i++;
        }

        return value.ToString();
    }
}
