using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>What fetching a feed gave: its text, "not modified", or why it failed (never with the URL's query, which may hold a token).</summary>
public sealed record FeedFetch(string? Text, bool NotModified, string? ETag, string? LastModified, string? Error)
{
    public bool Ok => Error is null;

    /// <summary>The HTTP status of a refused request, or null when no answer came.</summary>
    public int? Status { get; init; }

    /// <summary>The start (at most 4 KiB) of a refused request's body: APIs explain errors there.</summary>
    public string? ErrorBody { get; init; }

    public static FeedFetch Failed(string error) => new(null, false, null, null, error);
}

/// <summary>Fetches public iCalendar feeds: http/https only, with a timeout and a size cap, honoring ETag and Last-Modified, and refusing
/// hosts that resolve to loopback, private or link-local addresses unless allowed (so a feed link cannot probe the bot's own network).</summary>
public sealed class FeedFetcher(IHttpClientFactory clients, MeetingsSettings settings)
{
    public const string HttpClientName = "meetings-feeds";

    /// <summary>Checks that a typed feed address is an absolute http(s) URL; returns it, or null with a reason.</summary>
    public static Uri? ParseUrl(string text, out string? error)
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
            error = "not an http(s) link";
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "links with a user name or password are not accepted";
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
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept ?? "text/calendar, text/plain;q=0.5, */*;q=0.1");
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

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
                return FeedFetch.Failed($"the server answered {(int)response.StatusCode} ({response.ReasonPhrase ?? response.StatusCode.ToString()})") with
                {
                    Status = (int)response.StatusCode,
                    ErrorBody = explained is null ? null : Encoding.UTF8.GetString(explained),
                };
            }

            if (response.Content.Headers.ContentLength > settings.FeedMaxBytes)
            {
                return FeedFetch.Failed($"the feed is larger than {settings.FeedMaxBytes / 1024} KiB");
            }

            var bytes = await ReadCappedAsync(response.Content, settings.FeedMaxBytes, cancellationToken);
            if (bytes is null)
            {
                return FeedFetch.Failed($"the feed is larger than {settings.FeedMaxBytes / 1024} KiB");
            }

            var encoding = Encoding.UTF8;
            if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset.Trim('"'));
                }
                catch (ArgumentException)
                {
                    // Unknown charset: iCalendar is UTF-8 by definition.
                }
            }

            return new FeedFetch(encoding.GetString(bytes).TrimStart('\uFEFF'), false, response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"), null);
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            return FeedFetch.Failed(blocked.Message);
        }
        catch (HttpRequestException ex)
        {
            return FeedFetch.Failed("could not reach the server" + (ex.HttpRequestError == HttpRequestError.Unknown ? string.Empty : $" ({Describe(ex.HttpRequestError)})"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FeedFetch.Failed($"no answer within {settings.FeedTimeout.TotalSeconds:0} s");
        }
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

    /// <summary>True for addresses a public feed may live on: not loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
        }

        var v6 = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC);
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateHosts, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowPrivateHosts ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new FeedHostBlockedException(addresses.Length == 0
                ? "the host name does not resolve"
                : "the host is on a private or local network; feeds must be public (an admin can allow private hosts with the allowPrivateFeedHosts setting)");
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

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.ConnectionError => "connection refused or unreachable",
        HttpRequestError.SecureConnectionError => "TLS failed",
        _ => error.ToString(),
    };
}

/// <summary>Thrown by the feed client's connect step when every address of the host is refused.</summary>
public sealed class FeedHostBlockedException : Exception
{
    public FeedHostBlockedException()
    {
    }

    public FeedHostBlockedException(string message)
        : base(message)
    {
    }

    public FeedHostBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
