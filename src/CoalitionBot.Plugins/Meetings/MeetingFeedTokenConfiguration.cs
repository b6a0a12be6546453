using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class MeetingFeedTokenConfiguration : IEntityTypeConfiguration<MeetingFeedToken>
{
    public void Configure(EntityTypeBuilder<MeetingFeedToken> builder)
    {
        builder.ToTable("Meetings_FeedTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Token).HasMaxLength(64).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.HasIndex(t => t.Token).IsUnique();
        builder.HasIndex(t => t.TenantId).IsUnique();
    }
}
