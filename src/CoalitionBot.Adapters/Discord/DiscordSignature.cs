using System.Text;
using NSec.Cryptography;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Checks Discord's Ed25519 signature over <c>X-Signature-Timestamp</c> + the raw request body.</summary>
public sealed class DiscordSignature
{
    private const int MaxTimestampLength = 32;
    private readonly PublicKey _key;

    public DiscordSignature(string publicKeyHex)
    {
        ArgumentNullException.ThrowIfNull(publicKeyHex);
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
    }

    /// <summary>True only for a well-formed, correct signature; missing or malformed headers are simply false.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is null || timestamp is null || signatureHex.Length != 128 || timestamp.Length is 0 or > MaxTimestampLength)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[64];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != 64)
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(timestampLength + body.Length);
        try
        {
            var message = rented.AsSpan(0, timestampLength + body.Length);
            Encoding.UTF8.GetBytes(timestamp, message);
            body.CopyTo(message[timestampLength..]);
            return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
