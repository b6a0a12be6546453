using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>Images on Discord: multipart <c>payload_json</c> + <c>files[n]</c> for interaction answers and the bot's own messages, and the text-only fallback.</summary>
public sealed class DiscordImageTests : IAsyncLifetime
{
    private FakeDiscordRest _rest = null!;
    private DiscordTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _rest = await FakeDiscordRest.StartAsync();
        _host = await DiscordTestHost.StartAsync(_rest);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _rest.DisposeAsync();
    }

    [Fact]
    public async Task Command_WithImage_AnswersTextAtOnce_ThenEditsTheOriginalWithTheFile()
    {
        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000100", "picture")));

        json.GetProperty("type").GetInt32().Should().Be(4);
        json.GetProperty("data").GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("Here is the picture");
        var edit = await _rest.WaitForAsync(c => c.Method == "PATCH");
        edit.Path.Should().Be("/webhooks/100000000000000001/tok-310000000000000100/messages/@original");
        edit.ContentType.Should().StartWith("multipart/form-data; boundary=");
        edit.PartNames.Should().Equal("payload_json", "files[0]");
        var file = edit.Files.Single();
        file.FileName.Should().Be("picture.png");
        file.ContentType.Should().Be("image/png");
        file.Content.Should().Equal(TestPictures.Png);
        var attachment = edit.Json.GetProperty("attachments").EnumerateArray().Single();
        attachment.GetProperty("id").GetInt32().Should().Be(0);
        attachment.GetProperty("filename").GetString().Should().Be("picture.png");
        attachment.GetProperty("description").GetString().Should().Be("A blue dot");
        var embed = edit.Json.GetProperty("embeds")[0];
        embed.GetProperty("image").GetProperty("url").GetString().Should().Be("attachment://picture.png");
        embed.GetProperty("description").GetString().Should().Be("Here is the picture");
        edit.Json.GetProperty("allowed_mentions").GetRawText().Should().Be("""{"parse":[]}""");
        edit.Authorization.Should().BeNull("webhook calls are authorized by the interaction token");
    }

    [Fact]
    public async Task Command_ImageRefused_TextStandsAndOneFollowUpSaysSo()
    {
        _rest.RefuseFiles = true;

        var json = await DiscordTestHost.JsonAsync(await _host.PostAsync(DiscordTestHost.Command("310000000000000101", "picture", """[{"name":"secret","type":5,"value":true}]""")));

        json.GetProperty("data").GetProperty("flags").GetInt32().Should().Be(64);
        var notice = await _rest.WaitForAsync(c => c.Method == "POST" && c.Path == "/webhooks/100000000000000001/tok-310000000000000101");
        notice.Files.Should().BeEmpty();
        notice.Json.GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("The image could not be sent");
        notice.Json.GetProperty("flags").GetInt32().Should().Be(64, "the note is as private as the answer");
        _rest.Calls.Where(c => c.Method == "PATCH").Should().ContainSingle("a refused upload (413) is not retried");
    }

    [Fact]
    public async Task Messenger_MessageWithImage_PostsMultipartToTheChannel()
    {
        var messenger = _host.App.Services.GetRequiredService<DiscordMessenger>();

        var result = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId), MessageTarget.ToChannel(new ChannelRef("600000000000000001", "council")) with { IdempotencyKey = "map:1" }, TestPictures.Reply(ephemeral: false), default);

        result.Delivered.Should().BeTrue(result.Error);
        var created = _rest.Created.Should().ContainSingle().Subject;
        created.Path.Should().Be("/channels/600000000000000001/messages");
        created.Authorization.Should().StartWith("Bot ");
        created.PartNames.Should().Equal("payload_json", "files[0]");
        created.Files.Single().Content.Should().Equal(TestPictures.Png);
        created.Json.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString().Should().Be("attachment://picture.png");
        created.Json.GetProperty("enforce_nonce").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Messenger_ImageRefused_PostsTheTextAndOneLine()
    {
        _rest.RefuseFiles = true;
        var messenger = _host.App.Services.GetRequiredService<DiscordMessenger>();

        var result = await messenger.SendAsync(TenantId.For(Platform.Discord, DiscordTestHost.GuildId), MessageTarget.ToChannel(new ChannelRef("600000000000000001", "council")), TestPictures.Reply(ephemeral: false), default);

        result.Delivered.Should().BeTrue(result.Error);
        _rest.Created.Should().HaveCount(2);
        _rest.Created[0].Files.Should().BeEmpty();
        _rest.Created[0].Json.GetProperty("embeds")[0].GetProperty("description").GetString().Should().Be("Here is the picture");
        _rest.Created[1].Json.GetProperty("embeds")[0].GetProperty("description").GetString().Should().Contain("The image could not be sent");
    }
}
