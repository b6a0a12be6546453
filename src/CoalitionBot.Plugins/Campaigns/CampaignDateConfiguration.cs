using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignDateConfiguration : IEntityTypeConfiguration<CampaignDate>
{
    public void Configure(EntityTypeBuilder<CampaignDate> builder)
    {
        builder.ToTable("Campaigns_Dates");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Label).HasMaxLength(CampaignLimits.LabelMax).IsRequired();
        builder.HasIndex(d => new { d.TenantId, d.CampaignId, d.At });
    }
}
