using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace CoalitionBot.Core.Pictures;

/// <summary>Writes an opaque picture as an 8-bit RGB PNG, fast enough to answer a chat command at once.</summary>
/// <remarks>
/// Skia's encoder (its own zlib, every row tried with each filter) took 60–250 ms for a 1200×880 chart on a loaded
/// two-core machine, more than all the drawing. Charts are flat colours: each row is filtered with whichever of Sub or Up
/// leaves the smaller sum (the usual PNG heuristic, on two filters only) and compressed by .NET's zlib-ng at a low level,
/// which keeps the file small at a fraction of the time.
/// </remarks>
public static class PngWriter
{
    /// <summary>zlib level: 2 keeps a 60-person map near 100 KB in a few milliseconds; higher levels cost more than they save.</summary>
    private const int Level = 2;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The PNG bytes of an opaque RGBA (8 bits a channel) pixmap; alpha is dropped.</summary>
    public static byte[] Encode(SKPixmap pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.ColorType != SKColorType.Rgba8888 || pixels.BytesPerPixel != 4)
        {
            throw new ArgumentException("Only RGBA 8888 pixels can be written.", nameof(pixels));
        }

        var width = pixels.Width;
        var height = pixels.Height;
        var source = pixels.GetPixelSpan();
        var rowBytes = pixels.RowBytes;
        var stride = width * 3;

        using var output = new MemoryStream(64 * 1024);
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // not interlaced
        Chunk(output, "IHDR"u8, header);

        var pool = ArrayPool<byte>.Shared;
        var previous = pool.Rent(stride);
        var current = pool.Rent(stride);
        var sub = pool.Rent(stride + 1);
        var up = pool.Rent(stride + 1);
        try
        {
            using var compressed = new MemoryStream(64 * 1024);
            using (var zlib = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true))
            {
                Array.Clear(previous, 0, stride);
                for (var y = 0; y < height; y++)
                {
                    var row = source.Slice(y * rowBytes, width * 4);
                    for (int x = 0, o = 0; x < width; x++, o += 3)
                    {
                        current[o] = row[x * 4];
                        current[o + 1] = row[(x * 4) + 1];
                        current[o + 2] = row[(x * 4) + 2];
                    }

                    var subScore = Filter(current, previous, stride, sub, up, out var upScore);
                    zlib.Write(subScore <= upScore ? sub.AsSpan(0, stride + 1) : up.AsSpan(0, stride + 1));
                    (previous, current) = (current, previous);
                }
            }

            Chunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        finally
        {
            pool.Return(previous);
            pool.Return(current);
            pool.Return(sub);
            pool.Return(up);
        }

        Chunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>The CRC-32 that PNG chunks carry (ISO 3309, as in zlib).</summary>
    private static uint Crc(ReadOnlySpan<byte> data, uint crc = 0xFFFFFFFF)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    // Both filtered rows (each led by its filter byte) and their sums of absolute values (bytes read as signed).
    private static int Filter(byte[] current, byte[] previous, int stride, byte[] sub, byte[] up, out int upScore)
    {
        sub[0] = 1;
        up[0] = 2;
        var subScore = 0;
        upScore = 0;
        for (var i = 0; i < stride; i++)
        {
            var s = (byte)(current[i] - (i >= 3 ? current[i - 3] : 0));
            var u = (byte)(current[i] - previous[i]);
            sub[i + 1] = s;
            up[i + 1] = u;
            subScore += s < 128 ? s : 256 - s;
            upScore += u < 128 ? u : 256 - u;
        }

        return subScore;
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~Crc(data, Crc(type)));
        output.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
