using System.Text.Json.Serialization;

namespace CoalitionBot.Plugins.Campaigns;

internal static class CampaignLimits
{
    public const int NameMax = 60;
    public const int GoalMax = 300;
    public const int ItemMax = 200;
    public const int LabelMax = 100;
    public const int NoteMax = 300;
    public const int MetricNameMax = 40;
}
