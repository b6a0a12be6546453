using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>What the <c>/campaign</c> modules share: the help of the <c>campaign</c> option and the reader of their answers.</summary>
internal abstract class CampaignModule : CommandModule
{
    protected const string CampaignHelp = "Which campaign (default: the only one)";

    /// <summary>The caller's strings, culture and zone at <paramref name="now"/>, for the cards.</summary>
    protected CampaignReader ReaderAt(DateTimeOffset now) => new(Context.Strings, Context.Culture, Context.TimeZone, now);
}
