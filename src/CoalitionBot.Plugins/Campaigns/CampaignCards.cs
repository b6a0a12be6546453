using System.Globalization;
using System.Text;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Turns campaigns into neutral replies in the reader's language, within the platforms' limits (a field stays under Discord's 1024 characters).</summary>
internal static class CampaignCards
{
    public const string ConfirmAction = "campaign.advance";
    public const string CancelAction = "campaign.cancel";
    private const int FieldMax = 1000;
    private const int BarCells = 10;

    /// <summary>"██████░░░░ 60%", or a dash when the step has nothing to count yet.</summary>
    public static string Bar(double? fraction)
    {
        if (fraction is not { } f)
        {
            return new string('░', BarCells) + " –";
        }

        var filled = (int)Math.Round(Math.Clamp(f, 0, 1) * BarCells, MidpointRounding.AwayFromZero);
        return new string('█', filled) + new string('░', BarCells - filled) + " " + ((int)Math.Floor(Math.Clamp(f, 0, 1) * 100)).ToString(CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>"budget vote in 12 days (Sat, Mar 14, 2026)".</summary>
    public static string DateLine(CampaignDate date, Reader r) =>
        r.T("campaigns.date.line", new { label = date.Label, when = r.Relative(date.At), date = r.Date(date.At, DateStyle.DayTime) });

    /// <summary>"**signatures** ██████░░░░ 64% · 3,200/5,000 · step 5".</summary>
    public static string Metric(CampaignMetric metric, Reader r) =>
        r.T("campaigns.metric.line", new { name = metric.Name, bar = Bar(CampaignProgress.Fraction(metric)), value = r.Number(metric.Value), goal = r.Number(metric.Goal), step = (int)metric.Step });

    public static string ItemLine(CampaignItem item, IReadOnlyList<CampaignItem> items, Reader r) =>
        Markup.Format($"{(item.Done ? "☑" : "☐")} `{CampaignStore.Number(item, items)}` {CampaignSteps.TextOf(item, r.Strings)}");

    public static Reply Status(CampaignSnapshot s, Reader r)
    {
        var c = s.Campaign;
        var fields = new List<ReplyField>();
        var progress = s.Steps.Select(p => ProgressLine(p, c.Step, r)).ToList();
        fields.Add(new ReplyField(r.T("campaigns.status.progress"), Lines(progress, r)));

        var open = s.Items.Where(i => i.Step == c.Step && !i.Done).Select(i => ItemLine(i, s.Items, r)).ToList();
        fields.Add(new ReplyField(
            r.T("campaigns.status.open", new { step = (int)c.Step }),
            open.Count == 0 ? r.T("campaigns.status.all-checked") : Lines(open, r)));

        fields.AddRange(DetailFields(s, r));

        return new Reply
        {
            Title = r.T("campaigns.status.title", new { campaign = c.Name, step = (int)c.Step, name = CampaignSteps.Name(c.Step, r.Strings) }),
            Text = r.T("campaigns.status.goal", new { goal = c.Goal }) + "\n"
                + r.T("campaigns.status.since", new { date = r.Date(c.StepChangedAt, DateStyle.DayTime), when = r.Relative(c.StepChangedAt) }),
            Fields = fields,
            Footer = Footer(s, r),
            Ephemeral = true,
        };
    }

    /// <summary>One step's line of "Progress by step": the marker and bar (in code, so bars line up), the step, and what counts toward it.</summary>
    private static string ProgressLine(StepProgress p, CampaignStep current, Reader r)
    {
        var line = new StringBuilder();
        line.Append('`').Append(p.Step == current ? "▶ " : "▷ ").Append(Bar(p.Fraction).PadRight(BarCells + 5)).Append("` ");
        line.Append(CampaignSteps.Label(p.Step, r.Strings).Value);
        var parts = new List<string>();
        if (p.Items > 0)
        {
            parts.Add(r.T("campaigns.status.items", new { done = p.Checked, count = p.Items }));
        }

        if (p.Tasks > 0)
        {
            parts.Add(r.T("campaigns.status.tasks", new { done = p.DoneTasks, count = p.Tasks }));
        }

        if (p.Targets > 0)
        {
            parts.Add(MetLine(p.Met, p.Targets, r));
        }

        if (p.Metrics.Count > 0)
        {
            parts.Add(Markup.Escape(string.Join(", ", p.Metrics.Select(m => m.Name))));
        }

        if (parts.Count > 0)
        {
            line.Append(" · ").Append(string.Join(" · ", parts));
        }

        return line.ToString();
    }

    /// <summary>The parts of the status that exist only when there is something to show: open tasks, targets, metrics, the next meeting, key dates.</summary>
    private static List<ReplyField> DetailFields(CampaignSnapshot s, Reader r)
    {
        var fields = new List<ReplyField>();
        if (s.Tasks is { } tasks)
        {
            var openTasks = tasks.Where(t => !t.Done).OrderBy(t => t.Step).ThenBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number)
                .Select(t => t.DueAt is { } due
                    ? r.T("campaigns.status.task-due", new { step = (int)t.Step, number = t.Number, title = t.Title, assignee = t.AssigneeName, when = r.Relative(due) })
                    : r.T("campaigns.status.task", new { step = (int)t.Step, number = t.Number, title = t.Title, assignee = t.AssigneeName }))
                .ToList();
            fields.Add(new ReplyField(r.T("campaigns.status.open-tasks"), openTasks.Count == 0 ? r.T("campaigns.status.no-tasks") : Lines(openTasks, r)));
        }

        if (s.Targets.Count > 0)
        {
            var met = s.Targets.Count(t => t.Met);
            var who = string.Join(" · ", s.Targets.Select(t => (t.Met ? "✅ " : "⬜ ") + Markup.Escape(t.Name)));
            fields.Add(new ReplyField(r.T("campaigns.status.targets"), Clip(r.T("campaigns.status.targets.line", new { met = new TrustedMarkup(MetLine(met, s.Targets.Count, r)), who = new TrustedMarkup(who) }))));
        }

        if (s.Metrics.Count > 0)
        {
            fields.Add(new ReplyField(r.T("campaigns.status.metrics"), Lines(s.Metrics.Select(m => Metric(m, r)).ToList(), r)));
        }

        if (s.NextMeeting is { } next)
        {
            fields.Add(new ReplyField(r.T("campaigns.status.next-meeting"),
                r.T("campaigns.status.meeting", new { number = next.Number, title = next.Title, date = r.Date(next.Start, DateStyle.DayTime), when = r.Relative(next.Start) })));
        }

        if (s.Dates.Count > 0)
        {
            var upcoming = s.Dates.Where(d => d.At >= s.Now).ToList();
            var past = s.Dates.Where(d => d.At < s.Now).OrderByDescending(d => d.At).Take(3).ToList();
            fields.Add(new ReplyField(r.T("campaigns.status.dates"), Lines(upcoming.Concat(past).Select(d => DateLine(d, r)).ToList(), r)));
        }

        return fields;
    }

    /// <summary>What to do next: check the first open item of the current step (by its number), or advance when all are checked.</summary>
    private static string Footer(CampaignSnapshot s, Reader r)
    {
        var next = s.Items.Where(i => i.Step == s.Campaign.Step && !i.Done).OrderBy(i => i.Position).FirstOrDefault();
        var first = next is not null
            ? r.T("campaigns.status.footer.check", new { number = CampaignStore.Number(next, s.Items) })
            : s.Campaign.Step < CampaignStep.Reconciliation
                ? r.T("campaigns.status.footer.advance")
                : r.T("campaigns.status.footer.done");
        return first + " · " + r.T("campaigns.status.footer.more");
    }

    public static string MetLine(int met, int targets, Reader r) => r.T("campaigns.status.met", new { met, count = targets });

    /// <summary>The message posted in the campaign channel when the step changes, in the coalition's language.</summary>
    public static Reply StepChanged(Campaign campaign, CampaignStep from, string byName, string? note, IReadOnlyList<CampaignItem> items, Reader r)
    {
        var forward = campaign.Step > from;
        var open = items.Where(i => i.Step == campaign.Step && !i.Done).Select(i => ItemLine(i, items, r)).ToList();
        var fields = new List<ReplyField>();
        if (!string.IsNullOrWhiteSpace(note))
        {
            fields.Add(new ReplyField(r.T("campaigns.announce.note"), Markup.Escape(note)));
        }

        if (open.Count > 0)
        {
            fields.Add(new ReplyField(r.T("campaigns.step.needs", new { step = (int)campaign.Step }), Lines(open, r)));
        }

        var to = CampaignSteps.Label(campaign.Step, r.Strings);
        var was = CampaignSteps.Label(from, r.Strings);
        return new Reply
        {
            Title = r.T(forward ? "campaigns.announce.forward.title" : "campaigns.announce.back.title", new { campaign = campaign.Name, to }),
            Text = r.T(forward ? "campaigns.announce.forward.text" : "campaigns.announce.back.text", new { person = byName, from = was, to }),
            Fields = fields,
            Footer = r.T("campaigns.announce.footer"),
        };
    }

    /// <summary>One history entry: when, who, what.</summary>
    public static string HistoryLine(CampaignEvent e, Reader r)
    {
        var step = e.Step is { } s ? CampaignSteps.Label(s, r.Strings) : default;
        var detail = e.Detail ?? string.Empty;
        var what = e.Kind switch
        {
            CampaignEventKind.Started => r.T("campaigns.history.started", new { goal = detail }),
            CampaignEventKind.Advanced => WithNote(r.T("campaigns.history.advanced", new { step }), detail, r),
            CampaignEventKind.SteppedBack => WithNote(r.T("campaigns.history.stepped-back", new { step }), detail, r),
            CampaignEventKind.Checked => r.T("campaigns.history.checked", new { item = detail }),
            CampaignEventKind.Unchecked => r.T("campaigns.history.unchecked", new { item = detail }),
            CampaignEventKind.ItemAdded => r.T("campaigns.history.item-added", new { item = detail }),
            CampaignEventKind.ItemRemoved => r.T("campaigns.history.item-removed", new { item = detail }),
            CampaignEventKind.TargetAdded => r.T("campaigns.history.target-added", new { name = detail }),
            CampaignEventKind.TargetRemoved => r.T("campaigns.history.target-removed", new { name = detail }),
            CampaignEventKind.DateAdded => r.T("campaigns.history.date-added", new { date = detail }),
            CampaignEventKind.DateRemoved => r.T("campaigns.history.date-removed", new { date = detail }),
            CampaignEventKind.MetricSet => r.T("campaigns.history.metric-set", new { metric = detail }),
            CampaignEventKind.ChannelChanged => r.T("campaigns.history.channel", new { channel = detail }),
            CampaignEventKind.Closed => WithNote(r.T("campaigns.history.closed"), detail, r),
            CampaignEventKind.Reopened => r.T("campaigns.history.reopened"),
            _ => Markup.Escape(detail),
        };
        var who = string.IsNullOrEmpty(e.ByName) ? r.M("campaigns.history.name-erased") : new TrustedMarkup(Markup.Escape(e.ByName));
        var local = TimeZoneInfo.ConvertTime(e.At, r.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return r.T("campaigns.history.line", new { at = local, when = r.Relative(e.At), who, what = new TrustedMarkup(what) });
    }

    private static string WithNote(string what, string detail, Reader r) =>
        detail.Length == 0 ? what : r.T("campaigns.history.with-note", new { what = new TrustedMarkup(what), note = detail });

    /// <summary>Joins lines for a field, ending with "+N more" before it would pass the field limit.</summary>
    public static string Lines(IReadOnlyList<string> lines, Reader r)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var more = r.T("campaigns.more", new { count = lines.Count - i });
            if (builder.Length + lines[i].Length + 1 > FieldMax - more.Length - 1)
            {
                builder.Append(more);
                break;
            }

            builder.Append(lines[i]).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static string Clip(string markup) => markup.Length <= FieldMax ? markup : markup[..FieldMax].TrimEnd('\\') + "…";
}
