using System.Globalization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Testing;

/// <summary>A plugin with its own <see cref="TenantDbContext"/> (meetings with RSVPs, a foreign key between them) and a personal-data provider,
/// standing in for plugins that export, deletion and <c>/privacy me</c> must cover without knowing them.</summary>
public sealed class MeetingsFixturePlugin : BotPlugin
{
    public override string Name => "meetings-fixture";

    public override string Description => "Test meetings with RSVPs.";

    public override IEnumerable<Type> Modules => [];

    /// <summary>Creates the fixture's tables (it has no migrations); call after <see cref="TestBot.StartAsync"/>.</summary>
    public static async Task CreateTablesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FixtureMeetingsContext>();
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    /// <summary>Adds a meeting created by <paramref name="creator"/> with RSVPs from <paramref name="attendees"/>, in the tenant.</summary>
    public static Task SeedAsync(TestBot bot, TenantId tenant, string creator, params string[] attendees)
    {
        ArgumentNullException.ThrowIfNull(bot);
        return bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<FixtureMeetingsContext>();
            var meeting = new FixtureMeeting { Title = "Council hearing", CreatedBy = creator, CreatedByName = creator };
            db.Meetings.Add(meeting);
            foreach (var attendee in attendees)
            {
                db.Rsvps.Add(new FixtureRsvp { Meeting = meeting, UserId = attendee });
            }

            return await db.SaveChangesAsync();
        });
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddTenantDbContext<FixtureMeetingsContext>("meetings-fixture");
        services.AddPersonalDataProvider<FixtureMeetingsPersonalData>();
    }
}

public sealed class FixtureMeetingsContext(DbContextOptions<FixtureMeetingsContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<FixtureMeeting> Meetings => Set<FixtureMeeting>();

    public DbSet<FixtureRsvp> Rsvps => Set<FixtureRsvp>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<FixtureMeeting>().ToTable("FixtureMeetings");
        modelBuilder.Entity<FixtureRsvp>().ToTable("FixtureRsvps")
            .HasOne(r => r.Meeting).WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Restrict);
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class FixtureMeeting : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? CreatedBy { get; set; }

    public string? CreatedByName { get; set; }
}

public sealed class FixtureRsvp : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public long MeetingId { get; set; }

    public FixtureMeeting? Meeting { get; set; }

    public string UserId { get; set; } = string.Empty;
}

/// <summary>RSVPs are the person's own (erased); meetings they created stay without their name.</summary>
public sealed class FixtureMeetingsPersonalData(FixtureMeetingsContext db) : IPersonalDataProvider
{
    public async Task<IReadOnlyList<PersonalDataItem>> FindAsync(UserRef person, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var rsvps = await db.Rsvps.Where(r => r.UserId == person.Id).Select(r => r.Meeting!.Title).ToListAsync(cancellationToken);
        var created = await db.Meetings.CountAsync(m => m.CreatedBy == person.Id, cancellationToken);
        return rsvps.Select(t => new PersonalDataItem("RSVPs", Markup.Format($"going to {t}"), PersonalDataFate.Erased))
            .Concat(created > 0 ? [new PersonalDataItem("Meetings", $"{created} meeting(s) you scheduled", PersonalDataFate.Anonymized)] : [])
            .ToList();
    }

    public async Task<PersonalDataErasure> EraseAsync(UserRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var rsvps = await db.Rsvps.Where(r => r.UserId == person.Id).ToListAsync(cancellationToken);
        db.Rsvps.RemoveRange(rsvps);
        var meetings = await db.Meetings.Where(m => m.CreatedBy == person.Id).ToListAsync(cancellationToken);
        foreach (var meeting in meetings)
        {
            meeting.CreatedBy = null;
            meeting.CreatedByName = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PersonalDataErasure(rsvps.Count, meetings.Count);
    }
}
