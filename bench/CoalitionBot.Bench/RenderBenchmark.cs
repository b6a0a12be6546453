using System.Diagnostics;
using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Pictures;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Stakeholders;
using SkiaSharp;

namespace CoalitionBot.Bench;

/// <summary>Time to draw a 60-stakeholder map and a campaign card (p50/p99) and their PNG sizes; target p99 under 50 ms and under 300 KB.</summary>
/// <remarks>
/// Wall time depends on what else runs on the machine, so each render's CPU time is printed beside it,
/// and the PNG encoding alone is timed on the same pixels to show how the time splits between drawing and encoding.
/// </remarks>
public sealed class RenderBenchmark : IBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 16, 0, 0, TimeSpan.Zero);

    public string Name => "render";

    public string Description => "draw a 60-stakeholder map and a campaign card: p50/p99 ms and PNG sizes (target p99 < 50 ms, < 300 KB)";

    public Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 200;
        var languages = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly, typeof(SpectrumPicture).Assembly], directory: null);
        var context = new CommandContext
        {
            Strings = new CatalogStringLocalizer(languages, LanguageCatalogs.English, CultureInfo.GetCultureInfo("en-US")),
            Languages = languages,
            Caller = new Caller(TenantId.ConsoleLocal, Platform.Console, new UserRef("lena", "lena")),
            Role = Role.Lead,
            Culture = CultureInfo.GetCultureInfo("en-US"),
            TimeZone = TimeZoneInfo.Utc,
            CorrelationId = "bench",
        };
        var people = Stakeholders(60);
        var moveNext = StakeholderCards.MoveNext(people, 30, Now).Select(p => p.Id).ToHashSet();
        var snapshot = Campaign();

        ReplyAttachment DrawMap() => SpectrumPicture.Render(people, moveNext, "Spectrum of allies — Springfield", Now, context).Image;
        ReplyAttachment DrawCard() => CampaignPictures.Card(snapshot, context.ReaderAt(Now)).Image;
        var map = Measure(rounds, DrawMap);
        var card = Measure(rounds, DrawCard);
        Console.WriteLine($"render: {rounds} rounds each, after warm-up ({Environment.ProcessorCount} cores, load {Load()})");
        var ok = Report("map (60 stakeholders)", map) & Report("campaign card", card);
        Console.WriteLine("  of which PNG encoding alone (same pixels):");
        Report("map encode", MeasureEncode(rounds, DrawMap()));
        Report("card encode", MeasureEncode(rounds, DrawCard()));
        Console.WriteLine(ok ? "render: within target (p99 < 50 ms, PNG < 300 KB)" : "render: OVER TARGET");
        return Task.FromResult(ok ? 0 : 1);
    }

    private static Figures Measure(int rounds, Func<ReplyAttachment> draw)
    {
        for (var i = 0; i < 5; i++)
        {
            draw();
        }

        var times = new double[rounds];
        var cpu = new double[rounds];
        var bytes = 0;
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var cpuStart = CpuMs();
            bytes = draw().Content.Length;
            cpu[i] = CpuMs() - cpuStart;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return new Figures(times, cpu, bytes);
    }

    private static Figures MeasureEncode(int rounds, ReplyAttachment image)
    {
        using var bitmap = SKBitmap.Decode(image.Content).Copy(SKColorType.Rgba8888);
        using var pixels = bitmap.PeekPixels();
        return Measure(rounds, () => new ReplyAttachment(PngWriter.Encode(pixels), "x.png", "x", "en"));
    }

    private static bool Report(string what, Figures figures)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-24} p50 {figures.P50,7:F1} ms   p99 {figures.P99,7:F1} ms   CPU p50 {figures.CpuP50,6:F1} ms   p99 {figures.CpuP99,6:F1} ms   PNG {figures.Bytes / 1024.0,7:F1} KB"));
        return figures.P99 < 50 && figures.Bytes < 300 * 1024;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    // CPU time of the process (the benchmark runs on one thread): what one render costs, whatever else the cores are doing.
    private static double CpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private sealed class Figures
    {
        public Figures(double[] times, double[] cpu, int bytes)
        {
            Array.Sort(times);
            Array.Sort(cpu);
            (P50, P99) = Percentiles(times);
            (CpuP50, CpuP99) = Percentiles(cpu);
            Bytes = bytes;
        }

        public double P50 { get; }

        public double P99 { get; }

        public double CpuP50 { get; }

        public double CpuP99 { get; }

        public int Bytes { get; }

        private static (double, double) Percentiles(double[] sorted) =>
            (sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)]);
    }

    private static List<Stakeholder> Stakeholders(int count)
    {
        var stances = new[] { Stance.ActiveAlly, Stance.PassiveAlly, Stance.Neutral, Stance.PassiveOpponent, Stance.ActiveOpponent, Stance.Unknown };
        var influences = new[] { Influence.High, Influence.Medium, Influence.Low };
        var kinds = new[] { "Council Member", "Pastor", "Commissioner", "Director", "Chair" };
        var names = new[] { "Ana Ruiz", "Nguyễn Thị Hương", "Tomás Peña", "Dana Webb", "Carmen Ramírez", "Lee Park", "Ortiz", "Brooks" };
        return Enumerable.Range(1, count).Select(i => new Stakeholder
        {
            Id = i,
            Name = $"{kinds[i % kinds.Length]} {names[i % names.Length]} {i}",
            NameKey = $"{i:D3}",
            Stance = stances[i % stances.Length],
            Influence = influences[(i / 6) % influences.Length],
            LastContactAt = i % 4 == 0 ? Now.AddDays(-3) : null,
        }).ToList();
    }

    private static CampaignSnapshot Campaign()
    {
        var campaign = new Campaign { Id = 1, Name = "Springfield sanctuary", Goal = "Springfield ends its 287(g) contract by the March budget vote", Step = CampaignStep.Negotiation, StepChangedAt = Now.AddDays(-10), CreatedAt = Now.AddDays(-60) };
        var metrics = new List<CampaignMetric>
        {
            new() { Id = 1, CampaignId = 1, Name = "signatures", Value = 3200, Goal = 5000, Step = CampaignStep.DirectAction },
            new() { Id = 2, CampaignId = 1, Name = "endorsements", Value = 14, Goal = 25, Step = CampaignStep.Negotiation },
            new() { Id = 3, CampaignId = 1, Name = "volunteers", Value = 40, Goal = 40, Step = CampaignStep.PersonalCommitment },
        };
        var dates = new List<CampaignDate>
        {
            new() { Id = 1, CampaignId = 1, At = Now.AddDays(5), Label = "Public comment" },
            new() { Id = 2, CampaignId = 1, At = Now.AddDays(12), Label = "Budget vote" },
            new() { Id = 3, CampaignId = 1, At = Now.AddDays(47), Label = "Contract renewal" },
        };
        var steps = CampaignSteps.All.Select(step => new StepProgress(step, (int)step <= 3 ? 4 : 1, 5, 0, 0, 0, 0, metrics.Where(m => m.Step == step).ToList())).ToList();
        return new CampaignSnapshot(campaign, [], null, [], metrics, dates, null, steps, Now);
    }
}
