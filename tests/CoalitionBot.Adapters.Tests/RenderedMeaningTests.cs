using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using CoalitionBot.Testing.Rendering;
using CsCheck;

namespace CoalitionBot.Adapters.Tests;

/// <summary>The parity check itself: the meaning read back from Discord and Slack payloads agrees for a faithful rendering and names every difference otherwise.</summary>
public class RenderedMeaningTests
{
    private static readonly Reply Everything = new()
    {
        Title = "Call [Ruiz] *today*",
        Text = Markup.Format($"**Bold** and _italic_ and ~~gone~~, `code`, [the agenda](https://city.example/agenda?a=1&b=2), <@123456789012345678>, <#C0GENERAL>, {"user *text* <@U1> & [x](https://evil.example)"}"),
        Fields =
        [
            new ReplyField("Due", "Fri Mar 6, 17:00", Inline: true),
            new ReplyField("Owner *", "<@ana>", Inline: true),
            new ReplyField("Notes", "line one\nline **two**"),
        ],
        Bullets = ["first", Markup.Format($"second {"_with_ markup"}")],
        Footer = "Sources: [council](https://council.example)",
        Buttons =
        [
            new ReplyButton("tasks.done", "Done", "12", ButtonStyle.Success),
            new ReplyButton("tasks.decline", "Can't do it", "12", ButtonStyle.Danger),
            new ReplyButton("tasks.snooze", "Later", "12"),
            new ReplyButton("tasks.open", "Open", "12", ButtonStyle.Primary),
        ],
        Attachments = [new ReplyAttachment([1, 2, 3], "chart.png", "Calls per week: 3, 5, 8")],
        Ephemeral = true,
    };

    [Fact]
    public void Differences_EveryKindOfContent_NoneOnAnyPlatform()
    {
        var differences = PlatformRendering.Differences(CommandResult.Ok(Everything));

        differences.Should().BeEmpty();
        var meaning = PlatformRendering.MeaningOn(Platform.Slack, CommandResult.Ok(Everything));
        meaning.Body.Should().Be("Bold and italic and gone, code, the agenda (https://city.example/agenda?a=1&b=2), @123456789012345678, #C0GENERAL, user *text* <@U1> & [x](https://evil.example)\n• first\n• second _with_ markup");
        meaning.Buttons.Select(b => (b.Label, b.Emphasis, b.ActionId, b.Value)).Should().Equal(
            ("Done", ButtonEmphasis.Primary, "tasks.done", "12"),
            ("Can't do it", ButtonEmphasis.Danger, "tasks.decline", "12"),
            ("Later", ButtonEmphasis.Default, "tasks.snooze", "12"),
            ("Open", ButtonEmphasis.Primary, "tasks.open", "12"));
        meaning.Images.Should().Equal("Calls per week: 3, 5, 8");
        meaning.Ephemeral.Should().BeTrue();
    }

    [Fact]
    public void Differences_EscapedHostileText_NoneOnAnyPlatform()
    {
        // Within every platform's limits (a 75-character button label on Slack), so that nothing is cut short.
        HostileText.Text(12).Select(t => t.Length > 70 ? t[..70] : t).Sample(text =>
        {
            var escaped = Markup.Escape(text);
            var reply = new Reply
            {
                Title = text,
                Text = escaped,
                Fields = [new ReplyField(text, escaped, Inline: true), new ReplyField(text, escaped)],
                Bullets = [escaped],
                Footer = escaped,
                Buttons = [new ReplyButton("tasks.done", "Open " + text, "1")],
            };

            PlatformRendering.Differences(CommandResult.Ok(reply)).Should().BeEmpty("the text was {0}", text);
        }, iter: 1000);
    }

    [Fact]
    public void Differences_ButtonDiscordCannotSend_NamesDiscordAndTheButton()
    {
        // Discord refuses two buttons with the same action and value in one message; the others show both.
        var reply = new Reply { Text = "Pick one", Buttons = [new ReplyButton("vote", "Yes", "1"), new ReplyButton("vote", "Also yes", "1")] };

        var differences = PlatformRendering.Differences(CommandResult.Ok(reply));

        differences.Should().ContainSingle().Which.Should().StartWith("Discord: buttons[1]").And.Contain("Also yes");
    }

    [Fact]
    public void DifferencesFrom_FieldMissingInSlackPayload_NamesTheField()
    {
        var reply = new Reply { Text = "Campaign", Fields = [new ReplyField("Goal", "10 calls", Inline: true), new ReplyField("Ends", "Friday", Inline: true)] };
        var answer = SlackRenderer.Response(CommandResult.Ok(reply)).ToJson();
        answer["blocks"]!.AsArray().OfType<JsonObject>().Single(b => b["fields"] is not null)["fields"]!.AsArray().RemoveAt(1);

        var differences = RenderedMeaning.Of(reply).DifferencesFrom(SlackMeaning.Read(answer));

        differences.Should().ContainSingle().Which.Should().StartWith("fields[1]").And.Contain("Ends");
    }

    [Fact]
    public void DifferencesFrom_DiscordMarkupLeftUnescaped_NamesTheBody()
    {
        // What a renderer that forgot to escape user text would send: Discord turns the stars into italics and hides them.
        var reply = new Reply { Text = Markup.Escape("2 *3* 4") };
        var message = DiscordRenderer.Render(reply)[0];
        message["embeds"]![0]!["description"] = "2 *3* 4";

        var differences = RenderedMeaning.Of(reply).DifferencesFrom(DiscordMeaning.Read([message]));

        differences.Should().ContainSingle().Which.Should().Be("body: \"2 *3* 4\" ≠ \"2 3 4\"");
    }

    [Fact]
    public void DifferencesFrom_SlackMarkupLeftUnescaped_NamesTheBody()
    {
        // Slack shows paired underscores as italics and <!channel> as a ping of everyone in the channel.
        var reply = new Reply { Text = Markup.Escape("a _b_ c & <!channel>") };
        var answer = SlackRenderer.Response(CommandResult.Ok(reply)).ToJson();
        answer["blocks"]![0]!["text"]!["text"] = "a _b_ c &amp; <!channel>";

        var differences = RenderedMeaning.Of(reply).DifferencesFrom(SlackMeaning.Read(answer));

        differences.Should().ContainSingle().Which.Should().Be("body: \"a _b_ c & <!channel>\" ≠ \"a b c & @channel\"");
    }

    [Fact]
    public void DifferencesFrom_EphemeralAnswerSentToTheChannel_NamesEphemeral()
    {
        var reply = new Reply { Text = "Only you can see this", Ephemeral = true };
        var answer = SlackRenderer.Response(CommandResult.Ok(reply with { Ephemeral = false })).ToJson();

        RenderedMeaning.Of(reply).DifferencesFrom(SlackMeaning.Read(answer)).Should().Equal("ephemeral: True ≠ False");
    }

    [Fact]
    public void DifferencesFrom_ButtonValueChangedInDiscordPayload_NamesTheButton()
    {
        var reply = new Reply { Text = "Task #12", Buttons = [new ReplyButton("tasks.done", "Done", "12", ButtonStyle.Success)] };
        var message = DiscordRenderer.Render(reply)[0];
        message["components"]![0]!["components"]![0]!["custom_id"] = "tasks.done|13";

        RenderedMeaning.Of(reply).DifferencesFrom(DiscordMeaning.Read([message])).Should().ContainSingle().Which.Should().StartWith("buttons[0]").And.Contain("13");
    }

    [Theory]
    [InlineData("\\*not bold\\* \\- \\@ana", "*not bold* - @ana")]
    [InlineData("**bold** _it_ ~~gone~~ ||spoiler||", "bold it gone spoiler")]
    [InlineData("`a\\b` and `` a`b ``", "a\\b and a`b")]
    [InlineData("[the agenda](https://a.example/x%29) <https://b.example>", "the agenda (https://a.example/x)) https://b.example")]
    [InlineData("<@123456> <#789> <@ana> lone * star", "@123456 #789 <@ana> lone * star")]
    public void DiscordPlain_Markdown_ShowsWhatDiscordShows(string markdown, string shown) =>
        DiscordMeaning.Plain(markdown).Should().Be(shown);

    [Theory]
    [InlineData("&amp;lt; &lt;b&gt;", "&lt; <b>")]
    [InlineData("*bold* _it_ ~gone~ `a &lt; b`", "bold it gone a < b")]
    [InlineData("2 \u200B*\u200B 3 \u200B*\u200B 4", "2 \u200B*\u200B 3 \u200B*\u200B 4")]
    [InlineData("<https://a.example/?a=1&amp;b=2|the agenda> <https://b.example|https://b.example>", "the agenda (https://a.example/?a=1&b=2) https://b.example")]
    [InlineData("<@U1> <#C1|general> <!here>", "@U1 #C1 @here")]
    public void SlackPlain_Mrkdwn_ShowsWhatSlackShows(string mrkdwn, string shown) =>
        SlackMeaning.Plain(mrkdwn).Should().Be(shown);

    [Fact]
    public void Text_OnDiscord_IsReadFromTheDiscordPayload()
    {
        var reply = new Reply { Title = "Vote", Buttons = [new ReplyButton("vote", "Yes", "1"), new ReplyButton("vote", "Also yes", "1")] };

        new TestReply(CommandResult.Ok(reply), Platform.Console).Text.Should().Be("== Vote ==\n[1] Yes  [2] Also yes");
        new TestReply(CommandResult.Ok(reply), Platform.Slack).Text.Should().Be("== Vote ==\n[1] Yes  [2] Also yes");
        new TestReply(CommandResult.Ok(reply), Platform.Discord).Text.Should().Be("== Vote ==\n[1] Yes");
    }

    [Fact]
    public void DiscordPlain_LongFieldSplitOverSeveralFields_IsOneFieldAgain()
    {
        var value = string.Join('\n', Enumerable.Range(1, 200).Select(i => $"line {i}"));
        var reply = new Reply { Fields = [new ReplyField("Log", value)] };

        DiscordRenderer.Render(reply)[0]["embeds"]![0]!["fields"]!.AsArray().Should().HaveCountGreaterThan(1);
        PlatformRendering.MeaningOn(Platform.Discord, CommandResult.Ok(reply)).Fields.Should().Equal(new MeaningField("Log", value, false));
    }
}
