using System.Buffers.Binary;
using CoalitionBot.Core.Pictures;
using SkiaSharp;

namespace CoalitionBot.Plugins.Tests.Pictures;

/// <summary>The PNG writer's output decodes to exactly the pixels drawn, with valid chunks, and it refuses pixels it cannot write.</summary>
public class PngWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(257, 131)]
    public void Encode_DrawnPixels_DecodeToTheSamePixels(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var random = new Random(width * 1000 + height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Flat bands (Sub and Up both pay off somewhere) mixed with noise (neither does).
                bitmap.SetPixel(x, y, (x + y) % 5 == 0 ? new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) : new SKColor((byte)(x / 16 * 40), (byte)(y / 8 * 30), 200));
            }
        }

        using var pixels = bitmap.PeekPixels();
        var png = PngWriter.Encode(pixels);

        using var decoded = SKBitmap.Decode(png);
        decoded.Should().NotBeNull();
        decoded.Width.Should().Be(width);
        decoded.Height.Should().Be(height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                decoded.GetPixel(x, y).Should().Be(bitmap.GetPixel(x, y), $"pixel {x},{y}");
            }
        }
    }

    [Fact]
    public void Encode_Chunks_CarryTheirCrcAndRgbHeader()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(40, 30, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using var pixels = bitmap.PeekPixels();
        var png = PngWriter.Encode(pixels);

        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        var types = new List<string>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var typeAndData = png.AsSpan(offset + 4, length + 4);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            BitwiseCrc32(typeAndData).Should().Be(stored);
            types.Add(System.Text.Encoding.ASCII.GetString(typeAndData[..4]));
            offset += 12 + length;
        }

        types.Should().Equal("IHDR", "IDAT", "IEND");
        png[8 + 8 + 8].Should().Be(8, "8 bits per channel");
        png[8 + 8 + 9].Should().Be(2, "RGB, no alpha channel");
    }

    [Fact]
    public void Encode_NotRgba_Throws()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Gray8, SKAlphaType.Opaque));
        using var pixels = bitmap.PeekPixels();

        var act = () => PngWriter.Encode(pixels);

        act.Should().Throw<ArgumentException>();
    }

    // CRC-32 bit by bit (no table), as the PNG specification's appendix computes it.
    private static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
