using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Adds "Target of: Springfield (Step 4: Negotiation)" to a stakeholder's card.</summary>
internal sealed class CampaignCardSection(CampaignsDbContext db) : IStakeholderCardSection
{
    public async Task<ReplyField?> DescribeAsync(StakeholderRef stakeholder, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stakeholder);
        ArgumentNullException.ThrowIfNull(context);
        var ids = await db.Targets.Where(t => t.StakeholderId == stakeholder.Id).Select(t => t.CampaignId).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        var campaigns = (await db.Campaigns.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken)).OrderBy(c => c.NameKey, StringComparer.Ordinal);
        return new ReplyField(
            context.T("campaigns.card.target-of"),
            string.Join(", ", campaigns.Select(c => context.T("campaigns.card.campaign", new { campaign = c.Name, step = CampaignSteps.Label(c.Step, context.Strings) }))));
    }
}
