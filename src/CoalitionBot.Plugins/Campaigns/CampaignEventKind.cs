using System.Text.Json.Serialization;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>What a <see cref="CampaignEvent"/> records.</summary>
public enum CampaignEventKind
{
    Started = 0,
    Advanced = 1,
    SteppedBack = 2,
    Checked = 3,
    Unchecked = 4,
    ItemAdded = 5,
    ItemRemoved = 6,
    TargetAdded = 7,
    TargetRemoved = 8,
    DateAdded = 9,
    DateRemoved = 10,
    MetricSet = 11,
    ChannelChanged = 12,
    Closed = 13,
    Reopened = 14,
}
