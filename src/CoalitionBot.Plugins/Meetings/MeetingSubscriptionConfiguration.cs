using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class MeetingSubscriptionConfiguration : IEntityTypeConfiguration<MeetingSubscription>
{
    public void Configure(EntityTypeBuilder<MeetingSubscription> builder)
    {
        builder.ToTable("Meetings_Subscriptions");
        builder.HasKey(s => s.Id);
        builder.HasNumberedSource();
        builder.Property(s => s.Url).HasMaxLength(500).IsRequired();
        builder.Property(s => s.Name).HasMaxLength(120).IsRequired();
        builder.Property(s => s.Filter).HasMaxLength(200);
        builder.Property(s => s.ETag).HasMaxLength(200);
        builder.Property(s => s.LastModified).HasMaxLength(100);
        builder.Property(s => s.LastError).HasMaxLength(300);
        builder.HasIndex(s => s.NextRefreshAt);
    }
}
