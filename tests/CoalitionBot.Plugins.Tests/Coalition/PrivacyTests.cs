using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Coalition;

public abstract class PrivacyTests(DatabaseProvider database)
{
    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task PrivacyMe_NothingStored_SaysSoAndWhatIsNeverStored(Platform platform)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(platform, user: "newcomer").SendAsync("/privacy me");

        reply.IsSuccess.Should().BeTrue();
        reply.Meaning.Ephemeral.Should().BeTrue();
        reply.Text.Should().Contain("Nothing in this coalition").And.Contain("never asks for or stores immigration status");
        reply.Meaning.Buttons.Should().BeEmpty();
    }

    [DbFact]
    public async Task PrivacyMe_ListsPreferencesGrantsAuditAndOtherPluginsRows()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var bo = await SeedBoAsync(bot);

        var reply = await bo.SendAsync("/privacy me");

        reply.Text.Should().Contain("Preferences: language: en (erased on request)")
            .And.Contain("you are a lead").And.Contain("1 settings change you made (kept without your name on request)")
            .And.Contain("1 entry names you")
            .And.Contain("going to Council hearing (erased on request)")
            .And.Contain("1 meeting(s) you scheduled")
            .And.NotContain("rosa");
        reply.Reply.Buttons.Select(b => b.Label).Should().Equal("Erase my data");
    }

    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Erase_DeletesOwnRows_AnonymizesAuthoredHistory_LeavesOthersAlone(Platform platform)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var bo = await SeedBoAsync(bot, platform);
        await bo.SendAsync("/privacy me");

        var ask = await bo.PressAsync("Erase my data");
        ask.Meaning.Buttons.Select(b => b.Label).Should().Equal("Yes, erase", "Cancel");
        var done = await bo.PressAsync("Yes, erase");

        done.Text.Should().Contain("Done: 2 items erased");
        var tenant = bo.Caller.Tenant;
        var (preferences, audit, grants) = await bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            return (await db.UserPreferences.ToListAsync(), await db.AuditEntries.OrderBy(a => a.Id).ToListAsync(), await db.LeadGrants.ToListAsync());
        });
        var (rsvps, meetings) = await bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<FixtureMeetingsContext>();
            return (await db.Rsvps.Select(r => r.UserId).ToListAsync(), await db.Meetings.ToListAsync());
        });

        preferences.Select(p => p.UserId).Should().Equal("cy");
        rsvps.Should().Equal("cy");
        meetings.Should().ContainSingle().Which.CreatedBy.Should().BeNull();
        audit.Select(a => a.Action).Should().Equal("lead.add", "language.set", "personal-data.erase");
        audit.Should().NotContain(a => a.ActorId == "bo" || a.ActorName == "bo" || a.SubjectId == "bo" || a.SubjectName == "bo");
        audit[0].ActorId.Should().Be("rosa", "rosa's own entries keep her name");
        audit[2].ActorId.Should().BeNull();
        grants.Should().ContainSingle().Which.Should().BeEquivalentTo(new { SubjectId = "bo", SubjectName = (string?)null, GrantedBy = "rosa" });

        // Without a language of their own, bo now reads the coalition's (es) on Slack and Discord's (en) on Discord.
        var after = await bo.SendAsync("/privacy me");
        var (lead, preferencesWord, rsvpsWord, changesWord) = platform == Platform.Slack
            ? ("usted es coordinador", "Preferencias", "Asistencia", "cambio de configuración")
            : ("you are a lead", "Preferences", "RSVPs", "settings change");
        after.Text.Should().Contain(lead).And.NotContain(preferencesWord).And.NotContain(rsvpsWord).And.NotContain(changesWord);
    }

    [DbFact]
    public async Task Erase_Cancel_KeepsEverything()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var bo = await SeedBoAsync(bot);
        await bo.SendAsync("/privacy me");
        await bo.PressAsync("Erase my data");

        var reply = await bo.PressAsync("Cancel");

        reply.Text.Should().Be("Cancelled. Nothing was erased.");
        (await bo.SendAsync("/privacy me")).Text.Should().Contain("language: en").And.Contain("going to Council hearing");
    }

    [DbFact]
    public async Task Erase_AuditLog_ShowsTheActionWithoutTheName()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var bo = await SeedBoAsync(bot);
        await bo.PressAsync(new Core.Replies.ReplyButton("privacy.erase-confirmed", "Yes, erase"));

        var rosa = bot.As(Platform.Slack, Role.Admin, user: "rosa", locale: "en");
        await rosa.SendAsync("/coalition me language en");

        var reply = await rosa.SendAsync("/coalition audit");

        var text = reply.Text;
        text.Should().Contain("(name erased) — language: – → es").And.Contain("rosa — made a lead: (name erased)")
            .And.Contain("a member erased their personal data").And.NotContain("@bo");
    }

    /// <summary>bo is a lead (granted by rosa), chose English, changed the coalition's language, RSVPed and scheduled a meeting; cy has data too.</summary>
    private static async Task<TestUser> SeedBoAsync(TestBot bot, Platform platform = Platform.Slack)
    {
        await bot.As(platform, Role.Admin, user: "rosa").SendAsync("/coalition leads add @bo");
        await bot.As(platform, Role.Admin, user: "bo").SendAsync("/coalition language es");
        var tenant = TestBot.DefaultTenant(platform);
        await bot.InTenantAsync(tenant, sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.UserPreferences.Add(new UserPreference { UserId = "bo", Language = "en" });
            db.UserPreferences.Add(new UserPreference { UserId = "cy", Language = "es" });
            return db.SaveChangesAsync();
        });
        await MeetingsFixturePlugin.SeedAsync(bot, tenant, "bo", "bo", "cy");
        return bot.As(platform, user: "bo", locale: "en");
    }
}

public sealed class PrivacyTestsOnSqlite() : PrivacyTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class PrivacyTestsOnPostgres() : PrivacyTests(DatabaseProvider.Postgres);
