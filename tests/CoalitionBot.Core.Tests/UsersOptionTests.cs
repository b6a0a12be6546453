using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests;

public class UsersOptionTests
{
    private static Task<TestBot> StartAsync() =>
        TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new KitchenSinkPlugin(), null)]);

    [Fact]
    public void Describe_ListOfUsers_IsAUsersOption()
    {
        var (commands, _) = CommandCatalog.Describe("kitchen", [typeof(KitchenSinkCommands)]);

        var option = commands.Single(c => c.Path == "team").Options[0];
        option.Kind.Should().Be(OptionKind.Users);
        option.Required.Should().BeTrue();
    }

    [Theory]
    [InlineData(Platform.Slack, "/team <@U1|ana> <@U2|luis> Call Ruiz today")]
    [InlineData(Platform.Console, "/team @U1 @U2 Call Ruiz today")]
    [InlineData(Platform.Discord, "/team <@U1> <@!U2> Call Ruiz today")]
    public async Task Bind_ConsecutiveMentions_FillTheUsersOption(Platform platform, string text)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(platform).SendAsync(text);

        reply.Text.Should().Be("U1,U2|Call Ruiz today");
    }

    [Fact]
    public async Task Bind_NamedValueFromDiscord_SplitsMentionsAndDropsRepeats()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord).SendOptionsAsync("team", new Dictionary<string, string>
        {
            ["people"] = "<@111> <@222>, <@111>",
            ["title"] = "Bring 20 people",
        });

        reply.Text.Should().Be("111,222|Bring 20 people");
    }

    [Fact]
    public async Task Bind_SlackMentionWithSpacedName_IsOnePerson()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack).SendOptionsAsync("team", new Dictionary<string, string>
        {
            ["people"] = "<@U1|Ana María> <@U2|luis>",
            ["title"] = "Call",
        });

        reply.Text.Should().Be("U1,U2|Call");
    }

    [Fact]
    public async Task Bind_NotAMention_SaysSo()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack).SendOptionsAsync("team", new Dictionary<string, string> { ["people"] = "<@U1> ruiz", ["title"] = "Call" });

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("people: mention people").And.Contain("ruiz");
    }

    [Fact]
    public async Task Bind_TextWithoutAnyMention_SaysSo()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console).SendAsync("/team Call Ruiz");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("mention people");
    }
}
