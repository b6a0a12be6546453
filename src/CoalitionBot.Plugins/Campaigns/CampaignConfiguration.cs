using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("Campaigns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(CampaignLimits.NameMax).IsRequired();
        builder.Property(c => c.NameKey).HasMaxLength(CampaignLimits.NameMax).IsRequired();
        builder.Property(c => c.Goal).HasMaxLength(CampaignLimits.GoalMax).IsRequired();
        builder.Property(c => c.ChannelId).HasMaxLength(64);
        builder.Property(c => c.ChannelName).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.TenantId, c.NameKey }).IsUnique();
    }
}
