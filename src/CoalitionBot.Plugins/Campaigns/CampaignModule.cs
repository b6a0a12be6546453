using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>What the <c>/campaign</c> modules share: the help of the <c>campaign</c> option.</summary>
internal abstract class CampaignModule : CommandModule
{
    protected const string CampaignHelp = "Which campaign (default: the only one)";
}
