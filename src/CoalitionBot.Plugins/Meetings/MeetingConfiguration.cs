using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);
        builder.HasNumberedSource();
        builder.Property(m => m.Title).HasMaxLength(120).IsRequired();
        builder.Property(m => m.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Location).HasMaxLength(200);
        builder.Property(m => m.Rule).HasMaxLength(300);
        builder.Property(m => m.RuleText).HasMaxLength(200);
        builder.Property(m => m.Agenda).HasMaxLength(1000);
        builder.Property(m => m.ExternalKey).HasMaxLength(300);
        builder.HasIndex(m => new { m.TenantId, m.SubscriptionId, m.ExternalKey }).IsUnique();
        builder.HasIndex(m => new { m.TenantId, m.WatchId, m.ExternalKey }).IsUnique();
    }
}
