using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>
/// A sentence of the meetings catalog chosen where the language is not known (a parser's error, a failed fetch): its key and
/// placeholder values, put into the reader's language where it is shown. <see cref="Stored"/> keeps one in a text column
/// (a feed's or a watch's last error) so that each reader still gets it in their own language.
/// </summary>
/// <param name="Key">The catalog key, like <c>meetings.repeat.unclear</c>.</param>
/// <param name="Arguments">The placeholder values (an anonymous object or a dictionary), or null.</param>
public sealed record CatalogText(string Key, object? Arguments = null)
{
    /// <summary>The sentence in <paramref name="strings"/>' language, as markup (placeholder values escaped).</summary>
    public string In(IStringLocalizer strings) => StoredText.In(Key, Arguments, strings);

    /// <summary>The sentence in <paramref name="strings"/>' language, to put into another sentence.</summary>
    public TrustedMarkup Markup(IStringLocalizer strings) => new(In(strings));

    /// <summary>The sentence as one line for a text column (<see cref="StoredText.Write"/>).</summary>
    public string Stored() => StoredText.Write(Key, Arguments);

    /// <summary>A sentence read back from <see cref="Stored"/>; any other text (an older English one) is shown as it is.</summary>
    public static CatalogText FromStored(string stored)
    {
        var (key, arguments) = StoredText.Read(stored);
        return new CatalogText(key, arguments);
    }
}
