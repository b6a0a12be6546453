using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

internal sealed class StakeholderPendingPickConfiguration : IEntityTypeConfiguration<StakeholderPendingPick>
{
    public void Configure(EntityTypeBuilder<StakeholderPendingPick> builder)
    {
        builder.ToTable("StakeholderPendingPicks");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.UserId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Payload).HasMaxLength(4000).IsRequired();
        builder.Property(p => p.CandidateIds).HasMaxLength(200).IsRequired();
        builder.HasIndex(p => p.CreatedAt);
    }
}
