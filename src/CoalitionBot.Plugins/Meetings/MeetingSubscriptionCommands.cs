using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>The <c>/meeting subscribe</c>, <c>subscriptions</c> and <c>unsubscribe</c> commands: public meeting calendars imported and kept in sync.</summary>
public sealed class MeetingSubscriptionCommands(
    MeetingsDbContext db,
    Outbox outbox,
    TimeProvider clock,
    FeedFetcher fetcher,
    FeedSync sync,
    FeedRefreshSignal refreshSignal,
    Lazy<FeedSubscriptions> feeds,
    MeetingsSettings settings) : CommandModule
{
    private const int MaxSubscriptions = 20;

    [Command("meeting subscribe", "Import a public meeting calendar (.ics link) and keep it in sync", Role = Role.Lead)]
    public async Task<CommandResult> SubscribeAsync(
        [Option("The calendar's .ics link, like a city's Legistar feed", MaxLength = 500)] string url,
        [Option("The channel for reminders (default: the coalition's reminders channel, else this one)")] ChannelRef? channel = null,
        [Option("Only titles with these words; | separates choices", MaxLength = 200)] string? filter = null,
        [Option("Reminder times, like 1d,2h (default: the plugin's)", MaxLength = 100)] string? remind = null,
        CancellationToken cancellationToken = default)
    {
        var uri = FeedFetcher.ParseUrl(url, out var urlError);
        if (uri is null)
        {
            return CommandResult.Invalid(urlError!.In(Context.Strings));
        }

        if (FilterError(filter) is { } badFilter)
        {
            return badFilter;
        }

        string? leadMinutes = null;
        if (remind is not null && (leadMinutes = Recurrence.ParseLeadMinutes(remind, out var remindError)) is null)
        {
            return CommandResult.Invalid(remindError!.In(Context.Strings));
        }

        var address = uri.ToString();
        var existing = await db.Subscriptions.AsNoTracking().ToListAsync(cancellationToken);
        if (Refusal(existing, address) is { } refused)
        {
            return refused;
        }

        // The first fetch validates the link; a slow feed is covered by the adapters' deferred answers.
        var fetch = await fetcher.FetchAsync(uri, null, null, cancellationToken);
        CatalogText? parseError = null;
        var feed = fetch.Ok ? FeedParser.Parse(fetch.Text ?? string.Empty, Context.TimeZone.Id, out parseError) : null;
        if (feed is null)
        {
            return CommandResult.Invalid(Context.T("meetings.subscribe.failed", new { address = FeedFetcher.Display(address), reason = (fetch.Error ?? parseError)!.Markup(Context.Strings) }));
        }

        var now = clock.GetUtcNow();
        var target = Context.ChannelFor(CoalitionChannel.Reminders, channel);
        var subscription = new MeetingSubscription
        {
            Number = (existing.Count == 0 ? 0 : existing.Max(s => s.Number)) + 1,
            Url = address,
            Name = MeetingCards.Cut(feed.Name ?? uri.Host, 120),
            ChannelId = target?.Id,
            ChannelName = target?.Name,
            Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
            LeadMinutes = leadMinutes,
            LastRefreshAt = now,
            LastSuccessAt = now,
            NextRefreshAt = now + settings.FeedRefreshEvery,
            CreatedBy = Context.User.Name,
            CreatedAt = now,
        };
        var result = await ImportAsync(subscription, feed, fetch, cancellationToken);
        var every = Context.ReaderAt(now).Duration(settings.FeedRefreshEvery, TimeUnits.Week);
        var arguments = new { number = subscription.Number, name = subscription.Name, found = result.Found, matched = result.Matched, filter = subscription.Filter, every };
        var subscribed = Context.T(subscription.Filter is null ? "meetings.subscribe.done" : "meetings.subscribe.done-filtered", arguments);
        return CommandResult.Ok(new Reply { Text = ReminderChannelNote(subscribed, target, channel is null) });
    }

    /// <summary>Why a calendar cannot be added: it is already subscribed, or the coalition has as many as it may.</summary>
    private CommandResult? Refusal(List<MeetingSubscription> existing, string address)
    {
        if (existing.FirstOrDefault(s => s.Url == address) is { } same)
        {
            return CommandResult.Invalid(Context.T("meetings.subscribe.duplicate", new { number = same.Number }));
        }

        return existing.Count < MaxSubscriptions
            ? null
            : CommandResult.Invalid(Context.T("meetings.subscribe.too-many", new { max = MaxSubscriptions }));
    }

    /// <summary>Saves a new subscription and imports its first read of the feed.</summary>
    private async Task<FeedSyncResult> ImportAsync(MeetingSubscription subscription, ParsedFeed feed, FeedFetch fetch, CancellationToken cancellationToken)
    {
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var result = await sync.ApplyAsync(subscription, feed, cancellationToken);

        // The feed's version is kept only once its meetings are in: if importing failed, the next refresh reads it all again.
        subscription.ETag = fetch.ETag;
        subscription.LastModified = fetch.LastModified;
        await db.SaveChangesAsync(cancellationToken);
        refreshSignal.Wake();
        return result;
    }

    /// <summary>The answer followed by "Reminders go to #council (the coalition's reminders channel)."</summary>
    private string ReminderChannelNote(string answer, ChannelRef? target, bool chosenForThem) => target is null
        ? answer
        : Context.T(chosenForThem && Context.HasCoalitionChannel(CoalitionChannel.Reminders) ? "meetings.subscribe.reminders-coalition-channel" : "meetings.subscribe.reminders-channel",
            new { answer = new TrustedMarkup(answer), channel = new TrustedMarkup(target.Mention) });

    [Command("meeting subscription", "Change an imported calendar's channel, filter or reminders", Role = Role.Lead)]
    public async Task<CommandResult> EditFeedAsync(
        [Option("The subscription number", MinValue = 1)] int id,
        [Option("The channel for its reminders")] ChannelRef? channel = null,
        [Option("Only titles with these words; | separates choices; none for every meeting", MaxLength = 200)] string? filter = null,
        [Option("Reminder times, like 1d,2h; default for the plugin's", MaxLength = 100)] string? remind = null,
        CancellationToken cancellationToken = default)
    {
        if (channel is null && filter is null && remind is null)
        {
            return CommandResult.Invalid(Context.T("meetings.subscription.nothing", new { id }));
        }

        var clearFilter = filter is not null && IsNone(filter);
        if (filter is not null && !clearFilter && FilterError(filter) is { } badFilter)
        {
            return badFilter;
        }

        var defaultRemind = remind is not null && remind.Trim().Equals("default", StringComparison.OrdinalIgnoreCase);
        string? leadMinutes = null;
        if (remind is not null && !defaultRemind && (leadMinutes = Recurrence.ParseLeadMinutes(remind, out var remindError)) is null)
        {
            return CommandResult.Invalid(remindError!.In(Context.Strings));
        }

        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Number == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        subscription.ChannelId = channel?.Id ?? subscription.ChannelId;
        subscription.ChannelName = channel is null ? subscription.ChannelName : channel.Name;
        subscription.Filter = filter is null ? subscription.Filter : clearFilter ? null : filter.Trim();
        subscription.LeadMinutes = remind is null ? subscription.LeadMinutes : defaultRemind ? null : leadMinutes;

        // Read the whole feed again (no ETag), so its meetings follow the new settings now: newly matching ones are
        // imported, ones the filter now leaves out are withdrawn, and reminders move to the new channel or times.
        subscription.ETag = null;
        subscription.LastModified = null;
        var result = await feeds.Value.RefreshAsync(subscription, cancellationToken);
        var settingsText = Describe(subscription);
        if (result is null)
        {
            return CommandResult.Ok(new Reply
            {
                Text = subscription.LastError is { } error
                    ? Context.T("meetings.subscription.saved-unread", new { number = subscription.Number, name = subscription.Name, settings = settingsText, error = CatalogText.FromStored(error).Markup(Context.Strings) })
                    : Context.T("meetings.subscription.saved-no-answer", new { number = subscription.Number, name = subscription.Name, settings = settingsText }),
            });
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.T("meetings.subscription.changed", new
            {
                number = subscription.Number, name = subscription.Name, settings = settingsText,
                matched = result.Matched, found = result.Found, added = result.Added, updated = result.Updated, cancelled = result.Cancelled,
            }),
        });
    }

    [Command("meeting subscriptions", "Imported calendars: last refresh, errors, meetings")]
    public async Task<CommandResult> SubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().OrderBy(s => s.Number).ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return CommandResult.Ok(new Reply
            {
                Text = Context.T("meetings.subscriptions.none"),
                Ephemeral = true,
            });
        }

        var counts = await db.Meetings.Where(m => m.SubscriptionId != null && !m.Cancelled)
            .GroupBy(m => m.SubscriptionId).Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var reader = Context.ReaderAt(clock.GetUtcNow());
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("meetings.subscriptions.title"),
            Bullets = subscriptions.Select(s => Describe(s, counts.GetValueOrDefault(s.Id), reader)).ToList(),
            Footer = Context.T("meetings.subscriptions.footer"),
            Ephemeral = true,
        });
    }

    [Command("meeting unsubscribe", "Stop importing a calendar and cancel its upcoming meetings", Role = Role.Lead)]
    public async Task<CommandResult> UnsubscribeAsync(
        [Option("The subscription number", MinValue = 1)] int id,
        CancellationToken cancellationToken = default)
    {
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Number == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        var meetings = await db.Meetings.Where(m => m.SubscriptionId == subscription.Id && !m.Cancelled).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var meeting in meetings)
        {
            meeting.Cancelled = true;
            meeting.UpdatedAt = now;
        }

        db.Subscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        var withdrawn = 0;
        foreach (var meeting in meetings)
        {
            withdrawn += await outbox.CancelAsync(MeetingPlanner.KeyPrefix(meeting), cancellationToken);
        }

        return CommandResult.Ok(new Reply
        {
            Text = Context.T("meetings.unsubscribe.done", new { id, name = subscription.Name, cancelled = meetings.Count, withdrawn }),
        });
    }

    private string Describe(MeetingSubscription s, int meetings, Reader reader)
    {
        var (last, next) = MeetingCards.Checked(s.LastRefreshAt, s.NextRefreshAt, reader);
        var arguments = new
        {
            number = s.Number, name = s.Name, url = FeedFetcher.Display(s.Url), channel = new TrustedMarkup(s.ChannelId is null ? "?" : $"<#{s.ChannelId}>"),
            filter = s.Filter, meetings, last, state = new TrustedMarkup(MeetingCards.Health(s.LastError, reader)), next,
        };
        return Context.T(s.Filter is null ? "meetings.subscriptions.item" : "meetings.subscriptions.item-filtered", arguments);
    }

    private CommandResult NotFound(int id) =>
        CommandResult.NotFound(Context.T("meetings.subscription.not-found", new { id }));

    /// <summary>The answer to a filter that cannot be read, or null when it is fine.</summary>
    private CommandResult? FilterError(string? filter) =>
        FeedParser.ParseFilter(filter, out var error) is null ? CommandResult.Invalid(error!.In(Context.Strings)) : null;

    private static bool IsNone(string value) => value.Trim().ToLowerInvariant() is "none" or "ninguno" or "-";

    /// <summary>A subscription's settings: channel, filter and reminder times.</summary>
    private TrustedMarkup Describe(MeetingSubscription s)
    {
        var reader = Context.ReaderAt(clock.GetUtcNow());
        var where = s.ChannelId is null ? Context.T("meetings.watch.no-channel") : $"<#{s.ChannelId}>";
        var filter = s.Filter is null ? Context.T("meetings.subscription.every-meeting") : Context.T("meetings.subscription.filter", new { filter = s.Filter });
        return new(Context.T("meetings.subscription.settings", new { channel = new TrustedMarkup(where), filter = new TrustedMarkup(filter), reminders = new TrustedMarkup(MeetingCards.LeadTimesNote(s.LeadMinutes, reader)) }));
    }
}
