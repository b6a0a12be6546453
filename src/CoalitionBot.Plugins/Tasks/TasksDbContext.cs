using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>Where a task is in its life.</summary>
public enum OutreachTaskStatus
{
    /// <summary>To do; with no assignee when the person passed on it ("Can't do it").</summary>
    Open = 0,

    Done = 1,

    /// <summary>Withdrawn by a lead or its creator; left out of lists, digests and campaigns.</summary>
    Cancelled = 2,
}

/// <summary>A piece of outreach work: one person, one job, maybe a due time, a stakeholder and a campaign step.</summary>
public sealed class OutreachTask : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The short per-coalition number people type (<c>#12</c>).</summary>
    public int Number { get; set; }

    public string Title { get; set; } = string.Empty;

    public OutreachTaskStatus Status { get; set; }

    /// <summary>Who does it; null when nobody does (they passed on it, or their data was erased).</summary>
    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    /// <summary>Who created the task (may cancel or reassign it); empty after erasure.</summary>
    public string CreatedById { get; set; } = string.Empty;

    public string? CreatedByName { get; set; }

    /// <summary>Who last gave it to the assignee (told when they can't do it); empty after erasure.</summary>
    public string AssignedById { get; set; } = string.Empty;

    public string? AssignedByName { get; set; }

    /// <summary>When it is due, stored in UTC.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The power-map stakeholder it is about; finishing it with a note logs a contact there.</summary>
    public long? StakeholderId { get; set; }

    public string? StakeholderName { get; set; }

    /// <summary>The campaign it counts toward (null when the campaigns plugin is off).</summary>
    public long? CampaignId { get; set; }

    public CampaignStep? Step { get; set; }

    /// <summary>Bumped on every (re)assignment, so each gets its own direct message.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public string? DoneByName { get; set; }

    public string? DoneNote { get; set; }
}

/// <summary>A coalition's digest time (its channel is the coalition's digest channel in <see cref="TenantSettings"/>).</summary>
public sealed class TaskDigestSetting : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    /// <summary>Local time of day the digest is posted, in minutes after midnight.</summary>
    public int MinuteOfDay { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The tasks plugin's tables.</summary>
public class TasksDbContext(DbContextOptions<TasksDbContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<OutreachTask> Tasks => Set<OutreachTask>();

    public DbSet<TaskDigestSetting> DigestSettings => Set<TaskDigestSetting>();
}

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

internal sealed class TaskDigestSettingConfiguration : IEntityTypeConfiguration<TaskDigestSetting>
{
    public void Configure(EntityTypeBuilder<TaskDigestSetting> builder)
    {
        builder.ToTable("Tasks_DigestSettings");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the host.</summary>
internal sealed class TasksDbContextDesignFactory : IDesignTimeDbContextFactory<TasksDbContext>
{
    public TasksDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TasksDbContext>("tasks"), new TenantContext());
}

/// <summary>TasksDbContext on PostgreSQL: the same model, with its own migrations (<c>Migrations/Postgres</c>).</summary>
public sealed class PostgresTasksDbContext(DbContextOptions<TasksDbContext> options, TenantContext tenant)
    : TasksDbContext(options, tenant);

/// <summary>Lets <c>dotnet ef migrations add --context PostgresTasksDbContext</c> build the PostgreSQL context without the host.</summary>
internal sealed class PostgresTasksDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresTasksDbContext>
{
    public PostgresTasksDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.DesignTimeOptions<TasksDbContext>("tasks", DatabaseProvider.Postgres), new TenantContext());
}
