using System.Globalization;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Writes a coalition's meeting reminders into the outbox, a bounded window ahead, idempotently (one dedup key per occurrence and lead time).</summary>
public sealed class MeetingPlanner(MeetingsDbContext db, CoalitionBotDbContext coreDb, Outbox outbox, MeetingsSettings settings, LanguageCatalogs languages, TimeProvider clock)
{
    public const string Source = "meetings";

    /// <summary>The dedup key prefix of a meeting's reminders (all occurrences).</summary>
    public static string KeyPrefix(Meeting meeting) => $"meeting:{meeting.Id}:";

    /// <summary>The dedup key prefix of one occurrence's reminders.</summary>
    public static string KeyPrefix(Meeting meeting, DateTimeOffset occurrence) =>
        $"meeting:{meeting.Id}:{occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}:";

    /// <summary>Replans one meeting after a change: withdraws its pending reminders and writes the current ones.</summary>
    public async Task ReplanAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        await outbox.CancelAsync(KeyPrefix(meeting), cancellationToken);
        await PlanAsync(meeting, cancellationToken);
    }

    /// <summary>Writes the reminders due from now until the horizon for every active meeting of the coalition.</summary>
    public async Task<int> PlanAllAsync(CancellationToken cancellationToken)
    {
        var meetings = await db.Meetings.Where(m => !m.Cancelled).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var meeting in meetings)
        {
            count += await PlanAsync(meeting, cancellationToken);
        }

        return count;
    }

    /// <summary>Writes one meeting's reminders from now until the horizon; reminders whose time already passed are not created.</summary>
    public async Task<int> PlanAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (meeting.Cancelled || meeting.ChannelId is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var leads = LeadTimes(meeting);
        var skipped = await SkippedAsync(meeting, cancellationToken);
        var reader = await languages.ReaderAsync(coreDb, now, cancellationToken);
        var added = 0;
        foreach (var occurrence in Recurrence.Occurrences(meeting, now, now + TimeSpan.FromDays(settings.HorizonDays), skipped))
        {
            foreach (var lead in leads)
            {
                var due = occurrence - lead;
                if (due < now)
                {
                    continue;
                }

                var key = KeyPrefix(meeting, occurrence) + ((int)lead.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
                var item = new OutboxItem(key, Source, MessageTarget.ToChannel(new ChannelRef(meeting.ChannelId, meeting.ChannelName)),
                    MeetingCards.Reminder(meeting, occurrence, lead, reader), due)
                {
                    NotAfter = occurrence,
                    LateNotice = MeetingCards.LateNotice(reader),
                };
                if (await outbox.EnqueueAsync(item, cancellationToken))
                {
                    added++;
                }
            }
        }

        return added;
    }

    /// <summary>The meeting's reminder lead times: its own, or the plugin defaults.</summary>
    public IReadOnlyList<TimeSpan> LeadTimes(Meeting meeting) =>
        meeting.LeadMinutes is null
            ? settings.Defaults
            : Recurrence.ReadLeadMinutes(meeting.LeadMinutes);

    /// <summary>The occurrences of a meeting that were cancelled one by one.</summary>
    public async Task<IReadOnlySet<DateTimeOffset>> SkippedAsync(Meeting meeting, CancellationToken cancellationToken) =>
        (await db.Skips.Where(s => s.MeetingId == meeting.Id).Select(s => s.OccurrenceStart).ToListAsync(cancellationToken)).ToHashSet();
}

/// <summary>Extends every coalition's reminder window on a schedule (recurring meetings are materialized a bounded window ahead).</summary>
/// <remarks>With several instances, one plans per turn (the <see cref="LeaseName"/> lease); the reminders' dedup keys keep each one planned once regardless.</remarks>
internal sealed class MeetingPlannerService(IServiceScopeFactory scopes, Leases leases, MeetingsSettings settings, TimeProvider clock, ILogger<MeetingPlannerService> logger, BackgroundGate? gate = null) : BackgroundService
{
    public const string LeaseName = "meetings.planner";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate is not null && !await gate.PassAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunTurnAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Planning meeting reminders failed; will try again");
            }

            try
            {
                await Task.Delay(settings.PlanEvery, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Plans every coalition's reminders unless another instance has this turn; true when this instance planned.</summary>
    public Task<bool> RunTurnAsync(CancellationToken cancellationToken) => leases.RunTurnAsync(LeaseName, settings.PlanEvery, PlanEveryTenantAsync, cancellationToken);

    private async Task PlanEveryTenantAsync(CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Meetings.IgnoreQueryFilters()
                .Where(m => !m.Cancelled).Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        }

        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(new TenantId(tenant));
            await scope.ServiceProvider.GetRequiredService<MeetingPlanner>().PlanAllAsync(cancellationToken);
        }
    }
}
