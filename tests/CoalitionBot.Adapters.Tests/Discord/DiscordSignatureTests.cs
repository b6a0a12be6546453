using System.Text;
using CoalitionBot.Adapters.Discord;
using NSec.Cryptography;

namespace CoalitionBot.Adapters.Tests.Discord;

public sealed class DiscordSignatureTests : IDisposable
{
    private const string Timestamp = "1767225600";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1}""");
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private readonly DiscordSignature _signature;

    public DiscordSignatureTests() =>
        _signature = new DiscordSignature(Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));

    public void Dispose() => _key.Dispose();

    private string Sign(string timestamp, byte[] body) =>
        Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(timestamp), .. body])).ToLowerInvariant();

    [Fact]
    public void Verify_CorrectSignature_IsTrue()
    {
        _signature.Verify(Sign(Timestamp, Body), Timestamp, Body).Should().BeTrue();
    }

    [Fact]
    public void Verify_UppercaseHex_IsTrue()
    {
        _signature.Verify(Sign(Timestamp, Body).ToUpperInvariant(), Timestamp, Body).Should().BeTrue();
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_IsFalse()
    {
        var signature = Sign(Timestamp, Body);
        var changed = Encoding.UTF8.GetBytes("""{"type":2}""");

        _signature.Verify(signature, Timestamp, changed).Should().BeFalse();
    }

    [Fact]
    public void Verify_OtherTimestamp_IsFalse()
    {
        _signature.Verify(Sign(Timestamp, Body), "1767225601", Body).Should().BeFalse();
    }

    [Fact]
    public void Verify_SignedByAnotherKey_IsFalse()
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(other, [.. Encoding.UTF8.GetBytes(Timestamp), .. Body]));

        _signature.Verify(signature, Timestamp, Body).Should().BeFalse();
    }

    [Theory]
    [InlineData(null, Timestamp)]
    [InlineData("", Timestamp)]
    [InlineData("abc", Timestamp)]
    [InlineData("VALID", null)]
    [InlineData("VALID", "")]
    [InlineData("NOTHEX", Timestamp)]
    public void Verify_MissingOrMalformed_IsFalse(string? signature, string? timestamp)
    {
        var valid = Sign(Timestamp, Body);
        signature = signature switch
        {
            "VALID" => valid,
            "NOTHEX" => "zz" + valid[2..],
            _ => signature,
        };

        _signature.Verify(signature, timestamp, Body).Should().BeFalse();
    }
}
