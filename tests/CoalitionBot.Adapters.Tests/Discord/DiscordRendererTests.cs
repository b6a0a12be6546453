using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Tests.Discord;

public class DiscordRendererTests
{
    // The wire form escapes '<' as \u003C (the same JSON); the golden text is kept readable.
    private const string CallbackRoute = "/interactions/{interaction_id}/{interaction_token}/callback";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Render_FullReply_MatchesGoldenJson()
    {
        var reply = new Reply
        {
            Title = "Task #12",
            Text = Markup.Format($"**{"Call Ruiz"}** for <@200000000000000001> in <#500000000000000001>, see [the toolkit](https://example.org/kit)"),
            Fields = [new ReplyField("Due", "Friday", Inline: true)],
            Bullets = ["_first_", "~~second~~ `code`"],
            Footer = "Use `/task done 12` when finished",
            Buttons = [new ReplyButton("task.done", "Done", "12", ButtonStyle.Success), new ReplyButton("task.cant", "Can't do it", "12", ButtonStyle.Danger)],
            Ephemeral = true,
        };

        var messages = DiscordRenderer.Render(reply, ephemeral: true);

        messages.Should().ContainSingle();
        messages[0].ToJsonString(Readable).Should().Be(
            """
            {"embeds":[{"color":3046706,"title":"Task \\#12","description":"**Call Ruiz** for <@200000000000000001> in <#500000000000000001>, see [the toolkit](https://example.org/kit)\n• _first_\n• ~~second~~ `code`","fields":[{"name":"Due","value":"Friday","inline":true}],"footer":{"text":"Use /task done 12 when finished"}}],"allowed_mentions":{"parse":[]},"components":[{"type":1,"components":[{"type":2,"style":3,"label":"Done","custom_id":"task.done|12"},{"type":2,"style":4,"label":"Can't do it","custom_id":"task.cant|12"}]}],"flags":64}
            """);
        PlatformSpecs.DiscordRequestErrors(CallbackRoute, "post", new JsonObject { ["type"] = 4, ["data"] = messages[0].DeepClone() }).Should().BeEmpty();
        PlatformSpecs.DiscordRequestErrors("/channels/{channel_id}/messages", "post", DiscordRenderer.Render(reply)[0]).Should().BeEmpty();
    }

    [Fact]
    public void DiscordRequestErrors_AButtonWithoutItsIdAndAnUnknownStyle_AreFound()
    {
        var message = DiscordRenderer.Render(new Reply { Text = "x", Buttons = [new ReplyButton("task.done", "Done", "12")] })[0];
        var button = message["components"]![0]!["components"]![0]!.AsObject();
        button.Remove("custom_id");
        button["style"] = 42;

        PlatformSpecs.DiscordRequestErrors("/channels/{channel_id}/messages", "post", message).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("@everyone come", @"\@everyone come")]
    [InlineData("@here", @"\@here")]
    [InlineData("<@&600000000000000001> ping", @"\<\@&600000000000000001\> ping")]
    [InlineData("[click](https://evil.example)", @"\[click\]\(https://evil.example\)")]
    [InlineData("**not bold** _nor italic_ ~~x~~ `y` ||spoiler||", @"\*\*not bold\*\* \_nor italic\_ \~\~x\~\~ \`y\` \|\|spoiler\|\|")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("> quote", @"\> quote")]
    [InlineData("a-b 2026-12-03 ok", "a-b 2026-12-03 ok")]
    [InlineData("ok\n- item\n2. two\n\n=x\n+y 3. z", "ok\n\\- item\n2\\. two\n\n\\=x\n\\+y 3. z")]
    [InlineData("12", "12")]
    public void Render_UserTextFormatted_CannotMentionFormatOrLink(string userText, string expected)
    {
        DiscordMarkdown.Render(Markup.Format($"{userText}")).Should().Be(expected);
    }

    [Theory]
    [InlineData("Talking points: [phish](https://evil.example/p)")]
    [InlineData("**loud** @everyone <@&1> ~~x~~ `y`")]
    public void Render_UserTextInTitleAndFieldName_CannotLinkFormatOrMention(string userText)
    {
        var messages = DiscordRenderer.Render(new Reply { Title = userText, Text = "x", Fields = [new ReplyField(userText, "y")] });

        var embed = messages[0]["embeds"]![0]!;
        foreach (var shown in new[] { embed["title"]!.GetValue<string>(), embed["fields"]![0]!["name"]!.GetValue<string>() })
        {
            shown.Should().Be(DiscordMarkdown.Escape(userText));
            shown.Should().NotContain("](").And.NotContain("**").And.NotContain("<@");
        }
    }

    [Fact]
    public void Render_LongTitleOfEscapes_StaysWithinTheLimitWithoutAHalfEscape()
    {
        var messages = DiscordRenderer.Render(new Reply { Title = new string('*', 400), Text = "x" });

        var title = messages[0]["embeds"]![0]!["title"]!.GetValue<string>();
        title.Length.Should().BeLessThanOrEqualTo(DiscordRenderer.TitleLimit);
        title.Should().EndWith("\\*…");
    }

    [Fact]
    public void Render_MentionOfANonDiscordId_ShowsText()
    {
        DiscordMarkdown.Render("<@ana> and <#general>").Should().Be(@"\@ana and \#general");
    }

    [Fact]
    public void Render_CodeWithBacktick_UsesDoubleBackticks()
    {
        DiscordMarkdown.Render(Markup.Format($"`{"a`b"}`")).Should().Be("`` a`b ``");
    }

    [Fact]
    public void Render_EveryMessage_DisablesMentions()
    {
        var messages = DiscordRenderer.Render(new Reply { Text = new string('x', 9000) + "\n" + string.Join('\n', Enumerable.Repeat("line", 2000)) });

        messages.Should().HaveCountGreaterThan(1);
        messages.Should().AllSatisfy(m => m["allowed_mentions"]!.ToJsonString().Should().Be("""{"parse":[]}"""));
    }

    [Fact]
    public void Render_LongReply_SplitsWithinEveryLimit()
    {
        var paragraphs = Enumerable.Range(1, 400).Select(i => $"Paragraph {i}: the council meets on Tuesday and we need people there.");
        var reply = new Reply
        {
            Title = new string('T', 300),
            Text = string.Join('\n', paragraphs),
            Fields = Enumerable.Range(1, 60).Select(i => new ReplyField($"Field {i}", new string('v', i == 3 ? 2500 : 50))).ToList(),
            Footer = "footer",
            Buttons = Enumerable.Range(1, 30).Select(i => new ReplyButton("a.b", $"B{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
        };
        var dropped = new List<string>();

        var messages = DiscordRenderer.Render(reply, dropped: dropped.Add);

        var allText = string.Concat(messages.SelectMany(m => m["embeds"]!.AsArray()).Select(e => e!["description"]?.GetValue<string>() ?? string.Empty));
        foreach (var paragraph in paragraphs)
        {
            allText.Should().Contain(paragraph);
        }

        foreach (var message in messages)
        {
            var embeds = message["embeds"]!.AsArray();
            embeds.Count.Should().BeInRange(1, 10);
            var total = 0;
            foreach (var embed in embeds.Select(e => e!.AsObject()))
            {
                var title = embed["title"]?.GetValue<string>() ?? string.Empty;
                var description = embed["description"]?.GetValue<string>() ?? string.Empty;
                var fields = embed["fields"]?.AsArray() ?? [];
                var footer = embed["footer"]?["text"]?.GetValue<string>() ?? string.Empty;
                title.Length.Should().BeLessThanOrEqualTo(256);
                description.Length.Should().BeLessThanOrEqualTo(4096);
                fields.Count.Should().BeLessThanOrEqualTo(25);
                foreach (var field in fields)
                {
                    field!["name"]!.GetValue<string>().Length.Should().BeInRange(1, 256);
                    field["value"]!.GetValue<string>().Length.Should().BeInRange(1, 1024);
                }
                total += title.Length + description.Length + footer.Length
                    + fields.Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length);
            }

            total.Should().BeLessThanOrEqualTo(6000);
        }

        messages.SelectMany(m => m["embeds"]!.AsArray()).SelectMany(e => e!["fields"]?.AsArray() ?? []).Sum(f => f!["value"]!.GetValue<string>().Length)
            .Should().Be((59 * 50) + 2500);
        messages[0]["embeds"]![0]!["title"]!.GetValue<string>().Should().HaveLength(256).And.EndWith("…");
        messages[^1]["embeds"]!.AsArray()[^1]!["footer"]!["text"]!.GetValue<string>().Should().Be("footer");
        var rows = messages[^1]["components"]!.AsArray();
        rows.Should().HaveCount(5);
        rows.Should().AllSatisfy(r => r!["components"]!.AsArray().Should().HaveCount(5));
        dropped.Should().HaveCount(5);
        messages.Take(messages.Count - 1).Should().AllSatisfy(m => m["components"].Should().BeNull());
    }

    [Fact]
    public void Render_ButtonWithLongValueOrDuplicate_IsLeftOutAndReported()
    {
        var reply = new Reply
        {
            Text = "Pick",
            Buttons =
            [
                new ReplyButton("x.ok", "OK", "1"),
                new ReplyButton("x.ok", "OK again", "1"),
                new ReplyButton("x.long", "Long", new string('9', 100)),
                new ReplyButton("x.label", new string('L', 90), "2"),
            ],
        };
        var dropped = new List<string>();

        var components = DiscordRenderer.Render(reply, dropped: dropped.Add)[0]["components"]![0]!["components"]!.AsArray();

        components.Select(c => c!["custom_id"]!.GetValue<string>()).Should().Equal("x.ok|1", "x.label|2");
        components[1]!["label"]!.GetValue<string>().Should().HaveLength(80);
        dropped.Should().HaveCount(2);
    }

    [Fact]
    public void Render_EmptyReply_StillSendsSomething()
    {
        var json = DiscordRenderer.Render(new Reply())[0];

        json["embeds"]!.AsArray().Should().ContainSingle();
        json["flags"].Should().BeNull();
    }

    [Theory]
    [InlineData("tp.share|council", true, "tp.share", "council")]
    [InlineData("tp.share|", true, "tp.share", "")]
    [InlineData("tp.share|a|b", true, "tp.share", "a|b")]
    [InlineData("|x", false, "", "")]
    [InlineData("noseparator", false, "", "")]
    [InlineData("", false, "", "")]
    public void TryParseCustomId_Variants_SplitAtTheFirstSeparator(string customId, bool ok, string action, string value)
    {
        DiscordRenderer.TryParseCustomId(customId, out var a, out var v).Should().Be(ok);
        if (ok)
        {
            a.Should().Be(action);
            v.Should().Be(value);
        }
    }

    [Fact]
    public void Render_ForADirectMessage_ButtonsNameTheCoalition()
    {
        var reply = new Reply { Text = "Call Ruiz", Buttons = [new ReplyButton("task.done", "Done", "12")] };

        var json = DiscordRenderer.Render(reply, coalition: "900000000000000001")[0];

        var customId = json["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        customId.Should().Be("900000000000000001~task.done|12");
        DiscordRenderer.TryParseDirectCustomId(customId, out var guild, out var action, out var value).Should().BeTrue();
        (guild, action, value).Should().Be(("900000000000000001", "task.done", "12"));
    }

    [Theory]
    [InlineData("task.done|12")]
    [InlineData("~task.done|12")]
    [InlineData("ana~task.done|12")]
    [InlineData("900000000000000001~nosep")]
    [InlineData("900000000000000001~|12")]
    public void TryParseDirectCustomId_WithoutAServerId_IsRejected(string customId)
    {
        DiscordRenderer.TryParseDirectCustomId(customId, out var guild, out _, out _).Should().BeFalse();
        guild.Should().BeNull();
    }

    [Fact]
    public void Render_ForADirectMessage_DropsAButtonThatNoLongerFits()
    {
        var value = new string('x', 100 - "task.done|".Length);
        var dropped = new List<string>();

        var json = DiscordRenderer.Render(new Reply { Text = "t", Buttons = [new ReplyButton("task.done", "Done", value)] }, dropped: dropped.Add, coalition: "900000000000000001")[0];

        json["components"].Should().BeNull();
        dropped.Should().ContainSingle().Which.Should().Contain("100");
    }

    [Fact]
    public void TryParseCustomId_Over100Characters_IsRejected()
    {
        DiscordRenderer.TryParseCustomId("a|" + new string('x', 99), out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Split_HardCut_NeverSplitsAnEscape()
    {
        var text = new string('a', 9) + @"\*" + new string('b', 20);

        var chunks = DiscordRenderer.Split(text, 10).ToList();

        chunks[0].Should().Be(new string('a', 9));
        chunks[1].Should().StartWith(@"\*");
        string.Concat(chunks).Should().Be(text);
    }

    [Fact]
    public void Text_Note_IsEphemeralWhenAsked()
    {
        JsonObject note = DiscordRenderer.Text("hi", ephemeral: true);

        note["flags"]!.GetValue<int>().Should().Be(64);
        note["allowed_mentions"]!.ToJsonString().Should().Be("""{"parse":[]}""");
    }
}
