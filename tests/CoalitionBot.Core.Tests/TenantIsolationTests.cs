using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

public abstract class TenantIsolationTests(DatabaseProvider database)
{
    private static readonly TenantId Springfield = TenantId.For(Platform.Slack, "TSPRING");
    private static readonly TenantId Shelbyville = TenantId.For(Platform.Discord, "4242");

    [DbFact]
    public async Task Query_RowsOfAnotherTenant_AreInvisible()
    {
        await using var bot = await TestBot.StartAsync(database: database);
        await SeedAsync(bot, Springfield, "ana");
        await SeedAsync(bot, Shelbyville, "ben");

        var seen = await bot.InTenantAsync(Springfield, sp =>
            sp.GetRequiredService<CoalitionBotDbContext>().UserPreferences.Select(p => p.UserId).ToListAsync());

        seen.Should().Equal("ana");
    }

    [DbFact]
    public async Task Query_NoTenantInScope_SeesNothing()
    {
        await using var bot = await TestBot.StartAsync(database: database);
        await SeedAsync(bot, Springfield, "ana");

        await using var scope = bot.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().UserPreferences.CountAsync();

        count.Should().Be(0);
    }

    [DbFact]
    public async Task Save_StampsTheScopesTenant()
    {
        await using var bot = await TestBot.StartAsync(database: database);
        await SeedAsync(bot, Shelbyville, "ben");

        await using var scope = bot.Services.CreateAsyncScope();
        var all = await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().UserPreferences.IgnoreQueryFilters().ToListAsync();

        all.Should().ContainSingle().Which.TenantId.Should().Be(Shelbyville.Value);
    }

    [DbFact]
    public async Task Save_RowOfAnotherTenant_IsRefused()
    {
        await using var bot = await TestBot.StartAsync(database: database);

        var act = () => bot.InTenantAsync(Springfield, sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.UserPreferences.Add(new UserPreference { TenantId = Shelbyville.Value, UserId = "mallory" });
            return db.SaveChangesAsync();
        });

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*another tenant*");
    }

    [DbFact]
    public void TenantContext_SwitchingTenantInOneScope_Throws()
    {
        var context = new TenantContext();
        context.Set(Springfield);

        var act = () => context.Set(Shelbyville);

        act.Should().Throw<InvalidOperationException>();
    }

    private static Task<int> SeedAsync(TestBot bot, TenantId tenant, string user) =>
        bot.InTenantAsync(tenant, sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.UserPreferences.Add(new UserPreference { UserId = user, Language = "es", UpdatedAt = bot.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });

    [DbTheory]
    [InlineData("discord:900000000000000001", Platform.Discord, "900000000000000001")]
    [InlineData("slack:T0123", Platform.Slack, "T0123")]
    [InlineData("slack:T0123", Platform.Discord, null)]
    [InlineData("console:local", Platform.Discord, null)]
    [InlineData("discord:", Platform.Discord, null)]
    public void WorkspaceOf_ReadsBackWhatForBuilt(string tenant, Platform platform, string? expected)
    {
        new TenantId(tenant).WorkspaceOf(platform).Should().Be(expected);
        if (expected is not null)
        {
            TenantId.For(platform, expected).Value.Should().Be(tenant);
        }
    }
}

public sealed class TenantIsolationTestsOnSqlite() : TenantIsolationTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class TenantIsolationTestsOnPostgres() : TenantIsolationTests(DatabaseProvider.Postgres);
