using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Verifies Slack's request signature: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the signing secret, inside a 5-minute window.</summary>
public sealed class SlackSignature
{
    /// <summary>How far a request's timestamp may be from now.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public SlackSignature(string signingSecret, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret);
        _clock = clock;
    }

    /// <summary>True when the signature is well-formed, matches the body, and the timestamp is fresh; compared in constant time.</summary>
    public bool IsValid(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (!HasFreshHeaders(timestamp, signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(timestamp!, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>True when both headers are there, the signature has its form and the timestamp is within <see cref="Window"/>: checked before a body is read.</summary>
    public bool HasFreshHeaders(string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || timestamp.Length > 12
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)Window.TotalSeconds)
        {
            return false;
        }

        // "v0=" + 64 lowercase hex digits.
        return signature is { Length: 67 } && signature.StartsWith("v0=", StringComparison.Ordinal);
    }

    /// <summary>The signature header value Slack would send for this body (used by tests and the benchmark to sign requests).</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[32];
        Compute(timestamp, body, hash);
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    private void Compute(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData("v0:"u8);
        Span<byte> stamp = stackalloc byte[Encoding.UTF8.GetMaxByteCount(timestamp.Length)];
        hmac.AppendData(stamp[..Encoding.UTF8.GetBytes(timestamp, stamp)]);
        hmac.AppendData(":"u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
