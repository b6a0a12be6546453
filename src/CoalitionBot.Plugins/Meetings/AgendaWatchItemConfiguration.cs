using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class AgendaWatchItemConfiguration : IEntityTypeConfiguration<AgendaWatchItem>
{
    public void Configure(EntityTypeBuilder<AgendaWatchItem> builder)
    {
        builder.ToTable("Meetings_AgendaWatchItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Title).HasMaxLength(1000).IsRequired();
        builder.Property(i => i.MatterFile).HasMaxLength(64);
        builder.Property(i => i.Keyword).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Version).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => new { i.TenantId, i.WatchId, i.EventItemId }).IsUnique();
    }
}
