using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CoalitionBot.Adapters;

/// <summary>Writes a JSON answer to an HTTP response as UTF-8 in one piece, with its length.</summary>
internal static class JsonAnswer
{
    /// <summary>Serializes <paramref name="body"/> straight to UTF-8 in a pooled buffer (no intermediate string) and sends it with a <c>Content-Length</c>.</summary>
    public static async Task WriteAsync(HttpResponse response, JsonNode body, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new RentedBuffer();
        Write(w => body.WriteTo(w), buffer);
        await WriteAsync(response, buffer.Written, contentType, cancellationToken);
    }

    /// <summary>Writes JSON with <paramref name="write"/> straight to UTF-8 in a pooled buffer and sends it with a <c>Content-Length</c>.</summary>
    public static async Task WriteAsync(HttpResponse response, Action<Utf8JsonWriter> write, string contentType, CancellationToken cancellationToken)
    {
        using var buffer = new RentedBuffer();
        Write(write, buffer);
        await WriteAsync(response, buffer.Written, contentType, cancellationToken);
    }

    /// <summary>What <paramref name="write"/> writes, as a JSON object to inspect or add fields to.</summary>
    public static JsonObject ToNode(Action<Utf8JsonWriter> write)
    {
        using var buffer = new RentedBuffer();
        Write(write, buffer);
        return JsonNode.Parse(buffer.Written.Span)!.AsObject();
    }

    /// <summary>Sends JSON already serialized, with its length.</summary>
    public static Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> json, string contentType, CancellationToken cancellationToken)
    {
        response.ContentType = contentType;
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, cancellationToken).AsTask();
    }

    /// <summary>The node as UTF-8 JSON in an array of its exact size.</summary>
    public static byte[] Serialize(JsonNode body)
    {
        using var buffer = new RentedBuffer();
        Write(w => body.WriteTo(w), buffer);
        return buffer.Written.ToArray();
    }

    // The answers go to Slack's and Discord's JSON parsers, never into HTML: text is written as UTF-8 as it is, escaping
    // only what JSON requires, instead of \uXXXX for every accent, curly quote and '<' (shorter, and cheaper to write).
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void Write(Action<Utf8JsonWriter> write, IBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer, Options);
        write(writer);
    }

    /// <summary>A growing buffer rented from the shared array pool and returned when disposed.</summary>
    private sealed class RentedBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(8192);
        private int _count;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _count);

        public void Advance(int count) => _count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_count);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_count);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);

        private void Ensure(int sizeHint)
        {
            if (_array.Length - _count >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _count + sizeHint));
            _array.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
    }
}
