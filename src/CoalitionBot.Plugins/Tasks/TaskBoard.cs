using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The coalition's tasks: numbering, lookups and the readers (language, zone) of the bot's own messages about them.</summary>
/// <remarks>Scoped: it works for the tenant of its scope.</remarks>
public sealed class TaskBoard(TasksDbContext db, CoalitionBotDbContext coreDb, TimeProvider clock, IOptions<BotOptions> bot, LanguageCatalogs languages)
{
    private const int NumberAttempts = 8;

    /// <summary>Saves new tasks with the next free numbers; a clash with another process creating tasks at the same time is retried.</summary>
    public async Task CreateAsync(IReadOnlyList<OutreachTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        for (var attempt = 1; ; attempt++)
        {
            var next = (await db.Tasks.MaxAsync(t => (int?)t.Number, cancellationToken) ?? 0) + 1;
            foreach (var task in tasks)
            {
                task.Number = next++;
                if (db.Entry(task).State == EntityState.Detached)
                {
                    db.Tasks.Add(task);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Someone took one of the numbers (unique per coalition) and has committed it (PostgreSQL reports the clash only
                // once the other transaction commits; SQLite serializes writers): read the highest again and retry at once.
                foreach (var task in tasks)
                {
                    db.Entry(task).State = EntityState.Detached;
                }
            }
        }
    }

    /// <summary>The task with this number in the coalition, or null.</summary>
    public Task<OutreachTask?> FindAsync(int number, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Number == number, cancellationToken);

    /// <summary>The task with this row id in the coalition (button values carry it), or null.</summary>
    public Task<OutreachTask?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Every task that is not cancelled, by number.</summary>
    public async Task<List<OutreachTask>> ActiveAsync(CancellationToken cancellationToken) =>
        await db.Tasks.Where(t => t.Status != OutreachTaskStatus.Cancelled).OrderBy(t => t.Number).ToListAsync(cancellationToken);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>The tasks' context, for a transaction that also holds the outbox's rows.</summary>
    internal TasksDbContext Context => db;

    /// <summary>The coalition's time zone and default language.</summary>
    public async Task<(TimeZoneInfo Zone, string? Language)> CoalitionAsync(CancellationToken cancellationToken)
    {
        var settings = await coreDb.TenantSettings.AsNoTracking().Select(s => new { s.TimeZone, s.Language }).FirstOrDefaultAsync(cancellationToken);
        var zone = CommandContextFactory.FindZone(settings?.TimeZone) ?? CommandContextFactory.FindZone(bot.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc;
        return (zone, settings?.Language);
    }

    /// <summary>How a person reads the bot's own messages: their language preference, else the coalition's; the coalition's zone.</summary>
    internal async Task<Reader> ReaderAsync(string? userId, CancellationToken cancellationToken)
    {
        var (zone, language) = await CoalitionAsync(cancellationToken);
        var preference = userId is null
            ? null
            : await coreDb.UserPreferences.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.Language).FirstOrDefaultAsync(cancellationToken);
        var chosen = CommandContextFactory.ChooseLanguage(languages, preference, coalitionLanguage: language);
        return languages.ReaderFor(chosen, zone, clock.GetUtcNow());
    }

    /// <summary>The coalition's digest channel (shared with <c>/coalition channel digest</c>), if chosen.</summary>
    public async Task<string?> DigestChannelAsync(CancellationToken cancellationToken) =>
        await coreDb.TenantSettings.AsNoTracking().Select(s => s.DigestChannelId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>When the digest's channel or time was last chosen (the coalition's settings or the digest time, whichever changed last), if ever.</summary>
    public async Task<DateTimeOffset?> DigestChosenAtAsync(CancellationToken cancellationToken)
    {
        var settings = await coreDb.TenantSettings.AsNoTracking().Select(s => (DateTimeOffset?)s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var time = await db.DigestSettings.AsNoTracking().Select(s => (DateTimeOffset?)s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return settings > time || time is null ? settings : time;
    }

    /// <summary>The coalition's digest time, or the plugin default.</summary>
    public async Task<TimeOnly> DigestTimeAsync(TasksSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var minutes = await db.DigestSettings.AsNoTracking().Select(s => (int?)s.MinuteOfDay).FirstOrDefaultAsync(cancellationToken);
        return minutes is { } m ? TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m)) : settings.DigestTimeOfDay;
    }

    /// <summary>Chooses the coalition's digest channel and time.</summary>
    public async Task SetDigestAsync(ChannelRef channel, TimeOnly? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = clock.GetUtcNow();
        var settings = await coreDb.TenantSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new TenantSettings();
            coreDb.TenantSettings.Add(settings);
        }

        settings.SetChannel(CoalitionChannel.Digest, channel.Id);
        settings.UpdatedAt = now;
        if (time is { } t)
        {
            var row = await db.DigestSettings.FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                row = new TaskDigestSetting();
                db.DigestSettings.Add(row);
            }

            row.MinuteOfDay = (t.Hour * 60) + t.Minute;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        await coreDb.SaveChangesAsync(cancellationToken);
    }
}
