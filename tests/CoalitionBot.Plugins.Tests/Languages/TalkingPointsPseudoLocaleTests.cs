using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// The talking points' answers the generic pseudo-locale loop cannot reach with its samples: found points, their details and
/// rebuttals, a lead's add/edit/remove/hide round trip, stale buttons, bad input and /privacy me. Pack content shows
/// pseudo-transformed (English accented and bracketed), so any text around it that is not from a catalog stands out.
/// </summary>
public sealed class TalkingPointsPseudoLocaleTests
{
    [Fact]
    public async Task TalkingPoints_PseudoLocale_EveryAnswerPathFromCatalogs()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition", "tp"]);
        var member = bot.As(Platform.Console, locale: LanguageCatalogs.Pseudo);
        var lead = bot.As(Platform.Console, Role.Lead, user: "admin", locale: LanguageCatalogs.Pseudo);
        var seen = 0;

        async Task<TestReply> Run(TestUser user, string command)
        {
            var reply = await user.SendAsync(command);
            seen += PseudoLocaleTests.Check(reply, command);
            return reply;
        }

        async Task<TestReply> Press(TestUser user, ReplyButton button, string what)
        {
            var reply = await user.PressAsync(button);
            seen += PseudoLocaleTests.Check(reply, what);
            return reply;
        }

        var found = await Run(member, "/tp detainers");
        found.Reply.Fields.Should().NotBeEmpty();
        foreach (var button in found.Reply.Buttons)
        {
            await Press(member, button, $"/tp detainers → {button.Label}");
        }

        (await Run(member, "/tp show detainers-are-requests")).Reply.Footer.Should().Contain("detainers-are-requests");
        (await Run(member, "/tp rebut it protects criminals")).Reply.Bullets.Should().NotBeEmpty("the other answers are listed");
        await Run(member, "/tp rebut qqq zzz");
        await Run(member, "/tp qqqzzz");
        await Run(member, "/tp council");
        await Run(member, "/tp topics");
        await Run(member, "/tp detainers lang:xx");
        await Press(member, new ReplyButton("tp.share", "x", "zzzz|en|p0"), "stale share");
        await Press(member, new ReplyButton("tp.more", "x", "zzzz|en|p0"), "stale more");

        (await Run(lead, "/tp add \"Ana Ruiz\" Ana Ruiz audiences:council topics:transit")).IsSuccess.Should().BeTrue();
        await Run(lead, "/tp add \"Ana Ruiz\" Ana Ruiz audiences:mayor");
        var pseudo = bot.Services.GetRequiredService<LanguageCatalogs>().For(LanguageCatalogs.CultureFor(LanguageCatalogs.Pseudo));
        (await Run(lead, "/privacy me")).Text.Should().Contain(pseudo.Format("tp.privacy.title"), "the point the lead wrote is listed");
        (await Run(member, "/tp transit")).Reply.Fields[0].Name.Should().Contain("Ana Ruiz");
        await Run(member, "/tp show ana-ruiz");
        await Run(lead, "/tp edit ana-ruiz title:\"Ana Ruiz\"");
        await Run(lead, "/tp edit ana-ruiz");
        await Run(lead, "/tp edit detainers-are-requests title:x");
        await Run(lead, "/tp edit nothing-here title:x");
        var remove = await Run(lead, "/tp remove ana-ruiz");
        await Press(lead, remove.Reply.Buttons[1], "cancel");
        await Press(lead, remove.Reply.Buttons[0], "delete");
        await Press(lead, remove.Reply.Buttons[0], "delete again");
        await Run(lead, "/tp remove ana-ruiz");
        await Run(lead, "/tp hide detainers-are-requests");
        await Run(lead, "/tp hide nothing-here");
        await Run(lead, "/tp unhide detainers-are-requests");
        await Run(lead, "/tp unhide detainers-are-requests");

        seen.Should().BeGreaterThan(60);
    }
}
