using System.Net;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackMessengerTests
{
    private static readonly TenantId Tenant = TenantId.For(Platform.Slack, "T1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 18, 0, 0, TimeSpan.Zero));

    private SlackMessenger Messenger(FakeSlackHttp http, string? botToken = "xoxb-test") =>
        new(FakeSlackHttp.Client(http, _clock, botToken: botToken), CoreLanguages.Catalogs, Options.Create(FakeSlackHttp.Options(botToken)), _clock);

    [Fact]
    public async Task SendAsync_ToChannel_PostsThereAndReportsDelivered()
    {
        var http = new FakeSlackHttp(_clock);

        var result = await Messenger(http).SendAsync(Tenant, MessageTarget.ToChannel(new ChannelRef("C9", "council")), new Reply { Text = "Hearing at 6pm" }, CancellationToken.None);

        result.Should().Be(SendResult.Ok);
        http.Requests.Single().Method.Should().Be("chat.postMessage");
        http.Requests.Single().Body.Should().Contain("\"channel\":\"C9\"");
    }

    [Fact]
    public async Task SendAsync_ToPerson_OpensTheDmOnceAndPostsInIt()
    {
        var http = new FakeSlackHttp(_clock);
        http.DefaultJson = method => method == "conversations.open" ? """{"ok":true,"channel":{"id":"D77"}}""" : """{"ok":true}""";
        var messenger = Messenger(http);
        var ana = MessageTarget.ToUser(new UserRef("U5", "ana"));

        (await messenger.SendAsync(Tenant, ana, new Reply { Text = "Your task is due" }, CancellationToken.None)).Delivered.Should().BeTrue();
        (await messenger.SendAsync(Tenant, ana, new Reply { Text = "Again" }, CancellationToken.None).UntilDoneAsync(_clock)).Delivered.Should().BeTrue();

        http.Requests.Select(r => r.Method).Should().Equal("conversations.open", "chat.postMessage", "chat.postMessage");
        http.Requests.First().Body.Should().Contain("\"users\":\"U5\"");
        http.Requests.Skip(1).Should().OnlyContain(r => r.Body.Contains("\"channel\":\"D77\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ChannelNotFound_FailsAndIsNotRetryable()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.OK, """{"ok":false,"error":"channel_not_found"}""");

        var result = await Messenger(http).SendAsync(Tenant, MessageTarget.ToChannel(new ChannelRef("C404")), new Reply { Text = "x" }, CancellationToken.None);

        result.Delivered.Should().BeFalse();
        result.Retryable.Should().BeFalse();
        StoredText.In(result.Error!, CoreLanguages.For("en")).Should().Be("that Slack channel does not exist, or it is private and the bot is not in it");
        StoredText.In(result.Error!, CoreLanguages.For("es")).Should().Be("ese canal de Slack no existe, o es privado y el bot no está en él");
    }

    [Fact]
    public async Task SendAsync_RateLimitedForLong_IsRetryableWithRetryAfter()
    {
        var http = new FakeSlackHttp(_clock);
        http.Then(HttpStatusCode.TooManyRequests, """{"ok":false,"error":"ratelimited"}""", retryAfter: TimeSpan.FromMinutes(2));

        var result = await Messenger(http).SendAsync(Tenant, MessageTarget.ToChannel(new ChannelRef("C1")), new Reply { Text = "x" }, CancellationToken.None);

        result.Delivered.Should().BeFalse();
        result.Retryable.Should().BeTrue();
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task SendAsync_NoBotToken_FailsForGoodAndSaysWhy()
    {
        var http = new FakeSlackHttp(_clock);

        var result = await Messenger(http, botToken: null).SendAsync(Tenant, MessageTarget.ToChannel(new ChannelRef("C1")), new Reply { Text = "x" }, CancellationToken.None);

        result.Retryable.Should().BeFalse();
        StoredText.In(result.Error!, CoreLanguages.For("en")).Should().Contain("CoalitionBot:Slack:BotToken");
        http.Requests.Should().BeEmpty();
    }
}
