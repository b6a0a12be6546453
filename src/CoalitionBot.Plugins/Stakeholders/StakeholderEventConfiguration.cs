using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

internal sealed class StakeholderEventConfiguration : IEntityTypeConfiguration<StakeholderEvent>
{
    public void Configure(EntityTypeBuilder<StakeholderEvent> builder)
    {
        builder.ToTable("StakeholderEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.StakeholderName).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Field).HasMaxLength(32);
        builder.Property(e => e.OldValue).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.NewValue).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.Note).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(e => e.ByUserId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => new { e.TenantId, e.StakeholderId, e.At });
    }
}
