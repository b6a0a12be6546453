using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using SkiaSharp;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>Where the campaign card put each step's marker and each metric's bar, kept so tests can check the picture.</summary>
internal sealed record CampaignCardLayout(IReadOnlyList<(CampaignStep Step, float X, float Y)> Steps, IReadOnlyList<(CampaignMetric Metric, SKRect Bar, float FilledTo)> Bars, int DatesShown, int DatesHidden)
{
    /// <summary>Every line of text the picture shows.</summary>
    public IReadOnlyList<string> Texts { get; set; } = [];
}

/// <summary>The campaign at a glance (six steps as a track, key dates on a timeline, metrics as bars) and a metric's trend as a line chart.</summary>
internal static class CampaignPictures
{
    public const int Width = 1200;
    /// <summary>The card's height: room for the metric rows it shows (at most five), and no empty band below.</summary>
    public static int CardHeight(int metrics) => 600 + (44 * Math.Clamp(metrics, 1, MaxBars));

    public const int TrendHeight = 600;
    private const int MaxBars = 5;

    // Where the step track starts and ends, from each side.
    private const float TrackMargin = 130;

    public static readonly SKColor Done = PicturePalette.BluishGreen;
    public static readonly SKColor Current = PicturePalette.Blue;

    /// <summary>The card for <c>/campaign status</c>.</summary>
    public static (ReplyAttachment Image, CampaignCardLayout Layout) Card(CampaignSnapshot s, Reader r)
    {
        CampaignCardLayout? layout = null;
        var png = Picture.Png(Width, CardHeight(s.Metrics.Count), canvas =>
        {
            Heading(canvas, s.Campaign.Name, r);
            canvas.Text(canvas.Fit(r.Plain("campaigns.picture.goal", new { goal = s.Campaign.Goal }), Width - 80, 17), 40, 84, 17, PicturePalette.Muted);

            var steps = Track(canvas, s, r);
            var (shown, hidden) = Timeline(canvas, s, r, top: 340);
            var bars = Bars(canvas, s.Metrics, r, top: 520);
            layout = new CampaignCardLayout(steps, bars, shown, hidden) { Texts = [.. canvas.Texts] };
        });

        var alt = r.Plain("campaigns.picture.card.alt", new
        {
            campaign = s.Campaign.Name,
            step = (int)s.Campaign.Step,
            name = CampaignSteps.Name(s.Campaign.Step, r.Strings),
            dates = s.Dates.Count(d => d.At >= s.Now),
            metrics = s.Metrics.Count,
        });
        return (new ReplyAttachment(png, "campaign.png", alt, ReplyAttachment.LanguageOf(r.Culture)), layout!);
    }

    /// <summary>A metric over time: its readings (in time order) as a line toward the goal line; <paramref name="fileName"/> differs per chart when a reply carries several.</summary>
    public static ReplyAttachment Trend(Campaign campaign, CampaignMetric metric, IReadOnlyList<CampaignMetricSample> samples, Reader r, string fileName = "trend.png")
    {
        var culture = r.Culture;
        var png = Picture.Png(Width, TrendHeight, canvas =>
        {
            Heading(canvas, $"{metric.Name} — {campaign.Name}", r);
            canvas.Text(r.Plain("campaigns.picture.trend.count", new { value = r.Number(metric.Value), goal = r.Number(metric.Goal), count = samples.Count }), 40, 84, 17, PicturePalette.Muted);
            var scale = TrendScale.Of(metric, samples, r.Now);
            TrendAxes(canvas, scale, metric, r);
            TrendLine(canvas, scale, samples, culture);
        });
        var first = samples.Count == 0 ? 0 : samples[0].Value;
        var alt = r.Plain("campaigns.picture.trend.alt", new
        {
            metric = metric.Name,
            campaign = campaign.Name,
            count = samples.Count,
            first = r.Number(first),
            last = r.Number(metric.Value),
            goal = r.Number(metric.Goal),
        });
        return new ReplyAttachment(png, fileName, alt, ReplyAttachment.LanguageOf(r.Culture));
    }

    /// <summary>The grid with its values, the dashed goal line, and the dates of the first and last reading.</summary>
    private static void TrendAxes(PictureCanvas canvas, TrendScale scale, CampaignMetric metric, Reader r)
    {
        var culture = r.Culture;
        var c = canvas.Canvas;
        var plot = scale.Plot;
        for (var i = 0; i <= 4; i++)
        {
            var value = scale.Top * i / 4;
            var y = scale.Y(value);
            c.DrawLine(plot.Left, y, plot.Right, y, canvas.Stroke(PicturePalette.Track, 1.5f));
            canvas.Text(((long)value).ToString("N0", culture), plot.Left - 10, y + 5, 14, PicturePalette.Muted, align: SKTextAlign.Right);
        }

        var goalY = scale.Y(metric.Goal);
        using (var dash = SKPathEffect.CreateDash([10, 6], 0))
        {
            var goalPaint = canvas.Stroke(PicturePalette.Vermillion, 2.5f);
            goalPaint.PathEffect = dash;
            c.DrawLine(plot.Left, goalY, plot.Right, goalY, goalPaint);
            goalPaint.PathEffect = null;
        }

        canvas.Text(r.Plain("campaigns.picture.trend.goal", new { goal = r.Number(metric.Goal) }), plot.Right, goalY - 8, 14, PicturePalette.Vermillion, bold: true, SKTextAlign.Right);
        foreach (var at in new[] { scale.From, scale.To })
        {
            var local = TimeZoneInfo.ConvertTime(at, r.Zone);
            canvas.Text(local.ToString("d MMM yyyy", culture), scale.X(at), plot.Bottom + 26, 14, PicturePalette.Muted, align: at == scale.From ? SKTextAlign.Left : SKTextAlign.Right);
        }
    }

    /// <summary>The readings as a line with a dot each, the last one labelled with its value.</summary>
    private static void TrendLine(PictureCanvas canvas, TrendScale scale, IReadOnlyList<CampaignMetricSample> samples, CultureInfo culture)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var c = canvas.Canvas;
        var line = canvas.Stroke(PicturePalette.Blue, 3.5f);
        for (var i = 1; i < samples.Count; i++)
        {
            c.DrawLine(scale.X(samples[i - 1].At), scale.Y(samples[i - 1].Value), scale.X(samples[i].At), scale.Y(samples[i].Value), line);
        }

        foreach (var p in samples)
        {
            c.DrawCircle(scale.X(p.At), scale.Y(p.Value), 5.5f, canvas.Fill(PicturePalette.Blue));
        }

        var last = samples[^1];
        canvas.Text(last.Value.ToString("N0", culture), scale.X(last.At) - 10, scale.Y(last.Value) - 12, 15, PicturePalette.Blue, bold: true, SKTextAlign.Right);
    }

    /// <summary>Where a trend chart draws a moment (x) and a value (y): the readings' time span, at least a day, and values up to a round number above the goal.</summary>
    private readonly record struct TrendScale(SKRect Plot, DateTimeOffset From, DateTimeOffset To, double Top)
    {
        public static TrendScale Of(CampaignMetric metric, IReadOnlyList<CampaignMetricSample> samples, DateTimeOffset now)
        {
            var top = Math.Max(1, Math.Max(metric.Goal, samples.Count == 0 ? 0 : samples.Max(p => Math.Max(p.Value, p.Goal))));
            var from = samples.Count == 0 ? now.AddDays(-1) : samples[0].At;
            var to = samples.Count == 0 ? now : samples[^1].At;
            if (to - from < TimeSpan.FromDays(1))
            {
                from = to.AddDays(-1);
            }

            return new TrendScale(new SKRect(110, 130, Width - 60, TrendHeight - 80), from, to, Nice(top * 1.05));
        }

        public float X(DateTimeOffset at) => Plot.Left + (Plot.Width * (float)((at - From) / (To - From)));

        public float Y(double value) => Plot.Bottom - (Plot.Height * (float)(value / Top));
    }

    /// <summary>The six steps as a track: done steps filled green, the current one blue and marked, later ones hollow; where each is drawn.</summary>
    private static List<(CampaignStep, float, float)> Track(PictureCanvas canvas, CampaignSnapshot s, Reader r)
    {
        var steps = new List<(CampaignStep, float, float)>();
        const float TrackY = 190;
        const float Gap = (Width - (2 * TrackMargin)) / 5f;
        canvas.Canvas.DrawLine(TrackMargin, TrackY, Width - TrackMargin, TrackY, canvas.Stroke(PicturePalette.Rule, 6));
        foreach (var p in s.Steps)
        {
            var x = TrackMargin + (((int)p.Step - 1) * Gap);
            StepNode(canvas, p, s.Campaign.Step, x, TrackY, Gap, r);
            steps.Add((p.Step, x, TrackY));
        }

        return steps;
    }

    /// <summary>One step on the track: its circle and number, its name, and its completion as a short bar and a percentage.</summary>
    private static void StepNode(PictureCanvas canvas, StepProgress p, CampaignStep current, float x, float trackY, float gap, Reader reader)
    {
        var c = canvas.Canvas;
        var isCurrent = p.Step == current;
        var before = p.Step < current;
        if (before)
        {
            c.DrawLine(x, trackY, Math.Min(x + gap, Width - TrackMargin), trackY, canvas.Stroke(Done, 6));
        }

        var r = isCurrent ? 30f : 24f;
        if (isCurrent || before)
        {
            c.DrawCircle(x, trackY, r, canvas.Fill(isCurrent ? Current : Done));
        }
        else
        {
            c.DrawCircle(x, trackY, r, canvas.Fill(SKColors.White));
            c.DrawCircle(x, trackY, r, canvas.Stroke(PicturePalette.Grey, 3));
        }

        if (isCurrent)
        {
            c.DrawCircle(x, trackY, r + 6, canvas.Stroke(Current, 3));
            canvas.Text(reader.Plain("campaigns.picture.current"), x, trackY - r - 16, 15, Current, bold: true, SKTextAlign.Center);
        }

        canvas.Text(((int)p.Step).ToString(CultureInfo.InvariantCulture), x, trackY + 8, 22, isCurrent || before ? SKColors.White : PicturePalette.Ink, bold: true, SKTextAlign.Center);
        var y = trackY + r + 26;
        foreach (var line in canvas.Wrap(Markup.ToPlainText(CampaignSteps.Name(p.Step, reader.Strings).Value), gap - 14, 15, 2, bold: isCurrent))
        {
            canvas.Text(line, x, y, 15, PicturePalette.Ink, bold: isCurrent, SKTextAlign.Center);
            y += 19;
        }

        // Completion of the step as a short bar and a percentage.
        var bar = new SKRect(x - 55, trackY + 82, x + 55, trackY + 90);
        c.DrawRoundRect(bar, 4, 4, canvas.Fill(PicturePalette.Track));
        if (p.Fraction is { } f && f > 0)
        {
            c.DrawRoundRect(new SKRect(bar.Left, bar.Top, bar.Left + (bar.Width * (float)Math.Clamp(f, 0, 1)), bar.Bottom), 4, 4, canvas.Fill(before ? Done : Current));
        }

        var percent = p.Fraction is { } g ? ((int)Math.Floor(Math.Clamp(g, 0, 1) * 100)).ToString(CultureInfo.InvariantCulture) + "%" : "–";
        canvas.Text(percent, x, trackY + 112, 14, PicturePalette.Muted, align: SKTextAlign.Center);
    }

    private static void Heading(PictureCanvas canvas, string title, Reader r)
    {
        var date = TimeZoneInfo.ConvertTime(r.Now, r.Zone).ToString("d MMM yyyy", r.Culture);
        var dateWidth = canvas.Text(date, Width - 40, 52, 18, PicturePalette.Muted, align: SKTextAlign.Right);
        canvas.Text(canvas.Fit(title, Width - 120 - dateWidth, 28, bold: true), 40, 52, 28, PicturePalette.Ink, bold: true);
    }

    // Key dates on a line from today: labels alternate above and below; one that would overlap both rows is counted, not drawn.
    private static (int Shown, int Hidden) Timeline(PictureCanvas canvas, CampaignSnapshot s, Reader r, float top)
    {
        var c = canvas.Canvas;
        canvas.Text(r.Plain("campaigns.status.dates"), 40, top, 18, PicturePalette.Ink, bold: true);
        var upcoming = s.Dates.Where(d => d.At >= s.Now).OrderBy(d => d.At).ToList();
        var lineY = top + 80;
        const float Left = 80;
        const float Right = Width - 80;
        c.DrawLine(Left, lineY, Right, lineY, canvas.Stroke(PicturePalette.Rule, 3));
        c.DrawCircle(Left, lineY, 7, canvas.Fill(PicturePalette.Ink));
        canvas.Text(r.Plain("campaigns.picture.today"), Left, lineY + 28, 14, PicturePalette.Muted, align: SKTextAlign.Center);
        if (upcoming.Count == 0)
        {
            canvas.Text(r.Plain("campaigns.picture.no-dates"), Left + 30, lineY - 14, 15, PicturePalette.Muted);
            return (0, 0);
        }

        var span = Math.Max((upcoming[^1].At - s.Now).TotalDays, 14) * 1.08;
        var rows = new List<SKRect>[] { [], [] };
        int shown = 0, hidden = 0;
        foreach (var (date, index) in upcoming.Select((d, i) => (d, i)))
        {
            var x = Left + ((Right - Left) * (float)((date.At - s.Now).TotalDays / span));
            var label = canvas.Fit(date.Label, 200, 15, bold: true);
            var when = Markup.ToPlainText(r.Relative(date.At).Value);
            var placed = PlaceLabel(canvas, rows, index, x, lineY, (label, when));
            Diamond(canvas, x, lineY, placed ? Current : PicturePalette.Grey);
            if (placed)
            {
                shown++;
            }
            else
            {
                hidden++;
            }
        }

        if (hidden > 0)
        {
            canvas.Text(r.Plain("campaigns.more", new { count = hidden }), Width - 40, top, 15, PicturePalette.Muted, align: SKTextAlign.Right);
        }

        return (shown, hidden);
    }

    /// <summary>Draws a date's label in the first row (above the line, or below it) where it overlaps no other label; false when neither has room.</summary>
    private static bool PlaceLabel(PictureCanvas canvas, List<SKRect>[] rows, int index, float x, float lineY, (string Label, string When) text)
    {
        var (label, when) = text;
        var width = Math.Max(canvas.Measure(label, 15, bold: true), canvas.Measure(when, 14)) + 12;
        foreach (var row in new[] { index % 2, 1 - (index % 2) })
        {
            var y = row == 0 ? lineY - 46 : lineY + 30;
            var box = new SKRect(Math.Clamp(x - (width / 2), 20, Width - 20 - width), y - 16, 0, y + 22);
            box.Right = box.Left + width;
            if (rows[row].Any(b => b.IntersectsWith(box)))
            {
                continue;
            }

            rows[row].Add(box);
            canvas.Canvas.DrawLine(x, lineY, x, row == 0 ? box.Bottom : box.Top, canvas.Stroke(PicturePalette.Grey, 1.5f));
            canvas.Text(label, box.MidX, y, 15, PicturePalette.Ink, bold: true, SKTextAlign.Center);
            canvas.Text(when, box.MidX, y + 18, 14, PicturePalette.Muted, align: SKTextAlign.Center);
            return true;
        }

        return false;
    }

    /// <summary>The diamond that marks a date on the line.</summary>
    private static void Diamond(PictureCanvas canvas, float x, float lineY, SKColor color)
    {
        using var diamond = new SKPathBuilder();
        diamond.MoveTo(x, lineY - 8);
        diamond.LineTo(x + 8, lineY);
        diamond.LineTo(x, lineY + 8);
        diamond.LineTo(x - 8, lineY);
        diamond.Close();
        using var path = diamond.Detach();
        canvas.Canvas.DrawPath(path, canvas.Fill(color));
    }

    private static List<(CampaignMetric, SKRect, float)> Bars(PictureCanvas canvas, IReadOnlyList<CampaignMetric> metrics, Reader r, float top)
    {
        var c = canvas.Canvas;
        canvas.Text(r.Plain("campaigns.status.metrics"), 40, top, 18, PicturePalette.Ink, bold: true);
        var bars = new List<(CampaignMetric, SKRect, float)>();
        if (metrics.Count == 0)
        {
            canvas.Text(r.Plain("campaigns.picture.no-metrics"), 40, top + 36, 15, PicturePalette.Muted);
            return bars;
        }

        var y = top + 22;
        foreach (var metric in metrics.Take(metrics.Count > MaxBars ? MaxBars - 1 : MaxBars))
        {
            canvas.Text(canvas.Fit(metric.Name, 230, 16), 40, y + 19, 16, PicturePalette.Ink);
            var bar = new SKRect(290, y + 4, Width - 260, y + 26);
            c.DrawRoundRect(bar, 6, 6, canvas.Fill(PicturePalette.Track));
            var fraction = (float)CampaignProgress.Fraction(metric);
            var filledTo = bar.Left + (bar.Width * fraction);
            if (fraction > 0)
            {
                c.DrawRoundRect(new SKRect(bar.Left, bar.Top, filledTo, bar.Bottom), 6, 6, canvas.Fill(fraction >= 1 ? Done : Current));
            }

            canvas.Text($"{r.Number(metric.Value)} / {r.Number(metric.Goal)}", Width - 40, y + 20, 16, PicturePalette.Ink, bold: true, SKTextAlign.Right);
            bars.Add((metric, bar, filledTo));
            y += 44;
        }

        if (metrics.Count > MaxBars)
        {
            var more = metrics.Count - (MaxBars - 1);
            canvas.Text(r.Plain("campaigns.picture.more-metrics", new { count = more }), 40, y + 19, 15, PicturePalette.Muted);
        }

        return bars;
    }

    // A round axis maximum: 1, 2, 2.5 or 5 times a power of ten.
    private static double Nice(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
