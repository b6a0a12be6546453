using System.Globalization;
using System.Text;
using SkiaSharp;

namespace CoalitionBot.Core.Pictures;

/// <summary>The embedded, open-licensed fonts every picture draws with: Noto Sans first, DejaVu Sans for the glyphs Noto lacks.</summary>
/// <remarks>No system font or fontconfig is used, so a picture looks the same on every machine. Both fonts cover Latin with Spanish and Vietnamese diacritics.</remarks>
public static class PictureFonts
{
    /// <summary>Drawn instead of a character that neither font has, so no empty box ever appears.</summary>
    public const char Replacement = '?';

    private static readonly Lazy<SKTypeface> PrimaryFace = new(() => Load("NotoSans-Regular.ttf"));
    private static readonly Lazy<SKTypeface> FallbackFace = new(() => Load("DejaVuSans.ttf"));

    // Fonts only to ask which glyphs a face has (Skia's const queries, safe from any thread).
    private static readonly Lazy<SKFont> PrimaryProbe = new(() => new SKFont(Primary));
    private static readonly Lazy<SKFont> FallbackProbe = new(() => new SKFont(Fallback));

    /// <summary>The font most text is drawn in (Noto Sans).</summary>
    public static SKTypeface Primary => PrimaryFace.Value;

    /// <summary>The font for characters the primary font lacks (DejaVu Sans).</summary>
    public static SKTypeface Fallback => FallbackFace.Value;

    /// <summary>The embedded font that has a glyph for the code point, or null when none has.</summary>
    public static SKTypeface? FaceFor(int codePoint)
    {
        if (PrimaryProbe.Value.ContainsGlyph(codePoint))
        {
            return Primary;
        }

        return FallbackProbe.Value.ContainsGlyph(codePoint) ? Fallback : null;
    }

    /// <summary>Text made ready to draw: composed (NFC, so Vietnamese marks sit on their letters), control characters as spaces, and characters no embedded font has replaced by <see cref="Replacement"/>.</summary>
    public static string Prepare(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(composed.Length);
        foreach (var rune in composed.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                result.Append(' ');
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                // Joiners and direction marks have no glyph to draw.
            }
            else if (FaceFor(rune.Value) is null)
            {
                result.Append(Replacement);
            }
            else
            {
                result.Append(rune.ToString());
            }
        }

        return result.ToString();
    }

    /// <summary>True when every character of the text has a glyph in an embedded font (after <see cref="Prepare"/>, always).</summary>
    public static bool Covers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rune in text.EnumerateRunes())
        {
            if (FaceFor(rune.Value) is null)
            {
                return false;
            }
        }

        return true;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(PictureFonts).Assembly.GetManifestResourceStream("CoalitionBot.Fonts." + file)
            ?? throw new InvalidOperationException($"The embedded font {file} is missing from the build.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The embedded font {file} could not be read.");
    }
}
