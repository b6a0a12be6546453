using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Coalition;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Coalition;

public abstract class CoalitionDataTests(DatabaseProvider database)
{
    private static readonly TenantId Neighbor = TenantId.For(Platform.Slack, "TNEIGHBOR");

    [DbFact]
    public async Task Export_ShowsEveryNonEmptyTableAndTheHostCommand()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin);
        await admin.SendAsync("/coalition timezone America/Chicago");
        await MeetingsFixturePlugin.SeedAsync(bot, admin.Caller.Tenant, "rosa", "bo", "cy");

        var reply = await admin.SendAsync("/coalition export");

        reply.Text.Should().Contain("dotnet run --project src/CoalitionBot.Host -- export --tenant slack:T0TESTTEAM coalition-export.json");
        reply.Reply.Bullets.Select(Markup.ToPlainText).Should().BeEquivalentTo(
            "core.AuditEntries: 1", "core.TenantSettings: 1", "meetings-fixture.FixtureMeetings: 1", "meetings-fixture.FixtureRsvps: 2");
        reply.Reply.Ephemeral.Should().BeTrue();
    }

    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Delete_PhraseThenButton_RemovesEveryRowOfTheCoalitionOnly(Platform platform)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(platform, Role.Admin);
        var tenant = admin.Caller.Tenant;
        await SeedEverythingAsync(bot, admin);
        await SeedEverythingAsync(bot, bot.As(Platform.Slack, Role.Admin, tenant: Neighbor));
        var neighborRows = await RowsOfAsync(bot, Neighbor);

        var warning = await admin.SendAsync("/coalition delete");
        warning.Text.Should().Contain("permanently deletes").And.Contain($"/coalition delete confirm:{tenant.Value}");
        (await RowsOfAsync(bot, tenant)).Should().BePositive();

        var confirm = await admin.SendAsync($"/coalition delete confirm:{tenant.Value}");
        confirm.Meaning.Buttons.Select(b => b.Label).Should().Equal("Delete everything", "Cancel");
        (await RowsOfAsync(bot, tenant)).Should().BePositive();

        var done = await admin.PressAsync("Delete everything");

        done.Text.Should().Contain("The bot holds nothing of this coalition now");
        (await RowsOfAsync(bot, tenant)).Should().Be(0);
        (await RowsOfAsync(bot, Neighbor)).Should().Be(neighborRows);
    }

    [DbFact]
    public async Task Delete_WrongPhrase_DeletesNothing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Discord, Role.Admin);
        await SeedEverythingAsync(bot, admin);
        var before = await RowsOfAsync(bot, admin.Caller.Tenant);

        var reply = await admin.SendAsync("/coalition delete confirm:yes");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("doesn't match").And.Contain("Nothing was deleted");
        reply.Reply.Buttons.Should().BeEmpty();
        (await RowsOfAsync(bot, admin.Caller.Tenant)).Should().Be(before);
    }

    [DbFact]
    public async Task Delete_AnotherCoalitionsId_DeletesNothing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin);
        await SeedEverythingAsync(bot, admin);

        var reply = await admin.SendAsync($"/coalition delete confirm:{Neighbor.Value}");

        reply.Kind.Should().Be(ResultKind.Invalid);
        (await RowsOfAsync(bot, admin.Caller.Tenant)).Should().BePositive();
    }

    [DbFact]
    public async Task Delete_ButtonPressedTooLate_DeletesNothing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin);
        await SeedEverythingAsync(bot, admin);
        var before = await RowsOfAsync(bot, admin.Caller.Tenant);
        await admin.SendAsync($"/coalition delete confirm:{admin.Caller.Tenant.Value}");
        bot.Clock.Advance(CoalitionDataCommands.ConfirmationWindow + TimeSpan.FromSeconds(1));

        var reply = await admin.PressAsync("Delete everything");

        reply.Text.Should().Contain("expired").And.Contain("Nothing was deleted");
        (await RowsOfAsync(bot, admin.Caller.Tenant)).Should().Be(before);
    }

    [DbFact]
    public async Task Delete_Cancel_DeletesNothing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Console, Role.Admin);
        await SeedEverythingAsync(bot, admin);
        var before = await RowsOfAsync(bot, admin.Caller.Tenant);
        await admin.SendAsync($"/coalition delete confirm:{admin.Caller.Tenant.Value}");

        var reply = await admin.PressAsync("Cancel");

        reply.Text.Should().Be("Cancelled. Nothing was deleted.");
        (await RowsOfAsync(bot, admin.Caller.Tenant)).Should().Be(before);
    }

    [DbFact]
    public async Task Delete_ButtonPressedByALead_Forbidden()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Slack, Role.Admin);
        await SeedEverythingAsync(bot, admin);
        var confirm = await admin.SendAsync($"/coalition delete confirm:{admin.Caller.Tenant.Value}");

        var reply = await bot.As(Platform.Slack, Role.Lead, user: "bo").PressAsync(confirm.Reply.Buttons[0]);

        reply.Kind.Should().Be(ResultKind.Forbidden);
        (await RowsOfAsync(bot, admin.Caller.Tenant)).Should().BePositive();
    }

    /// <summary>Rows in every coalition table: settings, a lead grant, a preference, audit entries, and the fixture plugin's meeting and RSVPs.</summary>
    internal static async Task SeedEverythingAsync(TestBot bot, TestUser admin)
    {
        await admin.SendAsync("/coalition timezone America/Chicago");
        await admin.SendAsync("/coalition leads add @bo");
        await bot.InTenantAsync(admin.Caller.Tenant, sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.UserPreferences.Add(new UserPreference { UserId = "bo", Language = "es", UpdatedAt = bot.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        await MeetingsFixturePlugin.SeedAsync(bot, admin.Caller.Tenant, "rosa", "bo", "cy");
        var counts = await bot.Services.GetRequiredService<TenantDataStore>().CountAsync(admin.Caller.Tenant, CancellationToken.None);
        string[] seeded = ["core.TenantSettings", "core.LeadGrants", "core.UserPreferences", "core.AuditEntries",
            "meetings-fixture.FixtureMeetings", "meetings-fixture.FixtureRsvps"];
        counts.Where(c => seeded.Contains(c.Name)).Should().HaveCount(seeded.Length)
            .And.OnlyContain(c => c.Rows > 0, "every seeded table should hold a row before deleting");
    }

    /// <summary>The tenant's rows in every table of every registered context, counted past the tenant filter.</summary>
    internal static async Task<int> RowsOfAsync(TestBot bot, TenantId tenant)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var total = 0;
        foreach (var registration in scope.ServiceProvider.GetServices<DbContextRegistration>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            // Instance coordination rows (leases, delivery records) hold no coalition's data; every other table is tenant-scoped (see TenantDataTests).
            foreach (var entity in db.Model.GetEntityTypes().Where(e => typeof(ITenantScoped).IsAssignableFrom(e.ClrType)))
            {
                var rows = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                    .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
                total += await rows.IgnoreQueryFilters().Cast<ITenantScoped>().CountAsync(r => r.TenantId == tenant.Value);
            }
        }

        return total;
    }
}

public sealed class CoalitionDataTestsOnSqlite() : CoalitionDataTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CoalitionDataTestsOnPostgres() : CoalitionDataTests(DatabaseProvider.Postgres);
