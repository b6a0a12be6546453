using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Tests.Slack;

public class SlackRendererTests
{
    [Fact]
    public void Render_FullReply_MatchesGoldenBlockKit()
    {
        var reply = new Reply
        {
            Title = "Council talking points",
            Text = "**Safety** for _everyone_: see [the toolkit](https://example.org/kit).",
            Fields = [new ReplyField("Due", "Friday", Inline: true), new ReplyField("Owner", "<@U123>", Inline: true)],
            Bullets = ["Detainers are `voluntary`", "287(g) is a contract"],
            Footer = "Source: coalition toolkit",
            Buttons = [new ReplyButton("tp.more", "More", "council", ButtonStyle.Primary), new ReplyButton("tp.stop", "Stop", Style: ButtonStyle.Danger)],
        };

        var json = SlackRenderer.Render(reply).ToJson().ToJsonString();

        json.Should().Be(JsonNode.Parse("""
            {
              "text": "Council talking points\nSafety for everyone: see the toolkit (https://example.org/kit).",
              "blocks": [
                { "type": "header", "text": { "type": "plain_text", "text": "Council talking points", "emoji": true } },
                { "type": "section", "text": { "type": "mrkdwn", "text": "*Safety* for _everyone_: see <https://example.org/kit|the toolkit>." } },
                { "type": "section", "fields": [
                    { "type": "mrkdwn", "text": "*Due*\nFriday" },
                    { "type": "mrkdwn", "text": "*Owner*\n<@U123>" } ] },
                { "type": "section", "text": { "type": "mrkdwn", "text": "• Detainers are `voluntary`\n• 287(g) is a contract" } },
                { "type": "context", "elements": [ { "type": "mrkdwn", "text": "Source: coalition toolkit" } ] },
                { "type": "actions", "elements": [
                    { "type": "button", "text": { "type": "plain_text", "text": "More", "emoji": true }, "action_id": "tp.more", "value": "council", "style": "primary" },
                    { "type": "button", "text": { "type": "plain_text", "text": "Stop", "emoji": true }, "action_id": "tp.stop", "style": "danger" } ] }
              ]
            }
            """)!.ToJsonString());
        var arguments = SlackRenderer.Render(reply).ToJson();
        arguments["channel"] = "C0COUNCIL";
        PlatformSpecs.SlackArgumentErrors("chat.postMessage", arguments).Should().BeEmpty();
    }

    [Fact]
    public void SlackArgumentErrors_AnUnknownArgumentAndABlockWithoutType_AreFound()
    {
        var arguments = SlackRenderer.Render(new Reply { Text = "x" }).ToJson();
        arguments["channel"] = "C0COUNCIL";
        arguments["markdown_txt"] = "x";
        arguments["blocks"]!.AsArray().Add(new JsonObject { ["text"] = "no type" });

        PlatformSpecs.SlackArgumentErrors("chat.postMessage", arguments).Should().HaveCount(2)
            .And.Contain(e => e.Contains("markdown_txt", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("blocks", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_MarkupNodes_BecomeMrkdwn()
    {
        SlackMrkdwn.Render("**b** _i_ ~~s~~ `c` [l](https://x.org/a) <@U1> <#C1>")
            .Should().Be("*b* _i_ ~s~ `c` <https://x.org/a|l> <@U1> <#C1>");
    }

    [Theory]
    [InlineData("<!channel> please")]
    [InlineData("<!here>")]
    [InlineData("<!everyone>")]
    [InlineData("<@U999>")]
    [InlineData("<https://evil.example|your bank>")]
    [InlineData("[click](https://evil.example)")]
    public void Render_UserSuppliedText_CannotPingOrForgeLinks(string typed)
    {
        var markup = Markup.Format($"Task: {typed}");

        var message = SlackRenderer.Render(new Reply { Title = typed, Text = markup, Fields = [new ReplyField(typed, markup)], Footer = markup });

        // Every mrkdwn text object and the fallback text are parsed by Slack; the header is plain_text, which Slack never parses.
        var mrkdwn = message.Blocks.SelectMany(MrkdwnTexts).Append(message.Text).ToList();
        mrkdwn.Should().HaveCount(4).And.OnlyContain(t => !t.Contains("<!") && !t.Contains("<@") && !t.Contains("<http"));
        message.Blocks[0]!["text"]!["type"]!.GetValue<string>().Should().Be("plain_text");
        SlackMrkdwn.Render(markup).Should().Be("Task: " + typed.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
    }

    private static IEnumerable<string> MrkdwnTexts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "mrkdwn" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => MrkdwnTexts(p.Value)),
        JsonArray a => a.SelectMany(MrkdwnTexts),
        _ => [],
    };

    [Fact]
    public void Render_UserSuppliedFormatting_IsNeutralized()
    {
        var mrkdwn = SlackMrkdwn.Render(Markup.Format($"{"*bold* _it_ ~st~ `code` & more"}"));

        mrkdwn.Should().Be("\u200B*\u200Bbold\u200B*\u200B \u200B_\u200Bit\u200B_\u200B \u200B~\u200Bst\u200B~\u200B \u200B`\u200Bcode\u200B`\u200B &amp; more");
    }

    [Fact]
    public void Render_CodeWithAngleBracketsAndBacktick_StaysInsideTheSpan()
    {
        SlackMrkdwn.Render("`a<b>&c`").Should().Be("`a&lt;b&gt;&amp;c`");
    }

    [Fact]
    public void Render_MentionWithOddId_ShownAsText()
    {
        SlackMrkdwn.Render("<@ana.maria>").Should().Be("@ana.maria");
    }

    [Fact]
    public void Render_LongText_SplitIntoSectionsOf3000AtLineBreaks()
    {
        var lines = Enumerable.Range(0, 200).Select(i => $"Line {i:D3} " + new string('x', 40)).ToList();

        var blocks = SlackRenderer.Render(new Reply { Text = string.Join('\n', lines) }).Blocks;

        var texts = blocks.Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        texts.Should().HaveCountGreaterThan(1).And.OnlyContain(t => t.Length <= SlackRenderer.MaxSectionText);
        string.Join('\n', texts).Should().Be(string.Join('\n', lines));
    }

    [Fact]
    public void Split_NoSpaces_NeverCutsAnEntityOrToken()
    {
        var text = string.Concat(Enumerable.Repeat("ab&amp;<@U12345>", 400));

        var pieces = SlackRenderer.Split(text, 3000);

        pieces.Should().OnlyContain(p => p.Length <= 3000);
        string.Concat(pieces).Should().Be(text);
        pieces.Should().OnlyContain(p => !p.EndsWith('&') && p.Count(c => c == '<') == p.Count(c => c == '>'));
    }

    [Fact]
    public void Render_LimitsOfHeaderButtonsAndFields_AreKept()
    {
        var reply = new Reply
        {
            Title = new string('T', 400),
            Fields = Enumerable.Range(0, 23).Select(i => new ReplyField($"F{i}", new string('v', 2500), Inline: true)).ToList(),
            Buttons = Enumerable.Range(0, 30).Select(i => new ReplyButton($"b{i}", new string('L', 100), $"{i}")).ToList(),
        };

        var blocks = SlackRenderer.Render(reply).Blocks.Select(b => b!.AsObject()).ToList();

        blocks[0]["text"]!["text"]!.GetValue<string>().Length.Should().BeLessThanOrEqualTo(150);
        var fieldSections = blocks.Where(b => b["fields"] is not null).ToList();
        fieldSections.Select(b => b["fields"]!.AsArray().Count).Should().Equal(10, 10, 3);
        fieldSections.SelectMany(b => b["fields"]!.AsArray()).Should().OnlyContain(f => f!["text"]!.GetValue<string>().Length <= 2000);
        var actions = blocks.Where(b => b["type"]!.GetValue<string>() == "actions").ToList();
        actions.Select(a => a["elements"]!.AsArray().Count).Should().Equal(25, 5);
        actions.SelectMany(a => a["elements"]!.AsArray()).Should().OnlyContain(e => e!["text"]!["text"]!.GetValue<string>().Length <= 75);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Render_BlankButtonLabel_ShowsAnEllipsisAsOnDiscord(string label)
    {
        // Slack refuses a button whose text is empty: the whole message would fail to post.
        var reply = new Reply { Text = "Pick", Buttons = [new ReplyButton("pick", label, "1")] };

        var button = SlackRenderer.Render(reply).Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!;

        button["text"]!["text"]!.GetValue<string>().Should().Be("…");
        DiscordRenderer.Render(reply)[0]["components"]![0]!["components"]![0]!["label"]!.GetValue<string>().Should().Be("…");
    }

    [Fact]
    public void Render_SameActionIdTwice_PutsThemInSeparateActionBlocks()
    {
        var reply = new Reply { Buttons = [new ReplyButton("vote", "Yes", "yes"), new ReplyButton("vote", "No", "no")] };

        var actions = SlackRenderer.Render(reply).Blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").ToList();

        actions.Should().HaveCount(2);
    }

    [Fact]
    public void Render_MoreThan50Blocks_CutTo50KeepingButtonsAndSayingSo()
    {
        var reply = new Reply
        {
            Fields = Enumerable.Range(0, 80).Select(i => new ReplyField($"Field {i}", "value")).ToList(),
            Buttons = [new ReplyButton("go", "Go")],
        };

        var blocks = SlackRenderer.Render(reply).Blocks;

        blocks.Should().HaveCount(SlackRenderer.MaxBlocks);
        blocks[^1]!["type"]!.GetValue<string>().Should().Be("actions");
        blocks[^2]!["type"]!.GetValue<string>().Should().Be("context");
    }

    [Fact]
    public void Render_OnlyFields_FallbackTextIsNeverEmpty()
    {
        SlackRenderer.Render(new Reply { Fields = [new ReplyField("Due", "Friday")] }).Text.Should().Be("Due");
        SlackRenderer.Render(new Reply()).Text.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(true, "ephemeral")]
    [InlineData(false, "in_channel")]
    public void Response_EphemeralFlag_SetsResponseType(bool ephemeral, string expected)
    {
        var json = SlackRenderer.Response(CommandResult.Ok(new Reply { Text = "hi", Ephemeral = ephemeral })).ToJson();

        json["response_type"]!.GetValue<string>().Should().Be(expected);
        json.ContainsKey("replace_original").Should().BeFalse();
    }

    [Fact]
    public void Response_UpdateOfOriginal_SetsReplaceOriginal()
    {
        var json = SlackRenderer.Response(CommandResult.Update(new Reply { Text = "done" }), replaceOriginal: true).ToJson();

        json["replace_original"]!.GetValue<bool>().Should().BeTrue();
    }
}
