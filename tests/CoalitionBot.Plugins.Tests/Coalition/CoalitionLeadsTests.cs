using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Coalition;

public abstract class CoalitionLeadsTests(DatabaseProvider database)
{
    [DbTheory]
    [InlineData(Platform.Discord, "<@445566>", "445566")]
    [InlineData(Platform.Slack, "<@U0BO|bo>", "U0BO")]
    [InlineData(Platform.Console, "@bo", "bo")]
    public async Task LeadsAdd_Person_CanUseLeadCommandsOnTheirVeryNextCommand(Platform platform, string mention, string id)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var bo = bot.As(platform, Role.Member, user: id);
        (await bo.SendAsync("/probe lead")).Kind.Should().Be(ResultKind.Forbidden);

        var added = await bot.As(platform, Role.Admin).SendAsync($"/coalition leads add {mention}");

        added.IsSuccess.Should().BeTrue(added.Text);
        added.Text.Should().Contain($"@{id} is now a lead");
        (await bo.SendAsync("/probe lead")).Text.Should().Be($"lead ok for {id}");
    }

    [DbTheory]
    [InlineData(Platform.Discord, "<@&7788>", "7788")]
    [InlineData(Platform.Slack, "<!subteam^S0ORG|organizers>", "S0ORG")]
    [InlineData(Platform.Console, "@&organizers", "organizers")]
    public async Task LeadsAdd_Role_EveryoneWithTheRoleBecomesLead(Platform platform, string mention, string roleId)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        await bot.As(platform, Role.Admin).SendAsync($"/coalition leads add {mention}");

        (await bot.As(platform, user: "cy", platformRoleIds: [roleId]).SendAsync("/probe lead")).IsSuccess.Should().BeTrue();
        (await bot.As(platform, user: "dee", platformRoleIds: ["someone-else"]).SendAsync("/probe lead")).Kind.Should().Be(ResultKind.Forbidden);
    }

    [DbFact]
    public async Task LeadsRemove_TakesEffectOnTheNextCommand_AndIsAudited()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin, user: "rosa");
        await admin.SendAsync("/coalition leads add @bo");
        var bo = bot.As(Platform.Slack, user: "bo");
        (await bo.SendAsync("/probe lead")).IsSuccess.Should().BeTrue();

        var removed = await admin.SendAsync("/coalition leads remove @bo");

        removed.Text.Should().Contain("@bo is no longer a lead");
        (await bo.SendAsync("/probe lead")).Kind.Should().Be(ResultKind.Forbidden);
        (await bot.AuditAsync(Platform.Slack)).Select(a => (a.Action, a.SubjectId, a.ActorId))
            .Should().Equal(("lead.add", "bo", "rosa"), ("lead.remove", "bo", "rosa"));
    }

    [DbFact]
    public async Task LeadsAdd_Twice_KeepsOneGrantAndOneAuditEntry()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin);
        await admin.SendAsync("/coalition leads add @bo");

        var again = await admin.SendAsync("/coalition leads add @bo");

        again.Text.Should().Contain("already a lead");
        var grants = await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Slack), sp =>
            sp.GetRequiredService<CoalitionBotDbContext>().LeadGrants.CountAsync());
        grants.Should().Be(1);
        (await bot.AuditAsync(Platform.Slack)).Should().ContainSingle();
    }

    [DbTheory]
    [InlineData("/coalition leads remove @nobody", ResultKind.NotFound, "@nobody is not a lead")]
    [InlineData("/coalition leads add", ResultKind.Invalid, "Who? Mention a person or a role")]
    [InlineData("/coalition leads add bo", ResultKind.Invalid, "bo is not a person or a role")]
    [InlineData("/coalition leads promote @bo", ResultKind.Invalid, "promote is not one of: list, add, remove")]
    [InlineData("/coalition leads list @bo", ResultKind.Invalid, "Say what to do")]
    public async Task Leads_BadInput_ClearErrorAndNothingChanged(string command, ResultKind kind, string expected)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync(command);

        reply.Kind.Should().Be(kind);
        reply.Text.Should().Contain(expected);
        (await bot.AuditAsync(Platform.Console)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Leads_List_ShowsPeopleAndRoles()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Console, Role.Admin);
        await admin.SendAsync("/coalition leads add @bo");
        await admin.SendAsync("/coalition leads add @&organizers");

        var reply = await admin.SendAsync("/coalition leads");

        reply.Reply.Title.Should().Be("Leads (2)");
        reply.Text.Should().Contain("• @bo · since 3/2/2026").And.Contain("• @&organizers · since 3/2/2026");
    }

    [DbFact]
    public async Task Leads_None_ExplainsHowToAdd()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition leads");

        reply.Text.Should().Contain("No leads yet").And.Contain("/coalition leads add @person");
    }

    [DbFact]
    public async Task LeadsAdd_ByALead_Forbidden()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition leads add @bo");

        var reply = await bot.As(Platform.Slack, user: "bo").SendAsync("/coalition leads add @cy");

        reply.Kind.Should().Be(ResultKind.Forbidden);
        (await bot.As(Platform.Slack, user: "cy").SendAsync("/probe lead")).Kind.Should().Be(ResultKind.Forbidden);
    }
}

public sealed class CoalitionLeadsTestsOnSqlite() : CoalitionLeadsTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CoalitionLeadsTestsOnPostgres() : CoalitionLeadsTests(DatabaseProvider.Postgres);
