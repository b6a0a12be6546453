using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Microsoft.Extensions.Hosting;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The daily digest of one coalition: open tasks by person, overdue ones, and those finished since yesterday.</summary>
public sealed class TaskDigest(TaskBoard board, Outbox outbox, TasksSettings settings, TimeProvider clock)
{
    /// <summary>The dedup key of a coalition's digest for one local date.</summary>
    public static string Key(DateOnly localDate) => $"tasks:digest:{localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Once the coalition's digest time has come today (also after downtime, the same day), writes today's digest to the outbox,
    /// computed now. Returns true when it was added; an existing key (already planned or sent) adds nothing.</summary>
    public async Task<bool> PlanAsync(CancellationToken cancellationToken)
    {
        var channel = await board.DigestChannelAsync(cancellationToken);
        if (channel is null)
        {
            return false;
        }

        var reader = await board.ReaderAsync(null, cancellationToken);
        var localNow = TimeZoneInfo.ConvertTime(reader.Now, reader.Zone);
        var today = DateOnly.FromDateTime(localNow.DateTime);
        var time = await board.DigestTimeAsync(settings, cancellationToken);
        if (TimeOnly.FromDateTime(localNow.DateTime) < time)
        {
            return false;
        }

        // Catching up after downtime is for a digest that was due; one chosen (channel or time) after today's time starts tomorrow.
        var dueToday = Core.Commands.Parsing.IsoDateTimeParser.ToZoned(today.ToDateTime(time), reader.Zone);
        if (await board.DigestChosenAtAsync(cancellationToken) > dueToday)
        {
            return false;
        }

        var message = Build(await board.ActiveAsync(cancellationToken), reader);
        if (message is null)
        {
            return false;
        }

        var endOfDay = Core.Commands.Parsing.IsoDateTimeParser.ToZoned(today.AddDays(1).ToDateTime(TimeOnly.MinValue), reader.Zone);
        return await outbox.EnqueueAsync(new OutboxItem(Key(today), TaskNotifier.Source, MessageTarget.ToChannel(new ChannelRef(channel)), message, clock.GetUtcNow())
        {
            // Yesterday's digest is stale by the next morning: after a long outage it is skipped, today's goes out.
            NotAfter = endOfDay,
        }, cancellationToken);
    }

    /// <summary>Rewrites today's digest if it is still waiting to go out, so it tells the tasks as they are now (or withdraws it when nothing is left to tell).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var reader = await board.ReaderAsync(null, cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(reader.Now, reader.Zone).DateTime);
        await outbox.ReplacePendingAsync(Key(today), async () => Build(await board.ActiveAsync(cancellationToken), reader), cancellationToken);
    }

    /// <summary>The digest as the coalition reads it, or null when there is nothing to tell.</summary>
    internal static Reply? Build(IReadOnlyList<OutreachTask> tasks, Reader reader)
    {
        var open = tasks.Where(t => t.Status == OutreachTaskStatus.Open).ToList();
        var overdue = open.Where(t => t.DueAt is { } due && due < reader.Now).OrderBy(t => t.DueAt).ToList();
        var finished = tasks.Where(t => t.Status == OutreachTaskStatus.Done && t.DoneAt is { } at && at >= reader.Now - TimeSpan.FromDays(1))
            .OrderBy(t => t.DoneAt).ToList();
        if (open.Count == 0 && finished.Count == 0)
        {
            return null;
        }

        var fields = new List<ReplyField>();
        foreach (var person in open.Where(t => t.AssigneeId is not null && !overdue.Contains(t)).GroupBy(t => t.AssigneeId!).OrderBy(g => g.First().AssigneeName, StringComparer.Create(reader.Culture, ignoreCase: true)))
        {
            var lines = person.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).Select(t => "• " + TaskCards.Line(t, reader, showWho: false));
            fields.Add(new ReplyField(person.First().AssigneeName ?? person.Key, string.Join("\n", lines)));
        }

        var unassigned = open.Where(t => t.AssigneeId is null && !overdue.Contains(t)).ToList();
        if (unassigned.Count > 0)
        {
            fields.Add(new ReplyField(reader.T("tasks.digest.needs-someone"), string.Join("\n", unassigned.Select(t => "• " + TaskCards.Line(t, reader, showWho: false)))));
        }

        if (overdue.Count > 0)
        {
            fields.Add(new ReplyField(reader.T("tasks.digest.overdue", new { count = overdue.Count }), string.Join("\n", overdue.Select(t => "• " + TaskCards.Line(t, reader)))));
        }

        if (finished.Count > 0)
        {
            fields.Add(new ReplyField(reader.T("tasks.digest.finished", new { count = finished.Count }),
                string.Join("\n", finished.Select(t => "• " + Finished(t, reader)))));
        }

        return new Reply
        {
            Title = reader.T("tasks.digest.title", new { date = reader.Date(reader.Now, DateStyle.Weekday) }),
            Text = reader.T("tasks.digest.summary", new { open = open.Count, overdue = overdue.Count, finished = finished.Count }),
            Fields = fields,
            Footer = reader.T("tasks.digest.footer"),
        };
    }

    /// <summary>A task finished since yesterday, and who finished it.</summary>
    private static string Finished(OutreachTask task, Reader reader) => (task.DoneByName ?? task.AssigneeName) is { } person
        ? reader.T("tasks.digest.finished-by", new { number = task.Number, title = task.Title, person })
        : reader.T("tasks.line", new { number = task.Number, title = task.Title });
}
