using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>/stakeholder</c>: the coalition's private power map of officials and organizations on the spectrum of allies.</summary>
/// <remarks>Registers <see cref="IPowerMap"/> for the other plugins, and shows the <see cref="IStakeholderCardSection"/>s they register on each card.</remarks>
public sealed class StakeholdersPlugin : BotPlugin<StakeholdersSettings>
{
    public const string PluginName = "stakeholders";

    public override string Name => PluginName;

    public override string Description => "The power map: officials and organizations on the spectrum of allies (never anyone's immigration status).";

    public override IEnumerable<Type> Modules => [typeof(StakeholderCommands), typeof(StakeholderMapCommands)];

    protected override void ConfigureServices(IServiceCollection services, StakeholdersSettings settings)
    {
        services.AddTenantDbContext<StakeholdersDbContext, PostgresStakeholdersDbContext>(PluginName);
        services.AddScoped<StakeholderDirectory>();
        services.AddScoped<IPowerMap, StakeholderPowerMap>();
        services.AddScoped<StakeholderCsv>();
        services.AddCliCommand<StakeholdersCli>();
    }
}
