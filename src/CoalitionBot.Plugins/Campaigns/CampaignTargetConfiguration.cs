using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> builder)
    {
        builder.ToTable("Campaigns_Targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.StakeholderName).HasMaxLength(120).IsRequired();
        builder.HasIndex(t => new { t.TenantId, t.CampaignId, t.StakeholderId }).IsUnique();
    }
}
