using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignMetricConfiguration : IEntityTypeConfiguration<CampaignMetric>
{
    public void Configure(EntityTypeBuilder<CampaignMetric> builder)
    {
        builder.ToTable("Campaigns_Metrics");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(CampaignLimits.MetricNameMax).IsRequired();
        builder.Property(m => m.NameKey).HasMaxLength(CampaignLimits.MetricNameMax).IsRequired();
        builder.HasIndex(m => new { m.TenantId, m.CampaignId, m.NameKey }).IsUnique();
    }
}
