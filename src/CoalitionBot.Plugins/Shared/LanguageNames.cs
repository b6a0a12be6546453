using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Shared;

/// <summary>Reading a language someone typed (<c>es</c>, <c>español</c>, <c>ht</c>) and naming languages in answers.</summary>
internal static class LanguageNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = LanguageCatalogs.English,
        ["inglés"] = LanguageCatalogs.English,
        ["ingles"] = LanguageCatalogs.English,
        ["spanish"] = LanguageCatalogs.Spanish,
        ["español"] = LanguageCatalogs.Spanish,
        ["espanol"] = LanguageCatalogs.Spanish,
    };

    /// <summary>The loaded language <paramref name="typed"/> names (a code, or English/Spanish by name), or null.</summary>
    public static string? Resolve(LanguageCatalogs? languages, string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var word = typed.Trim();
        if (Words.TryGetValue(word, out var code))
        {
            return code;
        }

        return languages?.Match(word) is { } loaded && (string.Equals(loaded, word, StringComparison.OrdinalIgnoreCase) || word.StartsWith(loaded + "-", StringComparison.OrdinalIgnoreCase))
            ? loaded
            : null;
    }

    /// <summary>The codes people may choose, for error messages: <c>en, es, ht</c> (the pseudo-locale works but is not offered).</summary>
    public static string Offered(LanguageCatalogs? languages) =>
        string.Join(", ", languages?.Languages.Where(l => l != LanguageCatalogs.Pseudo) ?? [LanguageCatalogs.English, LanguageCatalogs.Spanish]);

    /// <summary>A language's name and code for the caller: <c>Spanish (es)</c>, <c>español (es)</c>, <c>Kreyòl ayisyen (ht)</c>.</summary>
    public static string WithCode(CommandContext context, string code) => code switch
    {
        LanguageCatalogs.English or LanguageCatalogs.Spanish => context.T($"coalition.language.name.{code}"),
        _ => context.T("coalition.language.name.other", new { name = OwnName(context.Languages, code), code }),
    };

    /// <summary>A language's name in itself (see <see cref="LanguageCatalogs.OwnName"/>), as markup.</summary>
    public static TrustedMarkup OwnName(LanguageCatalogs? languages, string code) =>
        new(languages?.OwnName(code) ?? LanguageCatalogs.SystemName(code));
}
