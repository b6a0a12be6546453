using System.Text.Json.Serialization;
using CoalitionBot.Core.Persistence;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One reading of a metric: its value and goal at the moment a lead set it, so the metric's trend can be drawn.</summary>
public sealed class CampaignMetricSample : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long CampaignId { get; set; }

    public long MetricId { get; set; }

    /// <summary>The metric read (set when the metric is new, so both are saved together).</summary>
    public CampaignMetric? Metric { get; set; }

    public long Value { get; set; }

    public long Goal { get; set; }

    public DateTimeOffset At { get; set; }
}
