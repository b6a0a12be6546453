using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

/// <summary>Starts a bot with the stakeholders plugin and reads its tables directly, to check what commands stored.</summary>
internal static class StakeholderTestBot
{
    public static Task<TestBot> StartAsync(DatabaseProvider database = DatabaseProvider.Sqlite) =>
        TestBot.StartAsync(plugins: ["help", "stakeholders"], database: database);

    public static async Task<TestUser> LeadWithMapAsync(TestBot bot, Platform platform = Platform.Slack)
    {
        var lead = bot.As(platform, Role.Lead, user: "lena");
        foreach (var line in new[]
        {
            "/stakeholder add \"Ana Ruiz\" kind:city-council-member jurisdiction:Springfield influence:high stance:neutral tags:budget,police",
            "/stakeholder add \"Tomás Ruiz\" kind:sheriff level:county jurisdiction:Lake County influence:high stance:passive-opponent",
            "/stakeholder add \"Carmen Ramírez\" kind:mayor jurisdiction:Springfield stance:active-ally office:\"Mayor, Springfield\"",
            "/stakeholder add \"First Baptist Church\" kind:faith-community jurisdiction:Springfield stance:passive-ally influence:low",
        })
        {
            var reply = await lead.SendAsync(line);
            reply.IsSuccess.Should().BeTrue(reply.Text);
        }

        return lead;
    }

    public static Task<List<StakeholderEvent>> EventsAsync(TestBot bot, TenantId tenant) =>
        bot.InTenantAsync(tenant, sp => sp.GetRequiredService<StakeholdersDbContext>().Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public static Task<List<Stakeholder>> StakeholdersAsync(TestBot bot, TenantId tenant) =>
        bot.InTenantAsync(tenant, sp => sp.GetRequiredService<StakeholdersDbContext>().Stakeholders.AsNoTracking().OrderBy(s => s.NameKey).ToListAsync());

    public static async Task<Stakeholder> OneAsync(TestBot bot, TenantId tenant, string name) =>
        (await StakeholdersAsync(bot, tenant)).Single(s => s.Name == name);
}
