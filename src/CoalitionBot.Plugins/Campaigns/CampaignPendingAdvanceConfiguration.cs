using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Campaigns;

internal sealed class CampaignPendingAdvanceConfiguration : IEntityTypeConfiguration<CampaignPendingAdvance>
{
    public void Configure(EntityTypeBuilder<CampaignPendingAdvance> builder)
    {
        builder.ToTable("Campaigns_PendingAdvances");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Note).HasMaxLength(CampaignLimits.NoteMax);
        builder.Property(p => p.UserId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.UserName).HasMaxLength(100).IsRequired();
    }
}
