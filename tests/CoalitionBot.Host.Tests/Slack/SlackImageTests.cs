using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Host.Tests.Slack;

/// <summary>Images on Slack: the three-step upload into the channel, private answers by link or by DM, and refused uploads.</summary>
public sealed class SlackImageTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(publicBaseUrl: null);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<SlackHost> StartAsync(string? publicBaseUrl, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null, string? database = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["CoalitionBot:Slack:SigningSecret"] = SlackHost.SigningSecret,
            ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
        };
        if (publicBaseUrl is not null)
        {
            settings["CoalitionBot:PublicBaseUrl"] = publicBaseUrl;
        }

        if (database is not null)
        {
            settings["CoalitionBot:Database:ConnectionString"] = $"Data Source={database}";
        }

        return SlackHost.StartAsync(settings, clock);
    }

    [Fact]
    public async Task Command_ChannelReplyWithImage_AnswersTextThenUploadsInThreeSteps()
    {
        using var response = await _host.PostSignedAsync("/slack/commands", _host.CommandForm("/probe", "picture"));

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("response_type").GetString().Should().Be("in_channel");
        json.GetProperty("text").GetString().Should().Contain("Here is the picture");
        var complete = (await _host.Slack.WaitForAsync("files.completeUploadExternal")).Single();
        var start = _host.Slack.CallsOf("files.getUploadURLExternal").Single();
        start.ContentType.Should().StartWith("application/x-www-form-urlencoded");
        start.Authorization.Should().Be("Bearer xoxb-test");
        var form = System.Web.HttpUtility.ParseQueryString(start.Body);
        form["filename"].Should().Be("picture.png");
        form["length"].Should().Be(TestPictures.Png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form["alt_txt"].Should().Be("A blue dot");
        var upload = _host.Slack.Uploads.Should().ContainSingle().Subject;
        upload.FileId.Should().Be("F1");
        upload.Authorization.Should().BeEmpty("the upload URL is pre-authorized; the token is not sent there");
        upload.Content.Should().Equal(TestPictures.Png);
        complete.ContentType.Should().StartWith("application/json");
        complete.Json.GetProperty("channel_id").GetString().Should().Be("C1");
        complete.Json.GetProperty("files")[0].GetProperty("id").GetString().Should().Be("F1");
        _host.Slack.CallsOf("files.upload").Should().BeEmpty("files.upload is retired");
    }

    [Fact]
    public async Task Command_UploadRefused_TextStandsAndOneLineSaysSo()
    {
        _host.Slack.RefuseNextUpload();

        using var response = await _host.PostSignedAsync("/slack/commands", _host.CommandForm("/probe", "picture", responseId: "refused"));

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString().Should().Contain("Here is the picture");
        var notice = (await _host.Slack.WaitForAsync("response/refused")).Single();
        notice.Json.GetProperty("response_type").GetString().Should().Be("ephemeral");
        notice.Json.GetProperty("text").GetString().Should().Contain("The image could not be sent");
        _host.Slack.CallsOf("files.completeUploadExternal").Should().BeEmpty();
    }

    [Fact]
    public async Task Command_MissingFilesWriteScope_TextStandsAndOneLineSaysSo()
    {
        _host.Slack.Then("files.getUploadURLExternal", 200, """{"ok":false,"error":"missing_scope","needed":"files:write"}""");

        using var response = await _host.PostSignedAsync("/slack/commands", _host.CommandForm("/probe", "picture", responseId: "noscope"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var notice = (await _host.Slack.WaitForAsync("response/noscope")).Single();
        notice.Json.GetProperty("text").GetString().Should().Contain("The image could not be sent");
        _host.Slack.Uploads.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_PrivateReplyWithoutPublicAddress_ImageGoesToTheDirectMessages()
    {
        using var response = await _host.PostSignedAsync("/slack/commands", _host.CommandForm("/probe", "picture secret:true"));

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("response_type").GetString().Should().Be("ephemeral");
        json.GetRawText().Should().Contain("The image was sent to you as a direct message").And.NotContain("\"image\"");
        var complete = (await _host.Slack.WaitForAsync("files.completeUploadExternal")).Single();
        _host.Slack.CallsOf("conversations.open").Should().ContainSingle().Which.Json.GetProperty("users").GetString().Should().Be("U1");
        complete.Json.GetProperty("channel_id").GetString().Should().Be("D100");
    }

    [Fact]
    public async Task Command_PrivateReplyWithPublicAddress_ShowsAnImageBlockServedByTheHost()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(publicBaseUrl: "https://bot.example.org/", clock);

        using var response = await host.PostSignedAsync("/slack/commands", host.CommandForm("/probe", "picture secret:true"));

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var image = json.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image");
        image.GetProperty("alt_text").GetString().Should().Be("A blue dot");
        var url = new Uri(image.GetProperty("image_url").GetString()!);
        url.GetLeftPart(UriPartial.Authority).Should().Be("https://bot.example.org");
        url.AbsolutePath.Should().MatchRegex("^/images/[A-Za-z0-9_-]{43}\\.png$");
        using var served = await host.Http.GetAsync(url.AbsolutePath);
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(TestPictures.Png);
        using var guessed = await host.Http.GetAsync("/images/" + new string('A', 43) + ".png");
        guessed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        clock.Advance(SlackImageLinks.Lifetime + TimeSpan.FromMinutes(1));
        using var expired = await host.Http.GetAsync(url.AbsolutePath);
        expired.StatusCode.Should().Be(HttpStatusCode.NotFound, "the link expires");
        await host.App.Services.GetRequiredService<SlackDispatcher>().WaitIdleAsync();
        host.Slack.CallsOf("files.getUploadURLExternal").Should().BeEmpty("the link shows it; nothing is uploaded");
    }

    [Fact]
    public async Task Command_PrivateReplyLinkMadeOnOneHost_IsServedByAnotherOnTheSameDatabase()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("coalitionbot-links-").FullName, "shared.db");
        await using var first = await StartAsync(publicBaseUrl: "https://bot.example.org/", database: database);
        await using var second = await StartAsync(publicBaseUrl: "https://bot.example.org/", database: database);

        using var response = await first.PostSignedAsync("/slack/commands", first.CommandForm("/probe", "picture secret:true"));

        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(json.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "image").GetProperty("image_url").GetString()!);
        using var served = await second.Http.GetAsync(url.AbsolutePath);
        served.StatusCode.Should().Be(HttpStatusCode.OK, "the load balancer may send Slack's fetch to any instance");
        (await served.Content.ReadAsByteArrayAsync()).Should().Equal(TestPictures.Png);
    }

    [Theory]
    [InlineData("/images/x.png")]
    [InlineData("/images/.png")]
    [InlineData("/images/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/images/%2e%2e%2fbot.db.png")]
    public async Task ImageLink_MalformedOrUnknown_NotFound(string path)
    {
        await using var host = await StartAsync(publicBaseUrl: "https://bot.example.org/");

        using var response = await host.Http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Press_NoResponseUrl_PrivateAnswerSaysSo_AndImageGoesToTheDirectMessages()
    {
        using var response = await _host.PostSignedAsync("/slack/interactions", Press("picture"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var complete = (await _host.Slack.WaitForAsync("files.completeUploadExternal")).Single();
        complete.Json.GetProperty("channel_id").GetString().Should().Be("D100");
        _host.Slack.CallsOf("conversations.open").Should().ContainSingle().Which.Json.GetProperty("users").GetString().Should().Be("U1");
        var answer = _host.Slack.CallsOf("chat.postEphemeral").Should().ContainSingle().Subject;
        answer.Json.GetRawText().Should().Contain("Here is the picture").And.Contain("The image was sent to you as a direct message");
        _host.Slack.Uploads.Should().ContainSingle().Which.Content.Should().Equal(TestPictures.Png);
    }

    [Fact]
    public async Task Press_NoResponseUrl_UpdatedChannelMessage_ImageIsUploadedIntoTheChannel()
    {
        using var response = await _host.PostSignedAsync("/slack/interactions", Press("update"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var complete = (await _host.Slack.WaitForAsync("files.completeUploadExternal")).Single();
        complete.Json.GetProperty("channel_id").GetString().Should().Be("C1");
        _host.Slack.CallsOf("chat.update").Should().ContainSingle().Which.Json.GetRawText().Should().Contain("Here is the picture").And.NotContain("direct message");
        _host.Slack.CallsOf("conversations.open").Should().BeEmpty();
    }

    [Fact]
    public async Task Press_NoResponseUrl_UploadRefused_OnePrivateLineSaysSo()
    {
        _host.Slack.RefuseNextUpload();

        using var response = await _host.PostSignedAsync("/slack/interactions", Press("update"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await _host.App.Services.GetRequiredService<SlackDispatcher>().WaitIdleAsync();
        _host.Slack.CallsOf("chat.postEphemeral").Should().ContainSingle().Which.Json.GetRawText().Should().Contain("The image could not be sent");
        _host.Slack.CallsOf("files.completeUploadExternal").Should().BeEmpty();
    }

    // A button on a message whose interaction carries no response_url (as from an app's home tab or a modal).
    private static string Press(string value)
    {
        var payload = $$"""
            {"type":"block_actions","user":{"id":"U1","username":"ana","team_id":"T1"},"api_app_id":"A1","token":"legacy",
             "container":{"type":"message","message_ts":"1.1","channel_id":"C1"},"trigger_id":"1.2.{{Guid.NewGuid():N}}",
             "team":{"id":"T1","domain":"coalition"},"channel":{"id":"C1","name":"general"},"message":{"ts":"1.1"},
             "actions":[{"action_id":"probe.picture","block_id":"b1","text":{"type":"plain_text","text":"x"},"value":"{{value}}","type":"button","action_ts":"1.3"}]}
            """;
        return "payload=" + Uri.EscapeDataString(payload);
    }
}
