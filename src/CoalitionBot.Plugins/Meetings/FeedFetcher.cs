using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What fetching a feed gave: its text, "not modified", or why it failed (never with the URL's query, which may hold a token).</summary>
public sealed record FeedFetch(string? Text, bool NotModified, string? ETag, string? LastModified, CatalogText? Error)
{
    public bool Ok => Error is null;

    /// <summary>The HTTP status of a refused request, or null when no answer came.</summary>
    public int? Status { get; init; }

    /// <summary>The start (at most 4 KiB) of a refused request's body: APIs explain errors there.</summary>
    public string? ErrorBody { get; init; }

    public static FeedFetch Failed(CatalogText error) => new(null, false, null, null, error);
}

/// <summary>Fetches public iCalendar feeds: http/https only, with a timeout and a size cap, honoring ETag and Last-Modified, and refusing
/// hosts that resolve to loopback, private or link-local addresses unless allowed (so a feed link cannot probe the bot's own network).</summary>
public sealed class FeedFetcher(IHttpClientFactory clients, MeetingsSettings settings)
{
    public const string HttpClientName = "meetings-feeds";

    /// <summary>Checks that a typed feed address is an absolute http(s) URL; returns it, or null with a reason.</summary>
    public static Uri? ParseUrl(string text, out CatalogText? error)
    {
        error = null;

        // Slack sends links as <https://…> or <https://…|label>.
        var trimmed = text.Trim().TrimStart('<').TrimEnd('>');
        var bar = trimmed.IndexOf('|', StringComparison.Ordinal);
        if (bar > 0)
        {
            trimmed = trimmed[..bar];
        }

        if (trimmed.StartsWith("webcal://", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = "https://" + trimmed["webcal://".Length..];
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            error = new CatalogText("meetings.subscribe.not-http");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = new CatalogText("meetings.subscribe.credentials");
            return null;
        }

        return uri;
    }

    /// <summary>The address without its query or fragment, for logs and chat (feeds can carry tokens in the query).</summary>
    public static string Display(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(invalid address)";

    /// <summary>GETs the feed, conditionally when a previous ETag or Last-Modified is known; <paramref name="accept"/> replaces the
    /// iCalendar Accept header (the Legistar API answers JSON only when asked).</summary>
    public async Task<FeedFetch> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken, string? accept = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = Request(url, etag, lastModified, accept);
        var client = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedFetch(null, true, etag, lastModified, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                var explained = await ReadCappedAsync(response.Content, 4096, cancellationToken, truncate: true);
                return FeedFetch.Failed(new CatalogText("meetings.fetch.status", new { status = (int)response.StatusCode, reason = response.ReasonPhrase ?? response.StatusCode.ToString() })) with
                {
                    Status = (int)response.StatusCode,
                    ErrorBody = explained is null ? null : Encoding.UTF8.GetString(explained),
                };
            }

            if (response.Content.Headers.ContentLength > settings.FeedMaxBytes)
            {
                return TooLarge();
            }

            var bytes = await ReadCappedAsync(response.Content, settings.FeedMaxBytes, cancellationToken);
            if (bytes is null)
            {
                return TooLarge();
            }

            return new FeedFetch(EncodingOf(response.Content).GetString(bytes).TrimStart('\uFEFF'), false, response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"), null);
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            return FeedFetch.Failed(blocked.Reason);
        }
        catch (HttpRequestException ex)
        {
            return FeedFetch.Failed(Unreachable(ex.HttpRequestError));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FeedFetch.Failed(new CatalogText("meetings.fetch.timeout", new { seconds = (int)Math.Round(settings.FeedTimeout.TotalSeconds) }));
        }
    }

    /// <summary>The text <see cref="FetchAsync"/> gives for a body over the size cap.</summary>
    public const string TooLargeKey = "meetings.fetch.too-large";

    private FeedFetch TooLarge() => FeedFetch.Failed(new CatalogText(TooLargeKey, new { size = settings.FeedMaxBytes / 1024 }));

    /// <summary>A conditional GET: the feed only if it changed since the ETag or date the last answer gave.</summary>
    private static HttpRequestMessage Request(Uri url, string? etag, string? lastModified, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept ?? "text/calendar, text/plain;q=0.5, */*;q=0.1");
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    /// <summary>The charset the server named, else UTF-8 (iCalendar's own, and the answer to an unknown charset).</summary>
    private static Encoding EncodingOf(HttpContent content)
    {
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // Unknown charset: iCalendar is UTF-8 by definition.
            }
        }

        return Encoding.UTF8;
    }

    /// <summary>The handler behind the feed client: connects only to allowed addresses, checked after DNS resolution (so a rebinding name cannot slip through).</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateHosts) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),

        // A proxy would hide the real destination from the address check below.
        UseProxy = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateHosts, cancellationToken),
    };

    /// <summary>True for addresses a public feed may live on: not loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, multicast, reserved or unspecified.</summary>
    /// <remarks>
    /// An IPv6 address that carries an IPv4 address (IPv4-mapped and -compatible, SIIT, 6to4, NAT64, Teredo, ISATAP) is judged by the
    /// IPv4 address it reaches: <c>[::127.0.0.1]</c>, <c>[2002:7f00:1::]</c> and <c>[64:ff9b::127.0.0.1]</c> are the loopback, not the internet.
    /// </remarks>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var v6 = address.GetAddressBytes();
        var embedded = EmbeddedV4(v6);
        if (embedded.Count > 0)
        {
            return embedded.TrueForAll(IsPublicV4);
        }

        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
            || (v6[0] & 0xFE) == 0xFC                                          // fc00::/7 unique local
            || (v6[0] == 0xFE && (v6[1] & 0x80) == 0x80)                       // fe80::/10 link-local, fec0::/10 site-local
            || v6[0] == 0xFF                                                   // multicast
            || (v6[0] == 0x01 && v6[1] == 0x00 && v6.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0) // 100::/64 discard
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8) // 2001:db8::/32 documentation
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B && v6[4] == 0x00 && v6[5] == 0x01)); // 64:ff9b:1::/48 local NAT64
    }

    /// <summary>The IPv4 addresses an IPv6 address embeds and reaches; empty for a plain IPv6 address.</summary>
    internal static List<byte[]> EmbeddedV4(byte[] v6)
    {
        var found = new List<byte[]>();
        var zeros = v6.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0;
        if (zeros && v6[10] == 0xFF && v6[11] == 0xFF)
        {
            found.Add(v6[12..16]);                                            // ::ffff:a.b.c.d, IPv4-mapped
        }
        else if (v6.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && v6[8] == 0xFF && v6[9] == 0xFF && v6[10] == 0 && v6[11] == 0)
        {
            found.Add(v6[12..16]);                                            // ::ffff:0:a.b.c.d, SIIT
        }
        else if (zeros && v6[10] == 0 && v6[11] == 0 && v6.AsSpan(12).IndexOfAnyExcept((byte)0) >= 0 && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0 && v6[15] == 1))
        {
            found.Add(v6[12..16]);                                            // ::a.b.c.d, IPv4-compatible (not :: or ::1)
        }
        else if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            found.Add(v6[12..16]);                                            // 64:ff9b::a.b.c.d, NAT64
        }
        else if (v6[0] == 0x20 && v6[1] == 0x02)
        {
            found.Add(v6[2..6]);                                              // 2002:aabb:ccdd::, 6to4
        }
        else if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x00 && v6[3] == 0x00)
        {
            found.Add(v6[4..8]);                                              // Teredo server
            found.Add([(byte)~v6[12], (byte)~v6[13], (byte)~v6[14], (byte)~v6[15]]); // Teredo client, stored inverted
        }

        if ((v6[8] & 0xFD) == 0x00 && v6[9] == 0x00 && v6[10] == 0x5E && v6[11] == 0xFE)
        {
            found.Add(v6[12..16]);                                            // …:0:5efe:a.b.c.d, ISATAP
        }

        return found;
    }

    private static bool IsPublicV4(byte[] b) =>
        !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224
            || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) || (b[0] == 198 && b[1] is 18 or 19)
            || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateHosts, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivateHosts ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new FeedHostBlockedException(new CatalogText(addresses.Length == 0 ? "meetings.fetch.host-unresolved" : "meetings.fetch.host-private"));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int max, CancellationToken cancellationToken, bool truncate = false)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                if (truncate)
                {
                    buffer.Write(chunk, 0, (int)(max - buffer.Length));
                    return buffer.ToArray();
                }

                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static FeedHostBlockedException? FindBlocked(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is FeedHostBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }

    private static CatalogText Unreachable(HttpRequestError error) => error switch
    {
        HttpRequestError.Unknown => new CatalogText("meetings.fetch.unreachable"),
        HttpRequestError.NameResolutionError => new CatalogText("meetings.fetch.unreachable-name"),
        HttpRequestError.ConnectionError => new CatalogText("meetings.fetch.unreachable-refused"),
        HttpRequestError.SecureConnectionError => new CatalogText("meetings.fetch.unreachable-tls"),
        _ => new CatalogText("meetings.fetch.unreachable-other", new { detail = error.ToString() }),
    };
}

/// <summary>Thrown by the feed client's connect step when every address of the host is refused.</summary>
public sealed class FeedHostBlockedException : Exception
{
    private static readonly CatalogText PrivateHost = new("meetings.fetch.host-private");

    public FeedHostBlockedException()
        : this(PrivateHost)
    {
    }

    public FeedHostBlockedException(string message)
        : base(message) => Reason = PrivateHost;

    public FeedHostBlockedException(string message, Exception innerException)
        : base(message, innerException) => Reason = PrivateHost;

    public FeedHostBlockedException(CatalogText reason)
        : base($"the feed's host is refused ({reason?.Key})") => Reason = reason ?? PrivateHost;

    /// <summary>Why, for the person who gave the address: the host does not resolve, or it is private.</summary>
    public CatalogText Reason { get; }
}
