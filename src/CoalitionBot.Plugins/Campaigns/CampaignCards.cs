using System.Globalization;
using System.Text;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Humanizer;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Turns campaigns into neutral replies, within the platforms' limits (a field stays under Discord's 1024 characters).</summary>
internal static class CampaignCards
{
    public const string ConfirmAction = "campaign.advance";
    public const string CancelAction = "campaign.cancel";
    private const int FieldMax = 1000;
    private const int BarCells = 10;

    public static CultureInfo Culture(bool spanish) => CultureInfo.GetCultureInfo(spanish ? "es" : "en-US");

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

    /// <summary>"in 12 days" / "en 12 días", "12 days ago" / "hace 12 días" (in days at most, so a vote 12 days out is not "1 week").</summary>
    /// <remarks>
    /// A day or more away counts calendar days in the coalition's zone, so a date typed without a time (midnight) is as many
    /// days away as the same date at 18:00: on Dec 3, "2027-03-10" is in 97 days either way.
    /// </remarks>
    public static string Relative(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone, bool spanish)
    {
        var span = at - now;
        if (span.Duration() < TimeSpan.FromMinutes(1))
        {
            return spanish ? "ahora" : "now";
        }

        var localAt = TimeZoneInfo.ConvertTime(at, zone);
        var days = DateOnly.FromDateTime(localAt.DateTime).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).DayNumber;
        var dateOnly = localAt.TimeOfDay == TimeSpan.Zero;
        if (days == 0 && dateOnly)
        {
            return spanish ? "hoy" : "today";
        }

        var amount = days != 0 && (dateOnly || span.Duration() >= TimeSpan.FromDays(1))
            ? TimeSpan.FromDays(Math.Abs(days)).Humanize(precision: 1, culture: Culture(spanish), maxUnit: TimeUnit.Day, minUnit: TimeUnit.Day)
            : span.Duration().Humanize(precision: 1, culture: Culture(spanish), maxUnit: TimeUnit.Day, minUnit: TimeUnit.Minute);
        return span > TimeSpan.Zero
            ? (spanish ? "en " : "in ") + amount
            : spanish ? "hace " + amount : amount + " ago";
    }

    public static string LocalDate(DateTimeOffset at, TimeZoneInfo zone, bool spanish)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var hasTime = local.TimeOfDay != TimeSpan.Zero;
        return spanish
            ? local.ToString(hasTime ? "ddd d 'de' MMM 'de' yyyy, HH:mm" : "ddd d 'de' MMM 'de' yyyy", Culture(true)).Replace(".", string.Empty, StringComparison.Ordinal)
            : local.ToString(hasTime ? "ddd, MMM d, yyyy, h:mm tt" : "ddd, MMM d, yyyy", Culture(false));
    }

    /// <summary>"budget vote in 12 days (Sat, Mar 14, 2026)".</summary>
    public static string DateLine(CampaignDate date, DateTimeOffset now, TimeZoneInfo zone, bool spanish) =>
        Markup.Format($"**{date.Label}** {Relative(date.At, now, zone, spanish)} ({LocalDate(date.At, zone, spanish)})");

    public static string Metric(CampaignMetric metric, bool spanish)
    {
        var culture = Culture(spanish);
        return Markup.Format($"**{metric.Name}** {Bar(CampaignProgress.Fraction(metric))} · {metric.Value.ToString("N0", culture)}/{metric.Goal.ToString("N0", culture)} · {(spanish ? "paso" : "step")} {(int)metric.Step}");
    }

    public static string ItemLine(CampaignItem item, IReadOnlyList<CampaignItem> items, bool spanish) =>
        Markup.Format($"{(item.Done ? "☑" : "☐")} `{CampaignStore.Number(item, items)}` {CampaignSteps.TextOf(item, spanish)}");

    public static Reply Status(CampaignSnapshot s, CommandContext context)
    {
        var spanish = context.IsSpanish;
        var c = s.Campaign;
        var fields = new List<ReplyField>();
        var progress = s.Steps.Select(p => ProgressLine(p, c.Step, spanish)).ToList();
        fields.Add(new ReplyField(spanish ? "Avance por paso" : "Progress by step", Lines(progress, spanish)));

        var open = s.Items.Where(i => i.Step == c.Step && !i.Done).Select(i => ItemLine(i, s.Items, spanish)).ToList();
        fields.Add(new ReplyField(
            spanish ? $"Pendiente en el paso {(int)c.Step}" : $"Still open in step {(int)c.Step}",
            open.Count == 0 ? (spanish ? "Nada: todo marcado. ¿Listos para `/campaign advance`?" : "Nothing: all checked. Ready to `/campaign advance`?") : Lines(open, spanish)));

        fields.AddRange(DetailFields(s, context));

        return new Reply
        {
            Title = $"{c.Name} — " + (spanish ? $"paso {(int)c.Step} de 6: " : $"step {(int)c.Step} of 6: ") + CampaignSteps.Name(c.Step).In(spanish),
            Text = Markup.Format($"**{(spanish ? "Meta" : "Goal")}:** {c.Goal}\n_{(spanish ? "En este paso desde" : "On this step since")} {LocalDate(c.StepChangedAt, context.TimeZone, spanish)} ({Relative(c.StepChangedAt, s.Now, context.TimeZone, spanish)})_"),
            Fields = fields,
            Footer = Footer(s, spanish),
            Ephemeral = true,
        };
    }

    /// <summary>One step's line of "Progress by step": the marker and bar (in code, so bars line up), the step, and what counts toward it.</summary>
    private static string ProgressLine(StepProgress p, CampaignStep current, bool spanish)
    {
        var line = new StringBuilder();
        line.Append('`').Append(p.Step == current ? "▶ " : "▷ ").Append(Bar(p.Fraction).PadRight(BarCells + 5)).Append("` ");
        line.Append(Markup.Escape(CampaignSteps.Label(p.Step, spanish)));
        var parts = new List<string>();
        if (p.Items > 0)
        {
            parts.Add(spanish ? $"{p.Checked}/{p.Items} puntos" : $"{p.Checked}/{p.Items} items");
        }

        if (p.Tasks > 0)
        {
            parts.Add(spanish ? $"{p.DoneTasks}/{p.Tasks} tareas" : $"{p.DoneTasks}/{p.Tasks} tasks");
        }

        if (p.Targets > 0)
        {
            parts.Add(MetLine(p.Met, p.Targets, spanish));
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
    private static List<ReplyField> DetailFields(CampaignSnapshot s, CommandContext context)
    {
        var spanish = context.IsSpanish;
        var fields = new List<ReplyField>();
        if (s.Tasks is { } tasks)
        {
            var openTasks = tasks.Where(t => !t.Done).OrderBy(t => t.Step).ThenBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.Number)
                .Select(t => Markup.Format($"{(spanish ? "Paso" : "Step")} {(int)t.Step}: #{t.Number} {t.Title} ({t.AssigneeName}){(t.DueAt is { } due ? (spanish ? ", vence " : ", due ") + Relative(due, s.Now, context.TimeZone, spanish) : string.Empty)}"))
                .ToList();
            fields.Add(new ReplyField(spanish ? "Tareas abiertas" : "Open tasks", openTasks.Count == 0 ? (spanish ? "Ninguna." : "None.") : Lines(openTasks, spanish)));
        }

        if (s.Targets.Count > 0)
        {
            var met = s.Targets.Count(t => t.Met);
            var who = string.Join(" · ", s.Targets.Select(t => (t.Met ? "✅ " : "⬜ ") + Markup.Escape(t.Name)));
            fields.Add(new ReplyField(spanish ? "Personas que deciden (paso 4)" : "Targets (step 4)", Clip($"{MetLine(met, s.Targets.Count, spanish)}: {who}")));
        }

        if (s.Metrics.Count > 0)
        {
            fields.Add(new ReplyField(spanish ? "Indicadores" : "Metrics", Lines(s.Metrics.Select(m => Metric(m, spanish)).ToList(), spanish)));
        }

        if (s.NextMeeting is { } next)
        {
            fields.Add(new ReplyField(spanish ? "Próxima reunión" : "Next meeting",
                Markup.Format($"#{next.Number} {next.Title} — {LocalDate(next.Start, context.TimeZone, spanish)}, {Relative(next.Start, s.Now, context.TimeZone, spanish)}")));
        }

        if (s.Dates.Count > 0)
        {
            var upcoming = s.Dates.Where(d => d.At >= s.Now).ToList();
            var past = s.Dates.Where(d => d.At < s.Now).OrderByDescending(d => d.At).Take(3).ToList();
            fields.Add(new ReplyField(spanish ? "Fechas clave" : "Key dates",
                Lines(upcoming.Concat(past).Select(d => DateLine(d, s.Now, context.TimeZone, spanish)).ToList(), spanish)));
        }

        return fields;
    }

    /// <summary>What to do next: check the first open item of the current step (by its number), or advance when all are checked.</summary>
    private static string Footer(CampaignSnapshot s, bool spanish)
    {
        var next = s.Items.Where(i => i.Step == s.Campaign.Step && !i.Done).OrderBy(i => i.Position).FirstOrDefault();
        var first = next is not null
            ? (spanish ? $"Marque puntos con `/campaign check {CampaignStore.Number(next, s.Items)}`" : $"Check items with `/campaign check {CampaignStore.Number(next, s.Items)}`")
            : s.Campaign.Step < CampaignStep.Reconciliation
                ? (spanish ? "Siguiente paso: `/campaign advance`" : "Next step: `/campaign advance`")
                : (spanish ? "Todo marcado" : "All checked");
        return first + (spanish ? " · historial: `/campaign history` · tácticas: `/campaign tactics`" : " · history: `/campaign history` · tactics: `/campaign tactics`");
    }

    public static string MetLine(int met, int targets, bool spanish) =>
        spanish ? $"se reunieron con {met} de {targets}" : $"met {met} of {targets} targets";

    /// <summary>The message posted in the campaign channel when the step changes.</summary>
    public static Reply StepChanged(Campaign campaign, CampaignStep from, string byName, string? note, IReadOnlyList<CampaignItem> items, bool spanish)
    {
        var forward = campaign.Step > from;
        var open = items.Where(i => i.Step == campaign.Step && !i.Done).Select(i => ItemLine(i, items, spanish)).ToList();
        var fields = new List<ReplyField>();
        if (!string.IsNullOrWhiteSpace(note))
        {
            fields.Add(new ReplyField(spanish ? "Nota" : "Note", Markup.Escape(note)));
        }

        if (open.Count > 0)
        {
            fields.Add(new ReplyField(spanish ? $"Lo que necesita el paso {(int)campaign.Step}" : $"What step {(int)campaign.Step} needs", Lines(open, spanish)));
        }

        var to = CampaignSteps.Label(campaign.Step, spanish);
        var was = CampaignSteps.Label(from, spanish);
        return new Reply
        {
            Title = forward
                ? (spanish ? $"{campaign.Name} avanza al {to}" : $"{campaign.Name} moves on to {to}")
                : (spanish ? $"{campaign.Name} vuelve al {to}" : $"{campaign.Name} steps back to {to}"),
            Text = forward
                ? Markup.Format($"{byName} {(spanish ? "pasó la campaña del" : "moved the campaign from")} {was} {(spanish ? "al" : "to")} {to}.")
                : Markup.Format($"{byName} {(spanish ? "regresó la campaña del" : "took the campaign back from")} {was} {(spanish ? "al" : "to")} {to} {(spanish ? "para volver a evaluar" : "to re-assess")}."),
            Fields = fields,
            Footer = spanish ? "Vea dónde está la campaña con `/campaign status`." : "See where the campaign stands with `/campaign status`.",
        };
    }

    /// <summary>One history entry: when, who, what.</summary>
    public static string HistoryLine(CampaignEvent e, DateTimeOffset now, TimeZoneInfo zone, bool spanish)
    {
        var step = e.Step is { } s ? CampaignSteps.Label(s, spanish) : string.Empty;
        var detail = e.Detail ?? string.Empty;
        var what = e.Kind switch
        {
            CampaignEventKind.Started => spanish ? $"inició la campaña: {detail}" : $"started the campaign: {detail}",
            CampaignEventKind.Advanced => (spanish ? $"avanzó al {step}" : $"moved on to {step}") + Note(detail, spanish),
            CampaignEventKind.SteppedBack => (spanish ? $"regresó al {step}" : $"went back to {step}") + Note(detail, spanish),
            CampaignEventKind.Checked => spanish ? $"marcó {detail}" : $"checked {detail}",
            CampaignEventKind.Unchecked => spanish ? $"desmarcó {detail}" : $"unchecked {detail}",
            CampaignEventKind.ItemAdded => spanish ? $"agregó el punto {detail}" : $"added item {detail}",
            CampaignEventKind.ItemRemoved => spanish ? $"quitó el punto {detail}" : $"removed item {detail}",
            CampaignEventKind.TargetAdded => spanish ? $"agregó a {detail} como persona que decide" : $"added target {detail}",
            CampaignEventKind.TargetRemoved => spanish ? $"quitó a {detail} de las personas que deciden" : $"removed target {detail}",
            CampaignEventKind.DateAdded => spanish ? $"agregó la fecha {detail}" : $"added the date {detail}",
            CampaignEventKind.DateRemoved => spanish ? $"quitó la fecha {detail}" : $"removed the date {detail}",
            CampaignEventKind.MetricSet => spanish ? $"actualizó el indicador {detail}" : $"set the metric {detail}",
            CampaignEventKind.ChannelChanged => spanish ? $"cambió el canal de anuncios a {detail}" : $"moved announcements to {detail}",
            CampaignEventKind.Closed => (spanish ? "cerró la campaña" : "closed the campaign") + Note(detail, spanish),
            CampaignEventKind.Reopened => spanish ? "reabrió la campaña" : "reopened the campaign",
            _ => detail,
        };
        var who = string.IsNullOrEmpty(e.ByName) ? (spanish ? "(nombre borrado)" : "(name erased)") : e.ByName;
        var local = TimeZoneInfo.ConvertTime(e.At, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return Markup.Format($"{local} ({Relative(e.At, now, zone, spanish)}) · **{who}** {what}");
    }

    private static string Note(string detail, bool spanish) =>
        detail.Length == 0 ? string.Empty : (spanish ? $" — nota: {detail}" : $" — note: {detail}");

    /// <summary>Joins lines for a field, ending with "+N more" before it would pass the field limit.</summary>
    public static string Lines(IReadOnlyList<string> lines, bool spanish)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var more = spanish ? $"+{lines.Count - i} más" : $"+{lines.Count - i} more";
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
