using System.Text;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace CoalitionBot.Testing;

/// <summary>
/// Checks answers given under the pseudo-locale <c>qps-ploc</c>: text from a catalog shows as <c>[Åççéñţéð ţéẋţ]</c>, so any word
/// outside the brackets did not come from a catalog. What may stand outside is what nobody translates: the user data a test
/// names, mentions, `code` (commands as typed), punctuation and numbers.
/// </summary>
public static partial class PseudoLocale
{
    /// <summary>Fails when a visible text of the reply has words outside the pseudo-locale's brackets; returns how many texts it checked.</summary>
    /// <param name="reply">The answer.</param>
    /// <param name="what">What was done, for the failure message.</param>
    /// <param name="userData">Text the test typed or stored, which may show as it is.</param>
    public static int Check(TestReply reply, string what, IEnumerable<string> userData)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var texts = new List<string?> { reply.Reply.Title, reply.Reply.Text, reply.Reply.Footer };
        texts.AddRange(reply.Reply.Fields.SelectMany(f => new[] { f.Name, f.Value }));
        texts.AddRange(reply.Reply.Bullets);
        texts.AddRange(reply.Reply.Buttons.Select(b => b.Label));
        var checkedTexts = 0;
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            CheckText(text!, what, userData);
            checkedTexts++;
        }

        return checkedTexts;
    }

    /// <summary>Fails when <paramref name="text"/> has words outside the pseudo-locale's brackets.</summary>
    public static void CheckText(string text, string what, IEnumerable<string> userData)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outside = Outside(text);
        foreach (var data in userData ?? [])
        {
            outside = outside.Replace(data, " ", StringComparison.Ordinal);
        }

        outside = NotWords().Replace(outside, " ");
        Words().IsMatch(outside).Should().BeFalse($"{what} shows text that is not from a catalog: \"{Words().Match(outside).Value}\" in «{text}»");
    }

    /// <summary>The text with every bracketed (catalog) part taken out; escaped brackets (<c>\[</c>, user data) do not count.</summary>
    private static string Outside(string text)
    {
        var result = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (depth == 0)
                {
                    result.Append(text[i + 1]);
                }

                i++;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>What nobody translates: `code`, mentions (&lt;@U1&gt;, &lt;#C1&gt;, @ana, #council, @&amp;role) and numbers.</summary>
    [GeneratedRegex(@"`[^`]*`|<[@#][^>]*>|[@#]&?[\w.-]+|\d+")]
    private static partial Regex NotWords();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
