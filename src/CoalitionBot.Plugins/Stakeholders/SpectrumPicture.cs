using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using SkiaSharp;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Where one stakeholder is drawn: the dot's centre and radius, and whether it is ringed to move next.</summary>
internal sealed record SpectrumDot(Stakeholder Person, float X, float Y, float Radius, bool MoveNext, string Label);

/// <summary>One wedge of the half-circle: its stance, its angles (degrees, counter-clockwise from the right) and who did not fit.</summary>
internal sealed record SpectrumWedge(Stance Stance, float FromDegrees, float ToDegrees, int Count, int Hidden);

/// <summary>The computed drawing of the map, kept so tests can check what the picture shows.</summary>
internal sealed record SpectrumLayout(float CenterX, float CenterY, float Radius, IReadOnlyList<SpectrumWedge> Wedges, IReadOnlyList<SpectrumDot> Dots, IReadOnlyList<SpectrumDot> Tray, int TrayHidden)
{
    /// <summary>Every line of text the picture shows.</summary>
    public IReadOnlyList<string> Texts { get; set; } = [];
}

/// <summary>
/// The spectrum of allies as organizers draw it on butcher paper: a half-circle of five wedges from active allies (left)
/// to active opponents (right), each stakeholder a labelled dot in its wedge sized by influence, the ones to move next
/// ringed, the unassessed in a tray below. Labels never overlap: who does not fit is counted as "+N more".
/// </summary>
internal static class SpectrumPicture
{
    public const int Width = 1200;
    public const int Height = 880;
    public const float CenterX = 600;
    public const float CenterY = 590;
    public const float Radius = 440;
    private const float LabelSize = 13;
    private const float LabelMax = 150;
    private const float InnerRadius = 70;

    public static readonly Stance[] Spectrum = [Stance.ActiveAlly, Stance.PassiveAlly, Stance.Neutral, Stance.PassiveOpponent, Stance.ActiveOpponent];

    /// <summary>The colour of a stance's dots (Okabe–Ito: blue for allies, orange for opponents, grey between).</summary>
    public static SKColor Color(Stance stance) => stance switch
    {
        Stance.ActiveAlly => PicturePalette.Blue,
        Stance.PassiveAlly => PicturePalette.SkyBlue,
        Stance.Neutral => PicturePalette.Grey,
        Stance.PassiveOpponent => PicturePalette.Orange,
        Stance.ActiveOpponent => PicturePalette.Vermillion,
        _ => SKColors.White,
    };

    public static float DotRadius(Influence influence) => influence switch
    {
        Influence.High => 13,
        Influence.Low => 6,
        _ => 9,
    };

    /// <summary>The wedge of a stance: from and to angle in degrees (active allies span 144°–180°, on the left).</summary>
    public static (float From, float To) Angles(Stance stance)
    {
        var index = Array.IndexOf(Spectrum, stance);
        return (180f - (36f * (index + 1)), 180f - (36f * index));
    }

    /// <summary>Draws the map; returns the attachment and the layout it drew.</summary>
    public static (ReplyAttachment Image, SpectrumLayout Layout) Render(
        IReadOnlyList<Stakeholder> people, IReadOnlySet<long> moveNext, string title, DateTimeOffset now, CommandContext context)
    {
        SpectrumLayout? layout = null;
        var png = Picture.Png(Width, Height, canvas =>
        {
            layout = Lay(canvas, people, moveNext);
            Draw(canvas, layout, title, now, context);
            layout.Texts = [.. canvas.Texts];
        });
        return (new ReplyAttachment(png, "map.png", AltText(layout!, title, context), ReplyAttachment.LanguageOf(context.Culture)), layout!);
    }

    private static SpectrumLayout Lay(PictureCanvas canvas, IReadOnlyList<Stakeholder> people, IReadOnlySet<long> moveNext)
    {
        var placed = new List<SKRect>();
        var dots = new List<SpectrumDot>();
        var wedges = new List<SpectrumWedge>();
        foreach (var stance in Spectrum)
        {
            var (from, to) = Angles(stance);
            var column = Order(people.Where(p => p.Stance == stance), moveNext);
            var candidates = Candidates(from, to).ToList();
            var hidden = 0;
            foreach (var person in column)
            {
                var radius = DotRadius(person.Influence);
                var label = canvas.Fit(person.Name, LabelMax, LabelSize);
                var half = Math.Max(canvas.Measure(label, LabelSize) / 2, radius + 5) + 3;
                SpectrumDot? dot = null;
                foreach (var (x, y, r, angle) in candidates)
                {
                    var margin = (radius + 7) / r * 180f / MathF.PI;
                    if (angle < from + margin || angle > to - margin)
                    {
                        continue;
                    }

                    var box = new SKRect(x - half, y - radius - 6, x + half, y + radius + 6 + LabelSize + 4);
                    if (!InsideDisc(box) || placed.Any(p => p.IntersectsWith(box)))
                    {
                        continue;
                    }

                    placed.Add(box);
                    dot = new SpectrumDot(person, x, y, radius, moveNext.Contains(person.Id), label);
                    break;
                }

                if (dot is null)
                {
                    hidden++;
                }
                else
                {
                    dots.Add(dot);
                }
            }

            wedges.Add(new SpectrumWedge(stance, from, to, column.Count, hidden));
        }

        // The tray: the people not yet assessed, in one row under the half-circle.
        var unknown = Order(people.Where(p => p.Stance == Stance.Unknown), moveNext);
        const float Slot = 132;
        var fits = (int)((Width - 80) / Slot);
        var shown = unknown.Count <= fits ? unknown.Count : fits - 1;
        var tray = unknown.Take(shown).Select((p, i) =>
            new SpectrumDot(p, 40 + (Slot / 2) + (i * Slot), CenterY + 88, DotRadius(p.Influence), moveNext.Contains(p.Id), canvas.Fit(p.Name, Slot - 12, LabelSize))).ToList();
        return new SpectrumLayout(CenterX, CenterY, Radius, wedges, dots, tray, unknown.Count - shown);
    }

    private static List<Stakeholder> Order(IEnumerable<Stakeholder> people, IReadOnlySet<long> moveNext) =>
        people.OrderByDescending(p => p.Influence).ThenByDescending(p => moveNext.Contains(p.Id)).ThenBy(p => p.NameKey, StringComparer.Ordinal).ToList();

    // Places to try in a wedge: on arcs from the rim inward, from the wedge's middle outward, about 12 px apart.
    private static IEnumerable<(float X, float Y, float R, float Angle)> Candidates(float from, float to)
    {
        var middle = (from + to) / 2;
        for (var r = Radius - 26; r >= InnerRadius; r -= 26)
        {
            var step = 12f / r * 180f / MathF.PI;
            for (var k = 0; k * step <= (to - from) / 2; k++)
            {
                foreach (var angle in k == 0 ? [middle] : new[] { middle - (k * step), middle + (k * step) })
                {
                    var rad = angle * MathF.PI / 180f;
                    yield return (CenterX + (r * MathF.Cos(rad)), CenterY - (r * MathF.Sin(rad)), r, angle);
                }
            }
        }
    }

    private static bool InsideDisc(SKRect box)
    {
        if (box.Bottom > CenterY - 4)
        {
            return false;
        }

        foreach (var (x, y) in new[] { (box.Left, box.Top), (box.Right, box.Top), (box.Left, box.Bottom), (box.Right, box.Bottom) })
        {
            var dx = x - CenterX;
            var dy = y - CenterY;
            if ((dx * dx) + (dy * dy) > (Radius - 4) * (Radius - 4))
            {
                return false;
            }
        }

        return true;
    }

    private static void Draw(PictureCanvas canvas, SpectrumLayout layout, string title, DateTimeOffset now, CommandContext context)
    {
        var c = canvas.Canvas;
        canvas.Text(canvas.Fit(title, Width - 300, 28, bold: true), 40, 52, 28, PicturePalette.Ink, bold: true);
        canvas.Text(context.ReaderAt(now).Date(now, DateStyle.Day).Value, Width - 40, 52, 18, PicturePalette.Muted, align: SKTextAlign.Right);
        var total = layout.Wedges.Sum(w => w.Count) + layout.Tray.Count + layout.TrayHidden;
        canvas.Text(context.T("stakeholders.picture.subtitle", new { count = total }), 40, 82, 16, PicturePalette.Muted);

        var disc = new SKRect(CenterX - Radius, CenterY - Radius, CenterX + Radius, CenterY + Radius);
        foreach (var wedge in layout.Wedges)
        {
            // Skia's angles run clockwise (y points down).
            c.DrawArc(disc, -wedge.ToDegrees, wedge.ToDegrees - wedge.FromDegrees, useCenter: true, canvas.Fill(PicturePalette.Tint(Color(wedge.Stance), 0.2f)));
            c.DrawArc(disc, -wedge.ToDegrees, wedge.ToDegrees - wedge.FromDegrees, useCenter: true, canvas.Stroke(SKColors.White, 4));
            WedgeLabel(canvas, wedge, context);
        }

        c.DrawLine(CenterX - Radius - 10, CenterY, CenterX + Radius + 10, CenterY, canvas.Stroke(PicturePalette.Rule, 2));
        foreach (var dot in layout.Dots)
        {
            DrawDot(canvas, dot);
        }

        var trayTop = CenterY + 30;
        var trayCount = layout.Tray.Count + layout.TrayHidden;
        if (trayCount > 0)
        {
            var heading = layout.TrayHidden > 0
                ? context.T("stakeholders.picture.tray-more", new { count = trayCount, hidden = layout.TrayHidden })
                : context.T("stakeholders.picture.tray", new { count = trayCount });
            canvas.Text(heading, 40, trayTop + 20, 16, PicturePalette.Ink, bold: true);
            foreach (var dot in layout.Tray)
            {
                DrawDot(canvas, dot);
            }
        }

        Legend(canvas, context);
    }

    private static void WedgeLabel(PictureCanvas canvas, SpectrumWedge wedge, CommandContext context)
    {
        var middle = (wedge.FromDegrees + wedge.ToDegrees) / 2;
        var rad = middle * MathF.PI / 180f;
        var x = CenterX + ((Radius + 14) * MathF.Cos(rad));
        var y = CenterY - ((Radius + 14) * MathF.Sin(rad));
        var align = middle > 110 ? SKTextAlign.Right : middle < 70 ? SKTextAlign.Left : SKTextAlign.Center;
        var name = StakeholderText.Stance(wedge.Stance).In(context);
        var count = wedge.Hidden > 0
            ? context.T("stakeholders.picture.wedge-more", new { count = wedge.Count, hidden = wedge.Hidden })
            : context.T("stakeholders.picture.wedge", new { count = wedge.Count });
        var top = middle is >= 60 and <= 120;
        canvas.Text(name, x, top ? y - 18 : y, 16, PicturePalette.Ink, bold: true, align);
        canvas.Text(count, x, top ? y : y + 19, 15, PicturePalette.Muted, align: align);
    }

    private static void DrawDot(PictureCanvas canvas, SpectrumDot dot)
    {
        var c = canvas.Canvas;
        if (dot.Person.Stance == Stance.Unknown)
        {
            c.DrawCircle(dot.X, dot.Y, dot.Radius, canvas.Fill(SKColors.White));
            c.DrawCircle(dot.X, dot.Y, dot.Radius, canvas.Stroke(PicturePalette.Muted, 2));
        }
        else
        {
            c.DrawCircle(dot.X, dot.Y, dot.Radius, canvas.Fill(Color(dot.Person.Stance)));
        }

        if (dot.MoveNext)
        {
            c.DrawCircle(dot.X, dot.Y, dot.Radius + 4, canvas.Stroke(PicturePalette.Ink, 2.5f));
        }

        canvas.Text(dot.Label, dot.X, dot.Y + dot.Radius + 6 + LabelSize, LabelSize, PicturePalette.Ink, align: SKTextAlign.Center);
    }

    private static void Legend(PictureCanvas canvas, CommandContext context)
    {
        var c = canvas.Canvas;
        var y = Height - 44f;
        c.DrawLine(40, y - 34, Width - 40, y - 34, canvas.Stroke(PicturePalette.Rule, 1));
        var x = 52f;
        foreach (var (influence, key) in new[] { (Influence.High, "stakeholders.picture.influence-high"), (Influence.Medium, "stakeholders.picture.influence-medium"), (Influence.Low, "stakeholders.picture.influence-low") })
        {
            var r = DotRadius(influence);
            c.DrawCircle(x, y, r, canvas.Fill(PicturePalette.Muted));
            x += r + 8;
            x += canvas.Text(context.T(key), x, y + 5, 15, PicturePalette.Ink) + 28;
        }

        c.DrawCircle(x, y, 9, canvas.Fill(PicturePalette.Muted));
        c.DrawCircle(x, y, 13, canvas.Stroke(PicturePalette.Ink, 2.5f));
        x += 22;
        x += canvas.Text(context.T("stakeholders.picture.move-next"), x, y + 5, 15, PicturePalette.Ink) + 28;
        c.DrawCircle(x, y, 9, canvas.Fill(SKColors.White));
        c.DrawCircle(x, y, 9, canvas.Stroke(PicturePalette.Muted, 2));
        x += 18;
        canvas.Text(context.T("stakeholders.picture.unassessed"), x, y + 5, 15, PicturePalette.Ink);
        canvas.Text(context.T("stakeholders.picture.aim"), Width - 40, y + 5, 15, PicturePalette.Muted, align: SKTextAlign.Right);
    }

    private static string AltText(SpectrumLayout layout, string title, CommandContext context)
    {
        // Plain text read aloud: names go in as they are (TrustedMarkup: not escaped as markup).
        var counts = string.Join(", ", layout.Wedges.Select(w => context.T("stakeholders.picture.alt-count", new { stance = new TrustedMarkup(StakeholderText.Stance(w.Stance).In(context)), count = w.Count })));
        var unknown = layout.Tray.Count + layout.TrayHidden;
        var ringed = layout.Dots.Concat(layout.Tray).Where(d => d.MoveNext).Select(d => d.Person.Name).ToList();
        var arguments = new { title = new TrustedMarkup(title), counts = new TrustedMarkup(counts), unknown, ringed = new TrustedMarkup(string.Join(", ", ringed)) };
        return ringed.Count > 0 ? context.T("stakeholders.picture.alt-ringed", arguments) : context.T("stakeholders.picture.alt", arguments);
    }
}
