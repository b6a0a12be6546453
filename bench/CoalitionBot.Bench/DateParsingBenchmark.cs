using System.Diagnostics;
using System.Globalization;
using CoalitionBot.Core.Commands.Parsing;

namespace CoalitionBot.Bench;

/// <summary>
/// Natural date parsing: the start-up warm-up of both languages' models, the latency of one parse (English and Spanish
/// phrases in turn, as a mixed coalition types them), and the throughput of several threads parsing at once.
/// </summary>
public sealed class DateParsingBenchmark : IBenchmark
{
    private static readonly (string Text, string Language)[] Phrases =
    [
        ("friday", "en"), ("viernes", "es"), ("tomorrow 5pm", "en"), ("mañana a las 5", "es"), ("in 3 days", "en"), ("en 3 días", "es"),
        ("next tuesday 18:00", "en"), ("el próximo martes a las 18:00", "es"), ("dec 3", "en"), ("3 de diciembre", "es"),
        ("by friday", "en"), ("para el viernes", "es"), ("viernes", "en"), ("in 3 days", "es"), ("Dec 3 9am", "en"), ("next blorpday 5pm", "en"),
    ];

    public string Name => "dates";

    public string Description => "natural date parsing: warm-up time, latency per parse, throughput with parallel threads";

    public Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 30;
        var warm = Stopwatch.StartNew();
        NaturalDateTimeParser.WarmUp();
        Console.WriteLine($"warm-up (both languages): {warm.Elapsed.TotalMilliseconds:F0} ms");

        var parser = new NaturalDateTimeParser();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var contexts = new Dictionary<string, ParseContext>
        {
            ["en"] = new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-6)), zone, CultureInfo.GetCultureInfo("en-US")),
            ["es"] = new(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-6)), zone, CultureInfo.GetCultureInfo("es")),
        };

        var latencies = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (text, language) in Phrases)
            {
                var one = Stopwatch.StartNew();
                _ = parser.Parse(text, contexts[language], out _);
                latencies.Add(one.Elapsed.TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine($"one parse, one thread: mean {latencies.Average():F2} ms, p50 {latencies[latencies.Count / 2]:F2} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F2} ms ({latencies.Count} parses)");

        foreach (var threads in new[] { 1, Environment.ProcessorCount, Environment.ProcessorCount * 2 })
        {
            var all = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
            {
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var (text, language) in Phrases)
                    {
                        _ = parser.Parse(text, contexts[language], out _);
                    }
                }
            });
            var parses = threads * rounds * Phrases.Length;
            Console.WriteLine($"{threads} thread(s): {parses / all.Elapsed.TotalSeconds:F0} parses/s");
        }

        return Task.FromResult(0);
    }
}
