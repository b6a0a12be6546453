using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests.Localization;

/// <summary>
/// The router's and the option reader's own answers (unknown and misspelt commands, missing and malformed options, roles, the
/// apology, expired buttons) under the pseudo-locale: every word comes from a catalog.
/// </summary>
public sealed class RouterPseudoLocaleTests
{
    // What the commands below type, which may show as it is (inside the answer's brackets it would anyway).
    private static readonly string[] UserData = ["ana", "general"];

    private static Task<TestBot> StartAsync() =>
        TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new KitchenSinkPlugin(), null)]);

    public static TheoryData<Role, string, ResultKind> ErrorPaths => new()
    {
        { Role.Member, "/", ResultKind.Invalid },
        { Role.Member, "/nosuch", ResultKind.Invalid },
        { Role.Member, "/hepl", ResultKind.Invalid },
        { Role.Member, "/" + new string('z', 60), ResultKind.Invalid },
        { Role.Admin, "/task", ResultKind.Invalid },
        { Role.Member, "/task assign @ana Call", ResultKind.Forbidden },
        { Role.Lead, "/admin only", ResultKind.Forbidden },
        { Role.Lead, "/task assign @ana", ResultKind.Invalid },
        { Role.Lead, "/task assign ana Call", ResultKind.Invalid },
        { Role.Lead, "/task assign @ana Call count:many", ResultKind.Invalid },
        { Role.Lead, "/task assign @ana Call due:blorpday", ResultKind.Invalid },
        { Role.Lead, "/task assign @ana Call due:\"next blorpday 5pm\"", ResultKind.Invalid },
        { Role.Lead, "/task assign @ana Call due:\"next week\"", ResultKind.Invalid },
        { Role.Lead, "/task assign @ana " + new string('x', 41), ResultKind.Invalid },
        { Role.Lead, "/task assign @ana Call count:2 count:3", ResultKind.Invalid },
        { Role.Member, "/stance neutralish", ResultKind.Invalid },
        { Role.Member, "/stance neutral urgent:maybe", ResultKind.Invalid },
        { Role.Member, "/stance neutral remind:soon", ResultKind.Invalid },
        { Role.Member, "/stance neutral role:organizers", ResultKind.Invalid },
        { Role.Member, "/stance neutral weight:5", ResultKind.Invalid },
        { Role.Member, "/stance neutral weight:-1", ResultKind.Invalid },
        { Role.Member, "/stance neutral weight:heavy", ResultKind.Invalid },
        { Role.Member, "/note general hello", ResultKind.Invalid },
        { Role.Member, "/team bob Call", ResultKind.Invalid },
        { Role.Admin, "/admin only and more words", ResultKind.Invalid },
        { Role.Member, "/boom", ResultKind.Error },
    };

    [Theory]
    [MemberData(nameof(ErrorPaths))]
    public async Task Run_ErrorPath_PseudoLocale_OnlyCatalogText(Role role, string typed, ResultKind kind)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack, role, locale: LanguageCatalogs.Pseudo).SendAsync(typed);

        reply.Kind.Should().Be(kind, reply.Text);
        PseudoLocale.Check(reply, typed, UserData).Should().BeGreaterThan(0);
        reply.Reply.Text.Should().StartWith("[", "the whole answer is one catalog sentence");
    }

    [Fact]
    public async Task Run_TooLong_PseudoLocale_OnlyCatalogText()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord, Role.Lead, locale: LanguageCatalogs.Pseudo)
            .SendOptionsAsync("task assign", new Dictionary<string, string> { ["assignee"] = "<@U42>", ["title"] = new string('a', Tokenizer.MaxLength) });

        reply.Kind.Should().Be(ResultKind.Invalid);
        PseudoLocale.Check(reply, "a command over the length limit", UserData);
    }

    [Fact]
    public async Task Run_UnknownOptionName_PseudoLocale_OnlyCatalogText()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord, Role.Lead, locale: LanguageCatalogs.Pseudo)
            .SendOptionsAsync("task assign", new Dictionary<string, string> { ["assignee"] = "<@U42>", ["title"] = "Call", ["colour"] = "red" });

        reply.Kind.Should().Be(ResultKind.Invalid);
        PseudoLocale.Check(reply, "an option the command does not have", UserData);
    }

    [Theory]
    [InlineData(Role.Member, "kitchen.lead", ResultKind.Forbidden)]
    [InlineData(Role.Member, "kitchen.gone", ResultKind.Invalid)]
    public async Task Press_ErrorPath_PseudoLocale_OnlyCatalogText(Role role, string actionId, ResultKind kind)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console, role, locale: LanguageCatalogs.Pseudo).PressAsync(new ReplyButton(actionId, "x", "7"));

        reply.Kind.Should().Be(kind);
        PseudoLocale.Check(reply, actionId, UserData).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Check_WordOutsideBrackets_IsCaught()
    {
        var act = () => PseudoLocale.Check(new TestReply(CommandResult.Invalid("[Ŧåľķîñĝ] plain")), "sample", UserData);

        act.Should().Throw<Exception>().WithMessage("*plain*");
    }
}
