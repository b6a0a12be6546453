using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

internal sealed class OutreachTaskConfiguration : IEntityTypeConfiguration<OutreachTask>
{
    public void Configure(EntityTypeBuilder<OutreachTask> builder)
    {
        builder.ToTable("Tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Title).HasMaxLength(TaskCommands.TitleMax).IsRequired();
        builder.Property(t => t.AssigneeId).HasMaxLength(64);
        builder.Property(t => t.AssigneeName).HasMaxLength(100);
        builder.Property(t => t.CreatedById).HasMaxLength(64);
        builder.Property(t => t.CreatedByName).HasMaxLength(100);
        builder.Property(t => t.AssignedById).HasMaxLength(64);
        builder.Property(t => t.AssignedByName).HasMaxLength(100);
        builder.Property(t => t.StakeholderName).HasMaxLength(200);
        builder.Property(t => t.DoneByName).HasMaxLength(100);
        builder.Property(t => t.DoneNote).HasMaxLength(TaskCommands.NoteMax);
        // Numbers are unique per coalition; concurrent creation retries on a clash.
        builder.HasIndex(t => new { t.TenantId, t.Number }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.AssigneeId });
        builder.HasIndex(t => new { t.TenantId, t.CampaignId });
    }
}
