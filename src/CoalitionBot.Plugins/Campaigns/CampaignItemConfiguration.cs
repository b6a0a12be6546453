using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignItemConfiguration : IEntityTypeConfiguration<CampaignItem>
{
    public void Configure(EntityTypeBuilder<CampaignItem> builder)
    {
        builder.ToTable("Campaigns_Items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.SeedKey).HasMaxLength(32);
        builder.Property(i => i.Text).HasMaxLength(CampaignLimits.ItemMax).IsRequired();
        builder.Property(i => i.DoneBy).HasMaxLength(100);
        builder.HasIndex(i => new { i.TenantId, i.CampaignId, i.Step, i.Position });
    }
}
