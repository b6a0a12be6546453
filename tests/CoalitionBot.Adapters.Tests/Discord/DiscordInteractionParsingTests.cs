using System.Text.Json;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Model;
using CoalitionBot.Testing;

namespace CoalitionBot.Adapters.Tests.Discord;

public class DiscordInteractionParsingTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("0", Role.Member)]
    [InlineData("8", Role.Admin)]
    [InlineData("32", Role.Admin)]
    [InlineData("2147483647", Role.Admin)]
    [InlineData("2048", Role.Member)]
    [InlineData("not-a-number", Role.Member)]
    public void ReadCaller_GuildMember_MapsGuildRolesAndLocale(string permissions, Role expected)
    {
        var interaction = Json($$"""
            {"guild_id":"900000000000000001","channel_id":"5","channel":{"name":"council"},"locale":"es-419",
             "member":{"nick":"Ana R","roles":["61","62"],"permissions":"{{permissions}}","user":{"id":"200","username":"ana","global_name":"Ana"} } }
            """);

        var caller = DiscordInteractionParser.ReadCaller(interaction, CoreLanguages.For, out var refusal)!;

        refusal.Should().BeNull();
        caller.Tenant.Should().Be(TenantId.For(Platform.Discord, "900000000000000001"));
        caller.Platform.Should().Be(Platform.Discord);
        caller.User.Should().Be(new UserRef("200", "Ana R"));
        caller.Channel.Should().Be(new ChannelRef("5", "council"));
        caller.PlatformRole.Should().Be(expected);
        caller.PlatformRoleIds.Should().Equal("61", "62");
        caller.Locale.Should().Be("es-419");
    }

    [Fact]
    public void ReadCaller_DirectMessage_IsRefusedInTheUsersLanguage()
    {
        var interaction = Json("""{"channel_id":"5","locale":"es-ES","user":{"id":"200","username":"ana"}}""");

        DiscordInteractionParser.ReadCaller(interaction, CoreLanguages.For, out var refusal).Should().BeNull();

        refusal.Should().Contain("servidor de su coalición");
    }

    [Fact]
    public void ReadOptions_NestedGroupAndSubcommand_BuildThePathAndTextValues()
    {
        var data = Json("""
            {"name":"task","options":[{"name":"admin","type":2,"options":[{"name":"assign","type":1,"options":[
              {"name":"who","type":6,"value":"200"},{"name":"where","type":7,"value":"500"},{"name":"lead","type":8,"value":"600"},
              {"name":"count","type":4,"value":3},{"name":"weight","type":10,"value":1.5},{"name":"urgent","type":5,"value":false},
              {"name":"any","type":9,"value":"601"},{"name":"person","type":9,"value":"201"},
              {"name":"title","type":3,"value":"Call \"Ruiz\" @everyone","focused":true}]}]}],
             "resolved":{"roles":{"601":{"id":"601"}}}}
            """);
        var path = new List<string> { "task" };
        var values = new Dictionary<string, string>();

        DiscordInteractionParser.ReadOptions(data, data, path, values, out var focused);

        path.Should().Equal("task", "admin", "assign");
        values.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["who"] = "<@200>", ["where"] = "<#500>", ["lead"] = "<@&600>", ["count"] = "3", ["weight"] = "1.5", ["urgent"] = "false",
            ["any"] = "<@&601>", ["person"] = "<@201>", ["title"] = "Call \"Ruiz\" @everyone",
        });
        focused.Should().Be(("title", "Call \"Ruiz\" @everyone"));
    }
}

public class DiscordAutocompleteAnswerTests
{
    [Fact]
    public void Choices_NumericOption_SendsNumbersAndSkipsOtherValues()
    {
        var answer = DiscordInteractions.Choices(
            [new Core.Commands.AutocompleteChoice("Three", "3"), new Core.Commands.AutocompleteChoice("Half", "0.5"), new Core.Commands.AutocompleteChoice("Ruiz", "ruiz")],
            numeric: true);

        answer.Body!.ToJsonString().Should().Be("""{"type":8,"data":{"choices":[{"name":"Three","value":3},{"name":"Half","value":0.5}]}}""");
    }

    [Fact]
    public void Choices_MoreThan25OrTooLong_AreCapped()
    {
        var many = Enumerable.Range(0, 30).Select(i => new Core.Commands.AutocompleteChoice(new string('n', 120), $"v{i}"))
            .Append(new Core.Commands.AutocompleteChoice("long", new string('x', 101))).ToList();

        var choices = DiscordInteractions.Choices(many).Body!["data"]!["choices"]!.AsArray();

        choices.Should().HaveCount(25);
        choices.Should().AllSatisfy(c => c!["name"]!.GetValue<string>().Length.Should().Be(100));
    }
}
