using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The tasks that count toward a campaign, for the campaigns plugin's status (cancelled ones left out).</summary>
internal sealed class CampaignTaskSource(TasksDbContext db) : ICampaignTaskSource
{
    public async Task<IReadOnlyList<CampaignTask>> ListAsync(long campaignId, CancellationToken cancellationToken)
    {
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.CampaignId == campaignId && t.Step != null && t.Status != OutreachTaskStatus.Cancelled)
            .OrderBy(t => t.Number).ToListAsync(cancellationToken);
        return rows.Select(t => new CampaignTask(t.Number, t.Step!.Value, t.Title, t.AssigneeName ?? string.Empty, t.Status == OutreachTaskStatus.Done, t.DueAt)).ToList();
    }
}
