using System.Text;
using CoalitionBot.Adapters.Discord;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;

namespace CoalitionBot.Adapters.Tests.Discord;

public sealed class DiscordSignatureTests : IDisposable
{
    private const string Timestamp = "1767225600";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1}""");
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private readonly DiscordSignature _signature;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1767225600));

    public DiscordSignatureTests() =>
        _signature = new DiscordSignature(Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), _clock);

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

    [Theory]
    [InlineData(-3600)]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(365 * 86400)]
    public void Verify_TimestampOutsideTheWindow_IsFalse(int offsetSeconds)
    {
        var stamp = (1767225600L + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        _signature.Verify(Sign(stamp, Body), stamp, Body).Should().BeFalse();
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(0)]
    [InlineData(300)]
    public void Verify_TimestampInsideTheWindow_IsTrue(int offsetSeconds)
    {
        var stamp = (1767225600L + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        _signature.Verify(Sign(stamp, Body), stamp, Body).Should().BeTrue();
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("-1767225600")]
    [InlineData("+1767225600")]
    [InlineData(" 1767225600")]
    [InlineData("1767225600.5")]
    [InlineData("99999999999999999999")]
    public void Verify_TimestampNotUnixSeconds_IsFalse(string stamp)
    {
        _signature.Verify(Sign(stamp, Body), stamp, Body).Should().BeFalse();
    }
}
