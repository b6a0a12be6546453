using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Plugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary><c>/campaign</c>: the escalation tracker that moves a campaign through the six steps of nonviolent social change.</summary>
/// <remarks>
/// Builds on the power map (targets), meetings (the next meeting, targets met) and tasks (tasks tagged with a step), each
/// optional: with one of them off, its part of the status is left out. Registers <see cref="ICampaignLookup"/> for the tasks plugin.
/// </remarks>
public sealed class CampaignsPlugin : BotPlugin
{
    public const string PluginName = "campaigns";

    public override string Name => PluginName;

    public override string Description => "The escalation tracker: campaigns through the six steps of nonviolent social change";

    /// <summary>The tactics' names and texts (from <c>Content/tactics.json</c>), translated through the catalogs like any string.</summary>
    public override IEnumerable<CatalogText> CatalogTexts => TacticsCatalog.Shipped.CatalogTexts();

    public override IEnumerable<Type> Modules =>
    [
        typeof(CampaignCommands),
        typeof(CampaignStepCommands),
        typeof(CampaignChecklistCommands),
        typeof(CampaignTimelineCommands),
        typeof(CampaignTacticsCommands),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        // Loaded (and checked) here, so a broken catalog stops start-up with the problem named.
        var tactics = TacticsCatalog.Shipped;
        services.AddSingleton(tactics);
        services.AddTenantDbContext<CampaignsDbContext, PostgresCampaignsDbContext>(PluginName);
        services.AddScoped<CampaignStore>();
        services.AddScoped<ICampaignLookup>(sp => sp.GetRequiredService<CampaignStore>());
        services.AddScoped<CampaignProgress>();
        services.AddPersonalDataProvider<CampaignsPersonalData>();

        // Shown on stakeholder cards when the power map is loaded; unused otherwise.
        services.AddScoped<IStakeholderCardSection, CampaignCardSection>();
    }
}
