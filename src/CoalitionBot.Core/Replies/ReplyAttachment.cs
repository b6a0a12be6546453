using System.Globalization;
using CoalitionBot.Core.Localization;

namespace CoalitionBot.Core.Replies;

/// <summary>An image that goes with a reply: its bytes, a file name and the alt text; adapters decide how the platform receives it.</summary>
/// <param name="Content">The encoded image (PNG).</param>
/// <param name="FileName">A safe file name ending in <c>.png</c>, like <c>map.png</c>; unique within one reply.</param>
/// <param name="AltText">A short description of the image for people who cannot see it, plain text.</param>
/// <param name="Language">The language of the image (a loaded language code such as <c>en</c>, <c>es</c> or <c>ht</c>), used for the adapter's notes about it.</param>
public sealed record ReplyAttachment(byte[] Content, string FileName, string AltText, string Language = "en")
{
    /// <summary>The longest alt text kept (Discord's attachment description limit).</summary>
    public const int AltTextLimit = 1024;

    /// <summary>The media type of <see cref="Content"/>.</summary>
    public const string ContentType = "image/png";

    /// <summary>The one line an adapter adds when the image could not be delivered; the text answer still stands.</summary>
    public string NotSentNotice(LanguageCatalogs languages) => languages.StringsFor(Language)["core.attachment.not-sent"].Value;

    /// <summary>The line an adapter adds when the image went to the person's direct messages instead of a private answer.</summary>
    public string SentToDirectMessagesNotice(LanguageCatalogs languages) => languages.StringsFor(Language)["core.attachment.sent-to-dm"].Value;

    /// <summary>The alt text cut to <paramref name="limit"/> characters.</summary>
    public string AltTextWithin(int limit = AltTextLimit) =>
        AltText.Length <= limit ? AltText : string.Concat(AltText.AsSpan(0, limit - 1), "…");

    /// <summary>The language code for a culture, as <see cref="Language"/> expects it (a command's <c>Context.Language</c> is the same).</summary>
    public static string LanguageOf(CultureInfo culture) => string.IsNullOrEmpty(culture?.Name) ? LanguageCatalogs.English : culture.Name;
}
