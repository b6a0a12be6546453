using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Coalition;

/// <summary>Starts a bot with the coalition plugin, a lead-only command to probe roles, and the meetings fixture.</summary>
internal static class CoalitionTestBot
{
    public static readonly IReadOnlyList<Platform> Platforms = [Platform.Discord, Platform.Slack, Platform.Console];

    public static async Task<TestBot> StartAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null, DatabaseProvider database = DatabaseProvider.Sqlite)
    {
        var bot = await TestBot.StartAsync(
            clock,
            plugins: ["help", "coalition"],
            extraPlugins: [(new LeadProbePlugin(), null), (new MeetingsFixturePlugin(), null)], database: database);
        await MeetingsFixturePlugin.CreateTablesAsync(bot.Services);
        return bot;
    }

    public static Task<TenantSettings?> SettingsAsync(this TestBot bot, Platform platform) =>
        bot.InTenantAsync(TestBot.DefaultTenant(platform), sp =>
            sp.GetRequiredService<CoalitionBotDbContext>().TenantSettings.AsNoTracking().FirstOrDefaultAsync());

    public static Task<List<AuditEntry>> AuditAsync(this TestBot bot, Platform platform) =>
        bot.InTenantAsync(TestBot.DefaultTenant(platform), sp =>
            sp.GetRequiredService<CoalitionBotDbContext>().AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    private sealed class LeadProbePlugin : BotPlugin
    {
        public override string Name => "probe";

        public override string Description => "A lead-only command for role tests.";

        public override IEnumerable<Type> Modules => [typeof(LeadProbeCommands)];
    }
}

public sealed class LeadProbeCommands : CommandModule
{
    [Command("probe lead", "Only leads may run this", Role = Role.Lead)]
    public CommandResult Lead() => new Reply { Text = $"lead ok for {Context.User.Id}" };
}
