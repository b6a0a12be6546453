using System.Net;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Discord;

/// <summary>The DM channels the messenger remembers: reused, but bounded in number and age.</summary>
public sealed class DiscordMessengerDmTests : IDisposable
{
    private static readonly TenantId Tenant = TenantId.For(Platform.Discord, "900000000000000001");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    private readonly DmHandler _handler = new();
    private readonly HttpClient _http;
    private readonly DiscordRateLimiter _limiter;
    private readonly DiscordMessenger _messenger;

    public DiscordMessengerDmTests()
    {
        _http = new HttpClient(_handler);
        _limiter = new DiscordRateLimiter(_clock);
        var options = Options.Create(new DiscordOptions { BotToken = "token", ApplicationId = "1", ApiBaseUrl = new Uri("http://discord.test/api/v10/") });
        var rest = new DiscordRestClient(_http, _limiter, options, NullLogger<DiscordRestClient>.Instance);
        _messenger = new DiscordMessenger(rest, CoreLanguages.Catalogs, NullLogger<DiscordMessenger>.Instance, _clock);
    }

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    // Two requests a DM at most; a tenth of a second between DMs keeps them under Discord's global 50 a second, so nothing waits.
    private async Task Dm(string user)
    {
        var sent = await _messenger.SendAsync(Tenant, MessageTarget.ToUser(new UserRef(user)), new Reply { Text = "hi" }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        sent.Should().Be(SendResult.Ok);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Send_SamePersonTwice_OpensTheDmChannelOnce_AgainAfterItsLifetime()
    {
        await Dm("700");
        await Dm("700");
        _clock.Advance(DiscordMessenger.DmChannelLifetime);
        await Dm("700");

        _handler.DmsOpened.Should().Be(2);
        _handler.Messages.Should().Be(3);
    }

    [Fact]
    public async Task Send_MorePeopleThanRemembered_OldestForgottenSoMemoryStaysBounded()
    {
        for (var i = 0; i <= DiscordMessenger.MaxDmChannels; i++)
        {
            await Dm((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Dm("1000");
        await Dm((1000 + DiscordMessenger.MaxDmChannels).ToString(System.Globalization.CultureInfo.InvariantCulture));

        _handler.DmsOpened.Should().Be(DiscordMessenger.MaxDmChannels + 2, "the first person's channel was forgotten to make room; the newest is still known");
    }

    private sealed class DmHandler : HttpMessageHandler
    {
        private int _dms;
        private int _messages;

        public int DmsOpened => Volatile.Read(ref _dms);

        public int Messages => Volatile.Read(ref _messages);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            string body;
            if (path.EndsWith("/users/@me/channels", StringComparison.Ordinal))
            {
                var n = Interlocked.Increment(ref _dms);
                body = $$"""{"id":"{{5000000 + n}}"}""";
            }
            else
            {
                Interlocked.Increment(ref _messages);
                body = """{"id":"1"}""";
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }
}
