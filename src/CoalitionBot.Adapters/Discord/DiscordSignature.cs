using System.Text;
using NSec.Cryptography;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Checks Discord's Ed25519 signature over <c>X-Signature-Timestamp</c> + the raw request body, and that the timestamp is recent.</summary>
/// <remarks>
/// Discord's timestamp is Unix seconds. One outside <see cref="Window"/> of now is refused like a bad signature, so a captured
/// interaction cannot be replayed later (after the in-memory duplicate records are gone, for example after a restart).
/// </remarks>
public sealed class DiscordSignature
{
    /// <summary>How far a request's timestamp may be from now (the same window as Slack's).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int MaxTimestampLength = 12;
    private readonly PublicKey _key;
    private readonly TimeProvider _clock;

    public DiscordSignature(string publicKeyHex, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(publicKeyHex);
        ArgumentNullException.ThrowIfNull(clock);
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
        _clock = clock;
    }

    /// <summary>True when both headers are there, the signature is 128 hex characters and the timestamp is Unix seconds within <see cref="Window"/>: checked before the body is read.</summary>
    public bool HasFreshHeaders(string? signatureHex, string? timestamp)
    {
        if (signatureHex is not { Length: 128 } || timestamp is null || timestamp.Length is 0 or > MaxTimestampLength
            || !long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        return Math.Abs(_clock.GetUtcNow().ToUnixTimeSeconds() - seconds) <= (long)Window.TotalSeconds;
    }

    /// <summary>True only for a fresh, well-formed, correct signature; missing, stale or malformed headers are simply false.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (!HasFreshHeaders(signatureHex, timestamp))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[64];
        if (Convert.FromHexString(signatureHex!, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != 64)
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp!);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(timestampLength + body.Length);
        try
        {
            var message = rented.AsSpan(0, timestampLength + body.Length);
            Encoding.UTF8.GetBytes(timestamp!, message);
            body.CopyTo(message[timestampLength..]);
            return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
