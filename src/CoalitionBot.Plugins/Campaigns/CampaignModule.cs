using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>What the <c>/campaign</c> modules share: the help of the <c>campaign</c> option and answers in the caller's language.</summary>
internal abstract class CampaignModule : CommandModule
{
    protected const string CampaignHelp = "Which campaign (default: the only one)";
    protected const string CampaignHelpEs = "Qué campaña (por defecto: la única)";

    protected bool Spanish => Context.IsSpanish;

    protected string Say(string english, string spanish) => Context.Say(english, spanish);
}
