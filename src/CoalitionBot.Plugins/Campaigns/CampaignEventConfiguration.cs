using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> builder)
    {
        builder.ToTable("Campaigns_History");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Detail).HasMaxLength(400);
        builder.Property(e => e.ByUserId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.At });
    }
}
