using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Meetings;

internal sealed class AgendaWatchConfiguration : IEntityTypeConfiguration<AgendaWatch>
{
    public void Configure(EntityTypeBuilder<AgendaWatch> builder)
    {
        builder.ToTable("Meetings_AgendaWatches");
        builder.HasKey(w => w.Id);
        builder.HasNumberedSource();
        builder.Property(w => w.Client).HasMaxLength(64).IsRequired();
        builder.Property(w => w.BodyIds).HasMaxLength(500);
        builder.Property(w => w.BodyNames).HasMaxLength(500);
        builder.Property(w => w.Keywords).HasMaxLength(500);
        builder.Property(w => w.MatterFile).HasMaxLength(64);
        builder.Property(w => w.MatterTitle).HasMaxLength(300);
        builder.Property(w => w.MatterStatus).HasMaxLength(100);
        builder.Property(w => w.MatterAgendaDate).HasMaxLength(40);
        builder.Property(w => w.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(w => w.ProtectedToken).HasMaxLength(2000);
        builder.Property(w => w.ChangedSince).HasMaxLength(40);
        builder.Property(w => w.LastError).HasMaxLength(300);
        builder.Property(w => w.LeaseOwner).HasMaxLength(64);
        builder.HasIndex(w => w.NextCheckAt);
    }
}
