using System.Text;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Replies;
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
        return Check(reply.Reply, what, userData);
    }

    /// <summary>As <see cref="Check(TestReply, string, IEnumerable{string})"/>, for a message the bot sent on its own (a direct message, a reminder, a digest).</summary>
    public static int Check(Reply reply, string what, IEnumerable<string> userData)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var data = userData?.ToList() ?? [];
        var texts = new List<string?> { reply.Title, reply.Text, reply.Footer };
        texts.AddRange(reply.Fields.SelectMany(f => new[] { f.Name, f.Value }));
        texts.AddRange(reply.Bullets);
        texts.AddRange(reply.Buttons.Select(b => b.Label));
        texts.AddRange(reply.Attachments.Select(a => a.AltText));
        var checkedTexts = 0;
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            CheckText(text!, what, data);
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

        // A word with no plain letter is pseudo-locale text that became data (a template seat's name, stored and then shown
        // escaped like any name): it came from a catalog. Hard-coded English or Spanish always has plain letters.
        var hardCoded = Words().Matches(outside).FirstOrDefault(m => m.Value.Any(char.IsAsciiLetter));
        hardCoded.Should().BeNull($"{what} shows text that is not from a catalog: \"{hardCoded?.Value}\" in «{text}»");
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
