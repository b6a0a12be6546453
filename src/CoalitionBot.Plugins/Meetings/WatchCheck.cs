namespace CoalitionBot.Plugins.Meetings;

/// <summary>What one check of a watch did, or why it changed nothing.</summary>
public sealed record WatchCheck(FeedSyncResult? Import, int Alerts, CatalogText? Error)
{
    public bool Ok => Error is null;
}
