using System.Globalization;
using System.Text.Json.Serialization;

namespace CoalitionBot.Core.Replies;

/// <summary>An image that goes with a reply: its bytes, a file name and the alt text; adapters decide how the platform receives it.</summary>
/// <param name="Content">The encoded image (PNG).</param>
/// <param name="FileName">A safe file name ending in <c>.png</c>, like <c>map.png</c>; unique within one reply.</param>
/// <param name="AltText">A short description of the image for people who cannot see it, plain text.</param>
/// <param name="Language"><c>en</c> or <c>es</c>: the language of the image, used for the adapter's notes about it.</param>
public sealed record ReplyAttachment(byte[] Content, string FileName, string AltText, string Language = "en")
{
    /// <summary>The longest alt text kept (Discord's attachment description limit).</summary>
    public const int AltTextLimit = 1024;

    /// <summary>The media type of <see cref="Content"/>.</summary>
    public const string ContentType = "image/png";

    private bool Spanish => Language.StartsWith("es", StringComparison.OrdinalIgnoreCase);

    /// <summary>The one line an adapter adds when the image could not be delivered; the text answer still stands.</summary>
    [JsonIgnore]
    public string NotSentNotice => Spanish
        ? "(No se pudo enviar la imagen; la respuesta de texto está completa.)"
        : "(The image could not be sent; the text answer is complete.)";

    /// <summary>The line an adapter adds when the image went to the person's direct messages instead of a private answer.</summary>
    [JsonIgnore]
    public string SentToDirectMessagesNotice => Spanish
        ? "(La imagen le llegó por mensaje directo.)"
        : "(The image was sent to you as a direct message.)";

    /// <summary>The alt text cut to <paramref name="limit"/> characters.</summary>
    public string AltTextWithin(int limit = AltTextLimit) =>
        AltText.Length <= limit ? AltText : string.Concat(AltText.AsSpan(0, limit - 1), "…");

    /// <summary>The language code for a culture, as <see cref="Language"/> expects it.</summary>
    public static string LanguageOf(CultureInfo culture) => culture?.TwoLetterISOLanguageName == "es" ? "es" : "en";
}
