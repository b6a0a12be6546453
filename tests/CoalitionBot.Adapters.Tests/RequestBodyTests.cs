using System.Globalization;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests;

/// <summary>Every endpoint bounds a body before buffering it, and turns away a request without fresh signature headers before reading any of it.</summary>
public class RequestBodyTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(null, null)]
    [InlineData("VALID", null)]
    [InlineData("VALID", "hello")]
    [InlineData("VALID", "STALE")]
    [InlineData("short", "NOW")]
    public async Task DiscordHandle_WithoutFreshSignatureHeaders_Answers401WithoutReadingTheBody(string? signature, string? timestamp)
    {
        var http = Request(new CountingStream(30 << 20), signature switch { "VALID" => new string('a', 128), _ => signature }, timestamp switch
        {
            "NOW" => Now(0),
            "STALE" => Now(-3600),
            _ => timestamp,
        }, "X-Signature-Ed25519", "X-Signature-Timestamp");

        await DiscordServices.HandleAsync(http, new DiscordSignature(new string('0', 64), _clock), null!, null!);

        http.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        ((CountingStream)http.Request.Body).BytesRead.Should().Be(0);
    }

    [Fact]
    public async Task DiscordHandle_FreshHeadersButEndlessChunkedBody_StopsReadingAtTheLimit()
    {
        var body = new CountingStream(30 << 20);
        var http = Request(body, new string('a', 128), Now(0), "X-Signature-Ed25519", "X-Signature-Timestamp");

        await DiscordServices.HandleAsync(http, new DiscordSignature(new string('0', 64), _clock), null!, null!);

        http.Response.StatusCode.Should().Be(StatusCodes.Status413PayloadTooLarge);
        body.BytesRead.Should().BeLessThanOrEqualTo(DiscordServices.MaxBodyBytes + 8192);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("v0=" + "00000000000000000000000000000000000000000000000000000000000000000", "STALE")]
    [InlineData("sha1=x", "NOW")]
    public async Task SlackRead_WithoutFreshSignatureHeaders_Answers401WithoutReadingTheBody(string? signature, string? timestamp)
    {
        var verifier = new SlackRequestVerifier(Options.Create(new SlackOptions { SigningSecret = "secret" }), _clock, NullLogger<SlackRequestVerifier>.Instance);
        var http = Request(new CountingStream(30 << 20), signature, timestamp switch { "NOW" => Now(0), "STALE" => Now(-3600), _ => timestamp }, "X-Slack-Signature", "X-Slack-Request-Timestamp");

        (await verifier.ReadAsync(http)).Should().BeNull();

        http.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
        ((CountingStream)http.Request.Body).BytesRead.Should().Be(0);
    }

    [Fact]
    public async Task SlackRead_UnsignedWhereAnSslCheckMayCome_ReadsOnlyASmallBody()
    {
        var verifier = new SlackRequestVerifier(Options.Create(new SlackOptions { SigningSecret = "secret" }), _clock, NullLogger<SlackRequestVerifier>.Instance);
        var body = new CountingStream(30 << 20);
        var http = Request(body, null, null, "X-Slack-Signature", "X-Slack-Request-Timestamp");

        (await verifier.ReadAsync(http, allowSslCheck: true)).Should().BeNull();

        http.Response.StatusCode.Should().Be(StatusCodes.Status413PayloadTooLarge);
        body.BytesRead.Should().BeLessThanOrEqualTo(1024 + 8192);
    }

    [Fact]
    public async Task Read_AnnouncedLengthOverTheLimit_Answers413WithoutReading()
    {
        var body = new CountingStream(30 << 20);
        var http = new DefaultHttpContext();
        http.Request.Body = body;
        http.Request.ContentLength = 30 << 20;

        (await RequestBody.ReadAsync(http, 64 * 1024)).Should().BeNull();

        http.Response.StatusCode.Should().Be(StatusCodes.Status413PayloadTooLarge);
        body.BytesRead.Should().Be(0);
    }

    private string Now(int offsetSeconds) => _clock.GetUtcNow().AddSeconds(offsetSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static DefaultHttpContext Request(Stream body, string? signature, string? timestamp, string signatureHeader, string timestampHeader)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Body = body;
        if (signature is not null)
        {
            http.Request.Headers[signatureHeader] = signature;
        }

        if (timestamp is not null)
        {
            http.Request.Headers[timestampHeader] = timestamp;
        }

        return http;
    }

    /// <summary>A body of <c>length</c> zero bytes without an announced length, counting what was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Clear(buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = (int)Math.Min(buffer.Length, length - BytesRead);
            buffer.Span[..n].Clear();
            BytesRead += n;
            return ValueTask.FromResult(n);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
