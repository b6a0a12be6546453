using System.Globalization;
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

    [Command("campaign date add", "Add a key date: a vote, budget decision, contract renewal, election", Role = Role.Lead, DescriptionEs = "Agregar una fecha clave: votación, presupuesto, renovación de contrato, elección")]
    public async Task<CommandResult> DateAddAsync(
        [Option("When, like 2026-03-14 or \"2026-03-14 18:00\"", DescriptionEs = "Cuándo, como 2026-03-14 o \"2026-03-14 18:00\"")] DateTimeOffset when,
        [Option("What happens, like: budget vote", Remainder = true, MaxLength = CampaignLimits.LabelMax, DescriptionEs = "Qué pasa, como: votación del presupuesto")] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var date = new CampaignDate { CampaignId = found.Id, At = when.ToUniversalTime(), Label = label.Trim() };
        var local = CampaignCards.LocalDate(date.At, Context.TimeZone, Spanish);
        await store.AddDateAsync(found, date, $"{date.Label} ({local})", Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Say("Key date added: ", "Fecha clave agregada: ") + CampaignCards.DateLine(date, clock.GetUtcNow(), Context.TimeZone, Spanish) + "." });
    }

    [Command("campaign date remove", "Remove a key date", Role = Role.Lead, DescriptionEs = "Quitar una fecha clave")]
    public async Task<CommandResult> DateRemoveAsync(
        [Option("Words of its label", Remainder = true, MaxLength = CampaignLimits.LabelMax, DescriptionEs = "Palabras de su etiqueta")] string label,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
        CancellationToken cancellationToken = default)
    {
        var (found, error) = await store.ResolveAsync(campaign, Context, cancellationToken, forChange: true);
        if (found is null)
        {
            return CommandResult.NotFound(error!);
        }

        var dates = await store.DatesAsync(found.Id, cancellationToken);
        var matches = CampaignStore.Match(label, dates, d => [d.Label]);
        var now = clock.GetUtcNow();
        if (matches.Count != 1)
        {
            var known = dates.Count == 0 ? "–" : string.Join("; ", dates.Select(d => d.Label));
            return matches.Count == 0
                ? CommandResult.NotFound(Markup.Format($"{Say("No key date of", "Ninguna fecha clave de")} {found.Name} {Say("is called", "se llama")} “{label}”. {Say("Dates", "Fechas")}: {known}."))
                : CommandResult.Invalid(Markup.Format($"“{label}” {Say("fits several dates", "coincide con varias fechas")}: {string.Join("; ", matches.Select(d => $"{d.Label} ({CampaignCards.LocalDate(d.At, Context.TimeZone, Spanish)})"))}. {Say("Type more of the label.", "Escriba más de la etiqueta.")}"));
        }

        var date = matches[0];
        await store.RemoveDateAsync(found, date, $"{date.Label} ({CampaignCards.LocalDate(date.At, Context.TimeZone, Spanish)})", Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = Say("Key date removed: ", "Fecha clave quitada: ") + CampaignCards.DateLine(date, now, Context.TimeZone, Spanish) + "." });
    }

    [Command("campaign metric", "Count toward a goal, like: signatures 3200/5000", Role = Role.Lead, DescriptionEs = "Llevar la cuenta de una meta, como: firmas 3200/5000")]
    public async Task<CommandResult> MetricAsync(
        [Option("What is counted, like signatures", MaxLength = CampaignLimits.MetricNameMax, DescriptionEs = "Qué se cuenta, como firmas")] string name,
        [Option("The count and the goal, like 3200/5000 (or just 3400 once the goal is set)", MaxLength = 40, DescriptionEs = "La cantidad y la meta, como 3200/5000 (o solo 3400 si la meta ya está fijada)")] string value,
        [Option("The step it counts toward (default: 5 for signatures and petitions, else the current step)", DescriptionEs = "El paso al que suma (por defecto: el 5 para firmas y peticiones; si no, el paso actual)")] CampaignStep? step = null,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
            return CommandResult.Invalid(Say("Name what is counted, like `signatures`.", "Indique qué se cuenta, como `firmas`."));
        }

        if (HistoryWords.Contains(value.Trim()))
        {
            return await TrendAsync(name, campaign, cancellationToken);
        }

        if (!TryParseCount(value, out var count, out var goal))
        {
            return CommandResult.Invalid(Markup.Format($"“{value}” {Say("is not a count like 3200/5000 (whole numbers, the goal above 0).", "no es una cantidad como 3200/5000 (números enteros, la meta mayor que 0).")}"));
        }

        var metric = await store.MetricAsync(found.Id, key, cancellationToken);
        if (metric is null && goal is null)
        {
            return CommandResult.Invalid(Markup.Format($"{Say("Give the goal the first time, like", "Indique la meta la primera vez, como")} `/campaign metric {name.Trim()} {count}/5000`."));
        }

        var before = metric is null ? null : $"{metric.Value}/{metric.Goal}";
        metric ??= new CampaignMetric { CampaignId = found.Id, Name = name.Trim(), NameKey = key, Step = step ?? DefaultStep(key, found.Step) };
        var newGoal = goal ?? metric.Goal;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{metric.Name} {count}/{newGoal}") + (before is null ? string.Empty : Say($" (was {before})", $" (antes {before})"));
        await store.SetMetricAsync(found, metric, count, newGoal, step, detail, Context.User, cancellationToken);
        return CommandResult.Ok(new Reply { Text = CampaignCards.Metric(metric, Spanish) });
    }

    [Command("campaign trend", "A metric over time, as a line chart", DescriptionEs = "Un indicador a lo largo del tiempo, en una gráfica")]
    public async Task<CommandResult> TrendAsync(
        [Option("The metric, like signatures", MaxLength = CampaignLimits.MetricNameMax, DescriptionEs = "El indicador, como firmas")] string metric,
        [Option(CampaignHelp, MaxLength = CampaignLimits.NameMax, DescriptionEs = CampaignHelpEs)] string? campaign = null,
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
            return CommandResult.NotFound(Markup.Format($"{found.Name} {Say("counts no metric called", "no lleva ningún indicador llamado")} “{metric.Trim()}”. {Say("Metrics:", "Indicadores:")} {(known.Length == 0 ? "—" : known)}"));
        }

        var samples = await store.ReadingsAsync(chosen.Id, cancellationToken);
        var culture = CampaignCards.Culture(Spanish);
        var now = clock.GetUtcNow();
        var lines = samples.Count > TrendLines ? samples.Skip(samples.Count - TrendLines) : samples;
        return CommandResult.Ok(new Reply
        {
            Title = Say($"{chosen.Name} over time — {found.Name}", $"{chosen.Name} a lo largo del tiempo — {found.Name}"),
            Text = CampaignCards.Metric(chosen, Spanish),
            Bullets = lines.Reverse().Select(p => Markup.Format($"{CampaignCards.LocalDate(p.At, Context.TimeZone, Spanish)}: {p.Value.ToString("N0", culture)}/{p.Goal.ToString("N0", culture)} ({CampaignCards.Relative(p.At, now, Context.TimeZone, Spanish)})")).ToList(),
            Footer = samples.Count > TrendLines
                ? Say($"The latest {TrendLines} of {samples.Count} readings; the chart shows them all.", $"Las últimas {TrendLines} de {samples.Count} lecturas; la gráfica las muestra todas.")
                : null,
            Attachments = [CampaignPictures.Trend(found, chosen, samples, now, Context)],
        });
    }

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
