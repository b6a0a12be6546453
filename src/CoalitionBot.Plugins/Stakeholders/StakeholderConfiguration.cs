using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Stakeholders;

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> builder)
    {
        builder.ToTable("Stakeholders");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(s => s.NameKey).HasMaxLength(StakeholderFields.NameMax).IsRequired();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Office).HasMaxLength(StakeholderFields.ShortMax);
        builder.Property(s => s.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Jurisdiction).HasMaxLength(StakeholderFields.ShortMax);
        builder.Property(s => s.Stance).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Influence).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Phone).HasMaxLength(StakeholderFields.PhoneMax);
        builder.Property(s => s.Email).HasMaxLength(StakeholderFields.EmailMax);
        builder.Property(s => s.Website).HasMaxLength(StakeholderFields.WebsiteMax);
        builder.Property(s => s.Committees).HasMaxLength(StakeholderFields.ListMax);
        builder.Property(s => s.Tags).HasMaxLength(StakeholderFields.ListMax);
        builder.Property(s => s.Notes).HasMaxLength(StakeholderFields.NotesMax);
        builder.Property(s => s.OwnerId).HasMaxLength(64);
        builder.Property(s => s.OwnerName).HasMaxLength(100);
        builder.Ignore(s => s.LastTouchedAt);
        builder.HasIndex(s => new { s.TenantId, s.NameKey }).IsUnique();
    }
}
