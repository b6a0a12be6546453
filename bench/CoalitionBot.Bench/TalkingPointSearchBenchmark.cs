using System.Diagnostics;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.TalkingPoints;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Bench;

/// <summary>
/// Search latency of <c>/tp</c> over the full shipped pack plus 1,000 coalition points (target: p99 under 1 ms per query),
/// beside a naive substring scan over the same texts measured in the same run.
/// </summary>
public sealed class TalkingPointSearchBenchmark : IBenchmark
{
    private static readonly string[] Queries =
    [
        "detainr", "287g", "287(g) contract", "ICE detainers", "fourth amendment", "tenth amendment", "comandeering", "federal funding",
        "victims witnesses", "victms", "u visa", "language access", "langauge acess", "legal defense fund", "hate crimes", "schools",
        "hospitals", "racial profiling", "1373", "judge warrant", "stories consent", "local money", "oversight reporting",
        "equal treatment", "trust police", "lawsuits liability", "fondos federales", "orden de detención migratoria",
        "víctimas y testigos", "defensa legal", "escuelas", "crímenes de odio", "visa U", "cuarta enmienda", "confianza policía",
        "presupuesto local", "bus route cuts", "rent control tenants", "it protects criminals", "es ilegal",
    ];

    private static readonly string[] Words =
    [
        "council", "budget", "hearing", "tenants", "rent", "bus", "route", "clinic", "library", "parks", "workers", "wages", "youth",
        "schools", "jail", "sheriff", "contract", "vote", "petition", "neighbors", "families", "safety", "trust", "housing", "transit",
        "concejo", "presupuesto", "vecinos", "familias", "escuelas", "salud", "trabajo", "vivienda", "seguridad", "audiencia",
        "propuesta", "comunidad", "derechos", "justicia", "policía", "alcalde", "condado", "ciudad", "votación", "firmas",
    ];

    public string Name => "tp-search";

    public string Description => "/tp search latency: shipped pack + 1,000 coalition points, p99 target < 1 ms";

    public async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20_000;
        var library = CreateLibrary(out var allTexts);

        for (var i = 0; i < 2_000; i++)
        {
            await library.SearchAsync(Queries[i % Queries.Length], null, null, 5, CancellationToken.None);
        }

        var indexed = new double[iterations];
        var naive = new double[iterations];
        var found = 0;
        for (var i = 0; i < iterations; i++)
        {
            var query = Queries[i % Queries.Length];
            var started = Stopwatch.GetTimestamp();
            var outcome = await library.SearchAsync(query, null, null, 5, CancellationToken.None);
            indexed[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            found += outcome.Points.Count > 0 ? 1 : 0;

            started = Stopwatch.GetTimestamp();
            _ = NaiveScan(allTexts, query);
            naive[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(indexed);
        Array.Sort(naive);
        var p99 = Percentile(indexed, 0.99);
        Console.WriteLine($"tp-search: {iterations:N0} queries over {library.Pack.Points.Count} pack points + 1,000 coalition points ({found * 100.0 / iterations:F0}% with results)");
        Console.WriteLine($"  indexed search : p50 {Percentile(indexed, 0.5):F3} ms   p90 {Percentile(indexed, 0.9):F3} ms   p99 {p99:F3} ms   max {indexed[^1]:F3} ms");
        Console.WriteLine($"  naive substring: p50 {Percentile(naive, 0.5):F3} ms   p90 {Percentile(naive, 0.9):F3} ms   p99 {Percentile(naive, 0.99):F3} ms (no typos, no ranking; baseline)");
        Console.WriteLine($"  ratio p99 indexed / naive: {p99 / Percentile(naive, 0.99):F2}");
        Console.WriteLine($"  target p99 < 1 ms: {(p99 < 1 ? "met" : "NOT met")}");
        return p99 < 1 ? 0 : 1;
    }

    private static TalkingPointLibrary CreateLibrary(out List<string> allTexts)
    {
        var tenant = new TenantContext();
        tenant.Set(TenantId.ConsoleLocal);
        var random = new Random(42);
        string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        var custom = Enumerable.Range(1, 1_000).Select(i => TalkingPointLibrary.ToPoint(new CustomPoint
        {
            Id = i,
            Slug = $"coalition-point-{i}",
            Language = i % 3 == 0 ? "es" : "en",
            Title = Sentence(6),
            Text = Sentence(45),
            Audiences = "council,neighbors",
            Topics = $"{Words[i % Words.Length]},{Words[(i * 7) % Words.Length]}",
            CreatedBy = "bench",
        })).ToList();

        var pack = new PackIndex(ContentPack.Load());
        var cache = new TenantPointCache(new CacheInvalidationHub(new LocalCacheTransport()));
        cache.Set(TenantId.ConsoleLocal.Value, new TenantPoints(custom, new HashSet<string>(), new SearchIndex(custom.Select(p => TalkingPointLibrary.Document("c:" + p.CustomId, p)))));
        var db = new Lazy<TalkingPointsDbContext>(() => new TalkingPointsDbContext(new DbContextOptionsBuilder<TalkingPointsDbContext>().UseSqlite("Data Source=:memory:").Options, tenant));
        allTexts = pack.Pack.Points.Concat(custom).SelectMany(p => p.Texts.Values).Select(t => $"{t.Title}\n{t.Summary}\n{t.Details}").ToList();
        return new TalkingPointLibrary(pack, cache, db, tenant);
    }

    private static int NaiveScan(List<string> texts, string query)
    {
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = 0;
        foreach (var text in texts)
        {
            if (words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                hits++;
            }
        }

        return hits;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
