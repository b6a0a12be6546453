using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Fetches one coalition's subscription and merges it; a failed fetch or an unreadable feed changes no meeting and is recorded on the subscription.</summary>
public sealed partial class FeedSubscriptions(
    MeetingsDbContext db,
    CoalitionBotDbContext coreDb,
    FeedFetcher fetcher,
    FeedSync sync,
    MeetingsSettings settings,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Core.Routing.BotOptions> bot,
    LanguageCatalogs languages,
    ILogger<FeedSubscriptions> logger)
{
    /// <summary>The zone feed times without a known zone are read in: the coalition's, else the bot's default, else UTC.</summary>
    public async Task<string> FallbackZoneAsync(CancellationToken cancellationToken)
    {
        var zone = await coreDb.TenantSettings.Select(s => s.TimeZone).FirstOrDefaultAsync(cancellationToken) ?? bot.Value.DefaultTimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId ? zone : "UTC";
    }

    /// <summary>Fetches and merges the subscription now, records the outcome and schedules the next refresh. Returns the merge, or null when nothing changed (error or 304).</summary>
    public async Task<FeedSyncResult?> RefreshAsync(MeetingSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var fetch = await fetcher.FetchAsync(new Uri(subscription.Url), subscription.ETag, subscription.LastModified, cancellationToken);
        var now = clock.GetUtcNow();
        subscription.LastRefreshAt = now;
        subscription.NextRefreshAt = now + settings.FeedRefreshEvery;
        FeedSyncResult? result = null;
        if (!fetch.Ok)
        {
            Record(subscription, fetch.Error!);
        }
        else if (fetch.NotModified)
        {
            subscription.LastError = null;
            subscription.LastSuccessAt = now;
        }
        else if (FeedParser.Parse(fetch.Text!, await FallbackZoneAsync(cancellationToken), out var error) is not { } feed)
        {
            Record(subscription, error!);
        }
        else
        {
            result = await sync.ApplyAsync(subscription, feed, cancellationToken);
            subscription.ETag = fetch.ETag;
            subscription.LastModified = fetch.LastModified;
            subscription.LastError = null;
            subscription.LastSuccessAt = now;
            Log.Refreshed(logger, subscription.Id, FeedFetcher.Display(subscription.Url), result.Added, result.Updated, result.Cancelled);
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>Keeps the reason as a catalog key (each reader sees it in their language) and logs it in English.</summary>
    private void Record(MeetingSubscription subscription, CatalogText error)
    {
        subscription.LastError = error.Stored();
        Log.Failed(logger, subscription.Id, FeedFetcher.Display(subscription.Url), error.In(languages.StringsFor(LanguageCatalogs.English)));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Calendar feed {Subscription} ({Address}) not refreshed: {Error}")]
        public static partial void Failed(ILogger logger, long subscription, string address, string error);

        [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Calendar feed {Subscription} ({Address}) refreshed: {Added} added, {Updated} updated, {Cancelled} cancelled")]
        public static partial void Refreshed(ILogger logger, long subscription, string address, int added, int updated, int cancelled);
    }
}

/// <summary>Wakes the feed refresher when a subscription is added, so it sleeps until the next refresh is due instead of polling.</summary>
public sealed class FeedRefreshSignal : WakeSignal;

/// <summary>Refreshes every coalition's due subscriptions, one after another, from the durable <see cref="MeetingSubscription.NextRefreshAt"/>.</summary>
/// <remarks>
/// Each refresh holds the subscription's lease (<see cref="LeaseName"/>), so with several instances a feed is never imported twice at once;
/// an instance that gets the lease after another finished sees the new <see cref="MeetingSubscription.NextRefreshAt"/> and skips it.
/// </remarks>
public sealed partial class FeedRefresher(IServiceScopeFactory scopes, Leases leases, MeetingsSettings settings, TimeProvider clock, ILogger<FeedRefresher> logger)
{
    private static readonly string ImportCrashed = new CatalogText("meetings.feed.import-crashed").Stored();

    /// <summary>How long a refresh may hold its subscription before another instance may take over (a fetch is bounded far below this).</summary>
    public static readonly TimeSpan RefreshLease = TimeSpan.FromMinutes(5);

    /// <summary>The lease a refresh of subscription <paramref name="id"/> holds.</summary>
    public static string LeaseName(long id) => "meetings.feed:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Refreshes the subscriptions due now and returns when the next one is due (null when there are none).</summary>
    public async Task<DateTimeOffset?> RefreshDueAsync(CancellationToken cancellationToken)
    {
        List<(long Id, string Tenant)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = (await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Subscriptions.IgnoreQueryFilters().AsNoTracking()
                    .Where(s => s.NextRefreshAt <= now).OrderBy(s => s.NextRefreshAt).Select(s => new { s.Id, s.TenantId }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.TenantId)).ToList();
        }

        foreach (var (id, tenant) in due)
        {
            if (!await leases.TryAcquireAsync(LeaseName(id), RefreshLease, cancellationToken))
            {
                // Another instance is importing it right now.
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
                var now = clock.GetUtcNow();
                // Read again under the lease: another instance may have refreshed it since the list was read.
                var subscription = await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Subscriptions
                    .FirstOrDefaultAsync(s => s.Id == id && s.NextRefreshAt <= now, cancellationToken);
                if (subscription is not null)
                {
                    await scope.ServiceProvider.GetRequiredService<FeedSubscriptions>().RefreshAsync(subscription, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken subscription must not stop the others, nor be retried in a tight loop: it waits for its next turn.
                Log.RefreshFailed(logger, ex, id);
                await PostponeAsync(id, tenant, cancellationToken);
            }
            finally
            {
                await leases.ReleaseAsync(LeaseName(id), keepUntil: null, CancellationToken.None);
            }
        }

        await using var next = scopes.CreateAsyncScope();
        return await next.ServiceProvider.GetRequiredService<MeetingsDbContext>().Subscriptions.IgnoreQueryFilters()
            .OrderBy(s => s.NextRefreshAt).Select(s => (DateTimeOffset?)s.NextRefreshAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task PostponeAsync(long id, string tenant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
        var now = clock.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Subscriptions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRefreshAt, now + settings.FeedRefreshEvery)
                .SetProperty(s => s.LastRefreshAt, now)
                .SetProperty(s => s.LastError, ImportCrashed), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 412, Level = LogLevel.Error, Message = "Refreshing calendar feed subscription {Subscription} failed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, long subscription);
    }
}

/// <summary>The hosted service that sleeps until the next subscription is due (or a new one is added) and refreshes it.</summary>
internal sealed class FeedRefreshService(FeedRefresher refresher, FeedRefreshSignal signal, TimeProvider clock, ILogger<FeedRefreshService> logger, BackgroundGate? gate = null)
    : DueWorkService(signal, clock, logger, gate)
{
    protected override string FailureMessage => "Refreshing calendar feeds failed; will try again";

    protected override Task<DateTimeOffset?> RunDueAsync(CancellationToken cancellationToken) => refresher.RefreshDueAsync(cancellationToken);
}
