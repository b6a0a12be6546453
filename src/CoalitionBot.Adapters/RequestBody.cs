using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CoalitionBot.Adapters;

/// <summary>Reads a platform's request body within a size limit, before anything is parsed, for every endpoint that takes one.</summary>
internal static class RequestBody
{
    /// <summary>The body, at most <paramref name="maxBytes"/> long; null after answering 413 (too large) or 400 (cut short).</summary>
    /// <remarks>An announced length over the limit is refused without reading; a chunked body is read until it passes the limit and no further.</remarks>
    public static async Task<byte[]?> ReadAsync(HttpContext http, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength > maxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        if (http.Request.ContentLength is { } length)
        {
            // The usual case: the length is announced (and within the limit), so the body is read straight into an array of its size.
            var exact = new byte[length];
            var got = await http.Request.Body.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, http.RequestAborted);
            if (got < exact.Length)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            }

            return exact;
        }

        using var buffer = new MemoryStream(1024);
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}

/// <summary>Parses JSON that came from outside (HTTP bodies, WebSocket frames) into a document whose every string can be read.</summary>
/// <remarks>
/// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> accepts escapes such as <c>"\ud800"</c> (a lone UTF-16 surrogate)
/// and only fails later, when the string is read, far from any error handling. Every string and property name is decoded
/// once here, so malformed text is refused at the door with a short reason and nothing after it can trip on it.
/// </remarks>
public static class JsonInput
{
    /// <summary>The deepest nesting accepted; platform payloads nest a handful of levels.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>The parsed document, or null with a short reason (not JSON, too deep, malformed text).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8, out string? error)
    {
        error = null;
        if (!AllTextReadable(utf8.Span, out error))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return null;
        }
    }

    /// <summary>Parses JSON held as a string (a form field); lone surrogates in the string become U+FFFD like any bad text.</summary>
    public static JsonDocument? TryParse(string? text, out string? error) =>
        TryParse(Encoding.UTF8.GetBytes(text ?? string.Empty), out error);

    /// <summary>The root element, detached from the document, or null with a reason.</summary>
    public static JsonElement? TryParseElement(ReadOnlyMemory<byte> utf8, out string? error)
    {
        using var document = TryParse(utf8, out error);
        return document?.RootElement.Clone();
    }

    private static bool AllTextReadable(ReadOnlySpan<byte> utf8, out string? error)
    {
        error = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    // Only escaped text can hold a lone surrogate; raw UTF-8 is validated by the reader itself.
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? $"the JSON nests deeper than {MaxDepth} levels" : "the body is not JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = "the JSON holds malformed text (a lone UTF-16 surrogate)";
            return false;
        }
    }
}
