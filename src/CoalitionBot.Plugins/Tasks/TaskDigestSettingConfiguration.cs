using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tasks;

internal sealed class TaskDigestSettingConfiguration : IEntityTypeConfiguration<TaskDigestSetting>
{
    public void Configure(EntityTypeBuilder<TaskDigestSetting> builder)
    {
        builder.ToTable("Tasks_DigestSettings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}
