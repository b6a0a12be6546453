using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>
/// A sentence of the meetings catalog chosen where the language is not known (a parser's error): its key and placeholder values,
/// put into the reader's language where it is shown.
/// </summary>
/// <param name="Key">The catalog key, like <c>meetings.repeat.unclear</c>.</param>
/// <param name="Arguments">The placeholder values (an anonymous object), or null.</param>
public sealed record CatalogText(string Key, object? Arguments = null)
{
    /// <summary>The sentence in <paramref name="strings"/>' language, as markup (placeholder values escaped).</summary>
    public string In(IStringLocalizer strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        return Arguments is null ? strings[Key].Value : strings[Key, Arguments].Value;
    }
}
