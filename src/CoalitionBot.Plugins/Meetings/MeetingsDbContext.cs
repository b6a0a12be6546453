using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The meetings plugin's tables.</summary>
public class MeetingsDbContext(DbContextOptions<MeetingsDbContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<MeetingSkip> Skips => Set<MeetingSkip>();

    public DbSet<Rsvp> Rsvps => Set<Rsvp>();

    public DbSet<MeetingFeedToken> FeedTokens => Set<MeetingFeedToken>();

    public DbSet<MeetingSubscription> Subscriptions => Set<MeetingSubscription>();

    public DbSet<AgendaWatch> Watches => Set<AgendaWatch>();

    public DbSet<AgendaWatchEvent> WatchEvents => Set<AgendaWatchEvent>();

    public DbSet<AgendaWatchItem> WatchItems => Set<AgendaWatchItem>();
}
