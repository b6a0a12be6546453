using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Meetings;

public abstract class MeetingPrivacyTests(DatabaseProvider database)
{
    [DbFact]
    public async Task PrivacyMe_ShowsRsvpsAndMeetings_AndErasureRemovesThem()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["coalition", "meetings", "tp"], database: database);
        var tenant = TestBot.DefaultTenant(Platform.Slack);
        var lead = bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");
        await lead.SendAsync("/meeting add Hearing \"2026-03-10 18:00\"");
        await lead.SendAsync("/tp add \"Parks for all\" Parks serve every family.");
        var ana = bot.As(Platform.Slack, user: "U0ANA");
        await ana.SendAsync("/meeting next");
        await ana.PressAsync("Going");

        var anaSees = await ana.SendAsync("/privacy me");
        var leadSees = await lead.SendAsync("/privacy me");
        var erased = await bot.InTenantAsync(tenant, sp => sp.GetRequiredService<PersonalDataService>().EraseAsync(new UserRef("U0ANA", "U0ANA"), CancellationToken.None));
        var leadErased = await bot.InTenantAsync(tenant, sp => sp.GetRequiredService<PersonalDataService>().EraseAsync(new UserRef("U0LEAD", "U0LEAD"), CancellationToken.None));

        anaSees.Text.Should().Contain("going to Hearing");
        leadSees.Text.Should().Contain("1 meeting you scheduled").And.Contain("your name on 1 coalition point and");
        erased.Erased.Should().BeGreaterThanOrEqualTo(1);
        leadErased.Anonymized.Should().BeGreaterThanOrEqualTo(2);
        var left = await bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<MeetingsDbContext>();
            return (Rsvps: await db.Rsvps.CountAsync(), Creator: await db.Meetings.Select(m => m.CreatedBy).SingleAsync());
        });
        left.Rsvps.Should().Be(0);
        left.Creator.Should().BeEmpty();
        (await lead.SendAsync("/meeting show 1")).IsSuccess.Should().BeTrue("the meeting itself stays");
    }
}

public sealed class MeetingPrivacyTestsOnSqlite() : MeetingPrivacyTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class MeetingPrivacyTestsOnPostgres() : MeetingPrivacyTests(DatabaseProvider.Postgres);
