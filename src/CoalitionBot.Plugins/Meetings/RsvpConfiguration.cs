using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> builder)
    {
        builder.ToTable("Meetings_Rsvps");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.UserName).HasMaxLength(100);
        builder.HasIndex(r => new { r.TenantId, r.MeetingId, r.OccurrenceStart, r.UserId }).IsUnique();
    }
}
