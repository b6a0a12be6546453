using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A campaign's key dates (<c>/campaign date add</c>, <c>remove</c>) and the numbers it counts toward its goals (<c>/campaign metric</c>, <c>trend</c>).</summary>
internal sealed class CampaignTimelineCommands(CampaignStore store, TimeProvider clock) : CampaignModule
{
    private const int TrendLines = 10;

    // "/campaign metric signatures history" shows the trend instead of setting a value.
    private static readonly HashSet<string> HistoryWords = new(["history", "historial", "trend", "tendencia"], StringComparer.OrdinalIgnoreCase);

    [Command("campaign date add", "Add a key date: a vote, budget decision, contract renewal, election", Role = Role.Lead)]
    public async Task<CommandResult> DateAddAsync(
        [Option("When, like 2026-03-14 or \"2026-03-14 18:00\"")] DateTimeOffset when,
        [Option("What happens, like: budget vote", Remainder = true, MaxLength = CampaignLimits.LabelMax)] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var date = new CampaignDate { CampaignId = found.Id, At = when.ToUniversalTime(), Label = label.Trim() };
        var reader = Context.ReaderAt(clock.GetUtcNow());
        await store.AddDateAsync(found, date, Detail(date, reader), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.date.added", new { date = new TrustedMarkup(CampaignCards.DateLine(date, reader)) }) });
    }

    [Command("campaign date remove", "Remove a key date", Role = Role.Lead)]
    public async Task<CommandResult> DateRemoveAsync(
        [Option("Words of its label", Remainder = true, MaxLength = CampaignLimits.LabelMax)] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var dates = await store.DatesAsync(found.Id, cancellationToken);
        var matches = CampaignStore.Match(label, dates, d => [d.Label]);
        var reader = Context.ReaderAt(clock.GetUtcNow());
        if (matches.Count != 1)
        {
            var known = dates.Count == 0 ? "–" : string.Join("; ", dates.Select(d => d.Label));
            return matches.Count == 0
                ? CommandResult.NotFound(Context.T("campaigns.date.not-found", new { campaign = found.Name, label, dates = known }))
                : CommandResult.Invalid(Context.T("campaigns.date.several", new { label, dates = new TrustedMarkup(string.Join("; ", matches.Select(d => Markup.Escape(Detail(d, reader))))) }));
        }

        var date = matches[0];
        await store.RemoveDateAsync(found, date, Detail(date, reader), Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Context.T("campaigns.date.removed", new { date = new TrustedMarkup(CampaignCards.DateLine(date, reader)) }) });
    }

    [Command("campaign metric", "Count toward a goal, like: signatures 3200/5000", Role = Role.Lead)]
    public async Task<CommandResult> MetricAsync(
        [Option("What is counted, like signatures", MaxLength = CampaignLimits.MetricNameMax)] string name,
        [Option("The count and the goal, like 3200/5000 (or just 3400 once the goal is set)", MaxLength = 40)] string value,
        [Option("The step it counts toward (default: 5 for signatures and petitions, else the current step)")] CampaignStep? step = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var key = CampaignStore.Key(name);
        if (key.Length == 0)
        {
            return CommandResult.Invalid(Context.T("campaigns.metric.no-name"));
        }

        if (HistoryWords.Contains(value.Trim()))
        {
            return await TrendAsync(name, campaign, cancellationToken);
        }

        if (!TryParseCount(value, out var count, out var goal))
        {
            return CommandResult.Invalid(Context.T("campaigns.metric.bad-count", new { value }));
        }

        var metric = await store.MetricAsync(found.Id, key, cancellationToken);
        if (metric is null && goal is null)
        {
            return CommandResult.Invalid(Context.T("campaigns.metric.no-goal", new { example = new TrustedMarkup(Markup.Format($"`/campaign metric {name.Trim()} {count}/5000`")) }));
        }

        var before = metric is null ? null : $"{metric.Value}/{metric.Goal}";
        metric ??= new CampaignMetric { CampaignId = found.Id, Name = name.Trim(), NameKey = key, Step = step ?? DefaultStep(key, found.Step) };
        var newGoal = goal ?? metric.Goal;
        var now = string.Create(CultureInfo.InvariantCulture, $"{metric.Name} {count}/{newGoal}");
        var detail = before is null ? now : Markup.ToPlainText(Context.T("campaigns.metric.detail-was", new { metric = now, before }));
        await store.SetMetricAsync(found, metric, count, newGoal, step, detail, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = CampaignCards.Metric(metric, Context.ReaderAt(clock.GetUtcNow())) });
    }

    [Command("campaign trend", "A metric over time, as a line chart")]
    public async Task<CommandResult> TrendAsync(
        [Option("The metric, like signatures", MaxLength = CampaignLimits.MetricNameMax)] string metric,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var key = CampaignStore.Key(metric);
        var metrics = await store.MetricsAsync(found.Id, cancellationToken);
        var chosen = metrics.FirstOrDefault(m => m.NameKey == key);
        if (chosen is null)
        {
            var known = string.Join(", ", metrics.Select(m => m.Name).Order(StringComparer.OrdinalIgnoreCase));
            return CommandResult.NotFound(Context.T("campaigns.trend.unknown", new { campaign = found.Name, metric = metric.Trim(), metrics = known.Length == 0 ? "—" : known }));
        }

        var samples = await store.ReadingsAsync(chosen.Id, cancellationToken);
        var reader = Context.ReaderAt(clock.GetUtcNow());
        var lines = samples.Count > TrendLines ? samples.Skip(samples.Count - TrendLines) : samples;
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("campaigns.trend.title", new { metric = chosen.Name, campaign = found.Name }),
            Text = CampaignCards.Metric(chosen, reader),
            Bullets = lines.Reverse().Select(p => Context.T("campaigns.trend.reading", new { date = reader.Date(p.At, DateStyle.DayTime), value = reader.Number(p.Value), goal = reader.Number(p.Goal), when = reader.Relative(p.At) })).ToList(),
            Footer = samples.Count > TrendLines ? Context.T("campaigns.trend.latest", new { shown = TrendLines, count = samples.Count }) : null,
            Attachments = [CampaignPictures.Trend(found, chosen, samples, reader)],
        });
    }

    /// <summary>"budget vote (Sat, Mar 14, 2026)": a date as the history records it.</summary>
    private static string Detail(CampaignDate date, Reader reader) =>
        Markup.ToPlainText(reader.T("campaigns.date.detail", new { label = date.Label, date = reader.Date(date.At, DateStyle.DayTime) }));

    private static CampaignStep DefaultStep(string key, CampaignStep current) =>
        key.Split(' ').Any(w => w.StartsWith("signature", StringComparison.Ordinal) || w.StartsWith("firma", StringComparison.Ordinal)
            || w.StartsWith("petition", StringComparison.Ordinal) || w.StartsWith("peticion", StringComparison.Ordinal))
            ? CampaignStep.DirectAction
            : current;

    /// <summary>Reads "3200/5000", "3,200 / 5,000" or "3200" (goal kept).</summary>
    internal static bool TryParseCount(string text, out long count, out long? goal)
    {
        goal = null;
        count = 0;
        var parts = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 1_000_000_000)
        {
            return false;
        }

        if (parts.Length == 2)
        {
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g <= 0 || g > 1_000_000_000)
            {
                return false;
            }

            goal = g;
        }

        return true;
    }
}
