using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

public class RouterTests
{
    private static Task<TestBot> StartAsync() =>
        TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new KitchenSinkPlugin(), null)]);

    [Theory]
    [InlineData(Platform.Console)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Discord)]
    public async Task Run_LeadAssigns_SameReplyOnEveryPlatform(Platform platform)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(platform, Role.Lead).SendAsync("/task assign @ana \"Call Council Member Ruiz\" due:2026-03-06");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Be("Assigned Call Council Member Ruiz to ana due 2026-03-06 00:00 +00:00.");
    }

    [Fact]
    public async Task Run_TextAndNamedOptions_BindTheSameArguments()
    {
        await using var bot = await StartAsync();
        var lead = bot.As(Platform.Slack, Role.Lead);

        var typed = await lead.SendAsync("/task assign <@U42|ana> \"Call Ruiz\" count:3");
        var named = await lead.SendOptionsAsync("task assign", new Dictionary<string, string> { ["assignee"] = "<@U42>", ["title"] = "Call Ruiz", ["count"] = "3" });

        typed.Text.Should().Be(named.Text.Replace("U42", "ana", StringComparison.Ordinal));
        typed.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Run_Member_CannotUseLeadCommand()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console, Role.Member).SendAsync("/task assign @ana \"Call Ruiz\"");

        reply.Kind.Should().Be(ResultKind.Forbidden);
        reply.Text.Should().Contain("for leads");
        reply.Reply.Ephemeral.Should().BeTrue();
    }

    [Fact]
    public async Task Run_LeadGrantedInDatabase_BecomesLeadImmediately()
    {
        await using var bot = await StartAsync();
        var tenant = TestBot.DefaultTenant(Platform.Discord);
        await bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.LeadGrants.Add(new LeadGrant { SubjectKind = LeadSubject.Role, SubjectId = "role-organizers", GrantedBy = "admin", GrantedAt = bot.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        var withRole = await bot.As(Platform.Discord, Role.Member, platformRoleIds: ["role-organizers"]).SendAsync("/task assign @ana \"Call Ruiz\"");
        var without = await bot.As(Platform.Discord, Role.Member, user: "ben").SendAsync("/task assign @ana \"Call Ruiz\"");

        withRole.IsSuccess.Should().BeTrue(withRole.Text);
        without.Kind.Should().Be(ResultKind.Forbidden);
    }

    [Fact]
    public async Task Run_LeadGrantInAnotherTenant_DoesNotApply()
    {
        await using var bot = await StartAsync();
        await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Slack), async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.LeadGrants.Add(new LeadGrant { SubjectKind = LeadSubject.User, SubjectId = "ana", GrantedBy = "admin", GrantedAt = bot.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        (await bot.As(Platform.Slack).SendAsync("/task assign @ana x")).IsSuccess.Should().BeTrue();
        (await bot.As(Platform.Discord).SendAsync("/task assign @ana x")).Kind.Should().Be(ResultKind.Forbidden);
    }

    [Theory]
    [InlineData("/task assign \"Call Ruiz\"", "mention a person")]
    [InlineData("/task assign @ana", "Missing `title`")]
    [InlineData("/task assign @ana x due:fridya", "fridya")]
    [InlineData("/task assign @ana x count:many", "not a whole number")]
    [InlineData("/task assign @ana x 2026-03-06 3 extra words", "didn't understand `extra words`")]
    [InlineData("/task assign @ana x due:2026-03-06 due:2026-03-07", "given twice")]
    [InlineData("/task assign @ana \"a title that is far too long to be a sensible task title\"", "at most 40 characters")]
    [InlineData("/stance ally", "not one of: active-ally, neutral, active-opponent")]
    [InlineData("/stance neutral weight:2", "at most 1")]
    [InlineData("/stance neutral remind:soon", "not a duration")]
    [InlineData("/stance neutral urgent:maybe", "yes or no")]
    public async Task Run_BadInput_ExplainsAndRunsNothing(string text, string expected)
    {
        await using var bot = await StartAsync();
        int before;
        lock (KitchenSinkCommands.Calls)
        {
            before = KitchenSinkCommands.Calls.Count;
        }

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync(text);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Reply.Text.Should().Contain(expected);
        lock (KitchenSinkCommands.Calls)
        {
            KitchenSinkCommands.Calls.Should().HaveCount(before);
        }
    }

    [Fact]
    public async Task Run_ChoicesAliasesFlagsDurationsRoles_Bind()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack).SendAsync("/stance aliado-activo urgent:yes remind:1h30m role:<!subteam^S1|organizers> weight:0.5");

        reply.Text.Should().Be("ActiveAlly|True|01:30:00|S1|0.5");
    }

    [Fact]
    public async Task Run_RemainderOption_TakesTheRestWithoutQuotes()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console).SendAsync("/note #council Called about detainers: she is open to it");
        var pinned = await bot.As(Platform.Console).SendAsync("/note #council pin:yes Called about detainers");

        reply.Text.Should().Be("council|Called about detainers: she is open to it|False");
        pinned.Text.Should().Be("council|Called about detainers|True");
    }

    [Theory]
    [InlineData("/hepl", "Did you mean `/help`")]
    [InlineData("/task", "`/task assign`")]
    [InlineData("/zzz", "I don't know `/zzz`")]
    public async Task Run_UnknownCommand_GivesAHint(string text, string hint)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console, Role.Lead).SendAsync(text);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Reply.Text.Should().Contain(hint);
    }

    [Fact]
    public async Task Run_UnknownHugeWord_EchoesOnlyAShortExcerpt()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console, Role.Lead).SendAsync("/" + new string('x', 5000) + " *bold*");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Reply.Text.Should().Contain("I don't know `/" + new string('x', 40) + "…`");
        reply.Reply.Text!.Length.Should().BeLessThan(200);
    }

    [Theory]
    [InlineData(Platform.Console)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Discord)]
    public async Task Run_TextOverTheCap_RefusedWithTheLimit(Platform platform)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(platform, Role.Lead).SendAsync("/task assign @ana \"" + new string('a', Tokenizer.MaxLength) + "\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("too long").And.Contain("6,000");
    }

    [Fact]
    public async Task Run_OptionsOverTheCap_RefusedWithTheLimit()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord, Role.Lead).SendOptionsAsync("task assign", new Dictionary<string, string> { ["assignee"] = "<@U42>", ["title"] = new string('a', Tokenizer.MaxLength) });

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Reply.Text.Should().Contain("too long");
    }

    [Fact]
    public async Task Run_HandlerThrows_FriendlyErrorWithReference()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack).SendAsync("/boom");

        reply.Kind.Should().Be(ResultKind.Error);
        reply.Text.Should().Contain("something went wrong").And.Contain("ref").And.NotContain("database on fire");
    }

    [Fact]
    public async Task Run_SpanishLocale_AnswersInSpanish()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Discord, Role.Member, locale: "es-419").SendAsync("/task assign @ana x");

        reply.Text.Should().Contain("es solo para coordinadores");
    }

    [Fact]
    public async Task Press_Button_RunsHandlerWithValue()
    {
        await using var bot = await StartAsync();
        var ana = bot.As(Platform.Discord);
        await ana.SendAsync("/confirm");

        var pressed = await ana.PressAsync("Yes");

        pressed.Text.Should().Be("Confirmed 42 by ana");
        pressed.Result.UpdatesOriginal.Should().BeTrue();
    }

    [Fact]
    public async Task Press_ButtonForLeads_ByMember_IsForbidden()
    {
        await using var bot = await StartAsync();
        var ana = bot.As(Platform.Slack);
        await ana.SendAsync("/confirm");

        var pressed = await ana.PressAsync("Lead only");

        pressed.Kind.Should().Be(ResultKind.Forbidden);
    }

    [Fact]
    public async Task Press_UnknownAction_SaysTheButtonExpired()
    {
        await using var bot = await StartAsync();

        var pressed = await bot.As(Platform.Slack).PressAsync(new Core.Replies.ReplyButton("gone.away", "Old"));

        pressed.Kind.Should().Be(ResultKind.Invalid);
        pressed.Text.Should().Contain("no longer works");
    }
}
