using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Coalition;
using CoalitionBot.Plugins.Help;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Plugins.TalkingPoints;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Plugins.Tasks;

namespace CoalitionBot.Plugins;

/// <summary>The catalog of built-in plugins that plugins.json names select from.</summary>
public static class BuiltInPlugins
{
    /// <summary>Built-in plugins by name.</summary>
    public static IReadOnlyDictionary<string, Func<IBotPlugin>> Catalog { get; } =
        new Dictionary<string, Func<IBotPlugin>>(StringComparer.OrdinalIgnoreCase)
        {
            ["help"] = () => new HelpPlugin(),
            ["tp"] = () => new TalkingPointsPlugin(),
            ["meetings"] = () => new MeetingsPlugin(),
            [StakeholdersPlugin.PluginName] = () => new StakeholdersPlugin(),
            [CampaignsPlugin.PluginName] = () => new CampaignsPlugin(),
            ["coalition"] = () => new CoalitionPlugin(),
            [TasksPlugin.PluginName] = () => new TasksPlugin(),
        };
}
