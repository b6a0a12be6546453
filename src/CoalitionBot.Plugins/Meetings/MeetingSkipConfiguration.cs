using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class MeetingSkipConfiguration : IEntityTypeConfiguration<MeetingSkip>
{
    public void Configure(EntityTypeBuilder<MeetingSkip> builder)
    {
        builder.ToTable("Meetings_Skips");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SkippedBy).HasMaxLength(64);
        builder.HasIndex(s => new { s.TenantId, s.MeetingId, s.OccurrenceStart }).IsUnique();
    }
}
