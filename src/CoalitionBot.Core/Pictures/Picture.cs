using System.Text;
using CoalitionBot.Core.Replies;
using SkiaSharp;

namespace CoalitionBot.Core.Pictures;

/// <summary>Draws a picture and encodes it as a PNG attachment: the small drawing kit plugins use, knowing nothing of platforms.</summary>
public static class Picture
{
    /// <summary>Draws on a white canvas of the given size and returns the PNG bytes.</summary>
    public static byte[] Png(int width, int height, Action<PictureCanvas> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        // Opaque: the PNG is written as RGB, a quarter fewer bytes to compress.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException("Skia could not create a drawing surface.");
        surface.Canvas.Clear(SKColors.White);
        using (var canvas = new PictureCanvas(surface.Canvas, width, height))
        {
            draw(canvas);
        }

        // Encoding, not drawing, took most of the time with Skia's encoder: see PngWriter.
        using var pixels = surface.PeekPixels();
        return PngWriter.Encode(pixels);
    }

    /// <summary>Draws a PNG and wraps it as a reply attachment.</summary>
    /// <param name="fileName">The file name, like <c>map.png</c>.</param>
    /// <param name="altText">A short description for people who cannot see it.</param>
    /// <param name="language">The language code of the words drawn (see <see cref="ReplyAttachment.LanguageOf"/>).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="draw">The drawing.</param>
    public static ReplyAttachment Attachment(string fileName, string altText, string language, int width, int height, Action<PictureCanvas> draw) =>
        new(Png(width, height, draw), fileName, altText, language);
}

/// <summary>A canvas with the embedded fonts: text that falls back to a second font per character, measured and cut to fit.</summary>
public sealed class PictureCanvas : IDisposable
{
    private readonly Dictionary<(SKTypeface Face, float Size, bool Bold), SKFont> _fonts = [];
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly List<string> _texts = [];

    internal PictureCanvas(SKCanvas canvas, int width, int height)
    {
        Canvas = canvas;
        Width = width;
        Height = height;
    }

    /// <summary>The Skia canvas, for shapes.</summary>
    public SKCanvas Canvas { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Every line of text drawn so far, as drawn (for checks: language, coverage).</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>A fill paint in the colour (reused: valid until the next call).</summary>
    public SKPaint Fill(SKColor color)
    {
        _fill.Color = color;
        return _fill;
    }

    /// <summary>A stroke paint in the colour and width (reused: valid until the next call).</summary>
    public SKPaint Stroke(SKColor color, float width)
    {
        _stroke.Color = color;
        _stroke.StrokeWidth = width;
        return _stroke;
    }

    /// <summary>The width the text takes when drawn (after <see cref="PictureFonts.Prepare"/>).</summary>
    public float Measure(string text, float size, bool bold = false)
    {
        var width = 0f;
        foreach (var (run, face) in Runs(PictureFonts.Prepare(text)))
        {
            width += Font(face, size, bold).MeasureText(run);
        }

        return width;
    }

    /// <summary>The text, cut with an ellipsis so it is at most <paramref name="maxWidth"/> wide.</summary>
    public string Fit(string text, float maxWidth, float size, bool bold = false)
    {
        var prepared = PictureFonts.Prepare(text);
        if (Measure(prepared, size, bold) <= maxWidth)
        {
            return prepared;
        }

        var runes = prepared.EnumerateRunes().ToList();
        int low = 0, high = runes.Count;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Measure(Join(runes, mid) + "…", size, bold) <= maxWidth)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low == 0 ? "…" : Join(runes, low).TrimEnd() + "…";
    }

    /// <summary>The text broken at spaces into at most <paramref name="maxLines"/> lines of <paramref name="maxWidth"/>; the last line is cut with an ellipsis if needed.</summary>
    public IReadOnlyList<string> Wrap(string text, float maxWidth, float size, int maxLines, bool bold = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        var words = new Queue<string>(PictureFonts.Prepare(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var lines = new List<string>();
        while (words.Count > 0)
        {
            if (lines.Count == maxLines - 1)
            {
                lines.Add(Fit(string.Join(' ', words), maxWidth, size, bold));
                break;
            }

            var line = words.Dequeue();
            while (words.Count > 0 && Measure(line + " " + words.Peek(), size, bold) <= maxWidth)
            {
                line += " " + words.Dequeue();
            }

            lines.Add(Fit(line, maxWidth, size, bold));
        }

        return lines;
    }

    /// <summary>Draws one line of text with its baseline at <paramref name="y"/>; returns its width.</summary>
    public float Text(string text, float x, float y, float size, SKColor color, bool bold = false, SKTextAlign align = SKTextAlign.Left)
    {
        var prepared = PictureFonts.Prepare(text);
        _texts.Add(prepared);
        var width = Measure(prepared, size, bold);
        var left = align switch
        {
            SKTextAlign.Center => x - (width / 2),
            SKTextAlign.Right => x - width,
            _ => x,
        };
        var paint = Fill(color);
        foreach (var (run, face) in Runs(prepared))
        {
            var font = Font(face, size, bold);
            Canvas.DrawText(run, left, y, SKTextAlign.Left, font, paint);
            left += font.MeasureText(run);
        }

        return width;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fill.Dispose();
        _stroke.Dispose();
    }

    private SKFont Font(SKTypeface face, float size, bool bold)
    {
        if (!_fonts.TryGetValue((face, size, bold), out var font))
        {
            font = new SKFont(face, size) { Embolden = bold, Subpixel = true, Edging = SKFontEdging.Antialias };
            _fonts[(face, size, bold)] = font;
        }

        return font;
    }

    // Consecutive characters that the same font draws.
    private static IEnumerable<(string Run, SKTypeface Face)> Runs(string prepared)
    {
        var run = new StringBuilder();
        SKTypeface? current = null;
        foreach (var rune in prepared.EnumerateRunes())
        {
            var face = PictureFonts.FaceFor(rune.Value) ?? PictureFonts.Primary;
            if (current is not null && face != current && run.Length > 0)
            {
                yield return (run.ToString(), current);
                run.Clear();
            }

            current = face;
            run.Append(rune.ToString());
        }

        if (run.Length > 0)
        {
            yield return (run.ToString(), current!);
        }
    }

    private static string Join(List<Rune> runes, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(runes[i].ToString());
        }

        return text.ToString();
    }
}

/// <summary>Colours that people with common colour-vision deficiencies can tell apart (Okabe–Ito), plus text greys.</summary>
public static class PicturePalette
{
    public static readonly SKColor Blue = new(0x00, 0x72, 0xB2);
    public static readonly SKColor SkyBlue = new(0x56, 0xB4, 0xE9);
    public static readonly SKColor Grey = new(0x99, 0x99, 0x99);
    public static readonly SKColor Orange = new(0xE6, 0x9F, 0x00);
    public static readonly SKColor Vermillion = new(0xD5, 0x5E, 0x00);
    public static readonly SKColor BluishGreen = new(0x00, 0x9E, 0x73);
    public static readonly SKColor ReddishPurple = new(0xCC, 0x79, 0xA7);
    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    public static readonly SKColor Muted = new(0x61, 0x61, 0x61);
    public static readonly SKColor Rule = new(0xD0, 0xD0, 0xD0);
    public static readonly SKColor Track = new(0xEC, 0xEC, 0xEC);

    /// <summary>The colour mixed with white: 0 is white, 1 the colour itself.</summary>
    public static SKColor Tint(SKColor color, float amount) => new(
        (byte)(255 - ((255 - color.Red) * amount)),
        (byte)(255 - ((255 - color.Green) * amount)),
        (byte)(255 - ((255 - color.Blue) * amount)));
}
