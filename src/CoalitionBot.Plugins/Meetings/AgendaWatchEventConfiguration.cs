using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class AgendaWatchEventConfiguration : IEntityTypeConfiguration<AgendaWatchEvent>
{
    public void Configure(EntityTypeBuilder<AgendaWatchEvent> builder)
    {
        builder.ToTable("Meetings_AgendaWatchEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Version).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.WatchId, e.EventId }).IsUnique();
    }
}
