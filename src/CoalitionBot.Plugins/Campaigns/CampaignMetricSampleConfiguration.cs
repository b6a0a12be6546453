using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignMetricSampleConfiguration : IEntityTypeConfiguration<CampaignMetricSample>
{
    public void Configure(EntityTypeBuilder<CampaignMetricSample> builder)
    {
        builder.ToTable("Campaigns_MetricSamples");
        builder.HasKey(m => m.Id);
        builder.HasOne(m => m.Metric).WithMany().HasForeignKey(m => m.MetricId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TenantId, m.MetricId, m.At });
    }
}
