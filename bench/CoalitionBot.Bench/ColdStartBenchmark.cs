using System.Diagnostics;
using System.Globalization;

namespace CoalitionBot.Bench;

/// <summary>
/// <c>coldstart</c>: starts the built host as a new process, types <c>/help</c> into the console chat and measures the time to
/// the first answer and the process's peak memory by then, on a fresh database (first run) and on an existing one.
/// </summary>
/// <remarks>
/// The same as <c>printf '/help\n' | dotnet …/CoalitionBot.Host.dll</c>, but the clock stops at the answer's first line
/// rather than at exit. CPU time (user + system) is printed too: on a shared machine the wall time follows other
/// people's builds, the CPU time much less.
/// </remarks>
public sealed class ColdStartBenchmark : IBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string Name => "coldstart";

    public string Description => "time to the first /help answer and peak memory of the built host (--runs N, --host path/CoalitionBot.Host.dll)";

    public async Task<int> RunAsync(string[] args)
    {
        var runs = 5;
        var host = Path.Combine(AppContext.BaseDirectory, "CoalitionBot.Host.dll");
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--runs" && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                runs = n;
            }
            else if (args[i] == "--host")
            {
                host = Path.GetFullPath(args[i + 1]);
            }
        }

        if (!File.Exists(host))
        {
            await Console.Error.WriteLineAsync($"coldstart: {host} does not exist; build it first (dotnet build -c Release src/CoalitionBot.Host).");
            return 1;
        }

        var plugins = FindPluginsFile();
        Console.WriteLine($"coldstart: {host}, plugins from {plugins}, {runs} run(s) each, {Environment.ProcessorCount} core(s)");
        var fresh = new List<Sample>();
        var existing = new List<Sample>();
        for (var run = 0; run < runs; run++)
        {
            var folder = Directory.CreateTempSubdirectory("coldstart-").FullName;
            File.Copy(plugins, Path.Combine(folder, "plugins.json"));
            try
            {
                fresh.Add(await MeasureAsync(host, folder));
                existing.Add(await MeasureAsync(host, folder));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Report("first run (creates the database)", fresh);
        Report("later start (database exists)", existing);
        var met = Median(existing, s => s.FirstAnswer) < Target;
        Console.WriteLine($"target: first answer < {Target.TotalMilliseconds:N0} ms from a built binary on a later start: {(met ? "met" : "NOT met")}");
        return 0;
    }

    private static void Report(string what, IReadOnlyList<Sample> samples) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what,-34} first answer median {Median(samples, s => s.FirstAnswer).TotalMilliseconds,6:N0} ms (min {samples.Min(s => s.FirstAnswer).TotalMilliseconds:N0}, max {samples.Max(s => s.FirstAnswer).TotalMilliseconds:N0}) · CPU {Median(samples, s => s.Cpu).TotalMilliseconds,6:N0} ms · peak {samples.Max(s => s.PeakBytes) / 1024.0 / 1024.0,5:N0} MB · target < {Target.TotalMilliseconds:N0} ms"));

    private static TimeSpan Median(IReadOnlyList<Sample> samples, Func<Sample, TimeSpan> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<Sample> MeasureAsync(string host, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _ = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("/help");
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("the host ended before answering /help");

            // The console prints a greeting first; the answer to /help starts with its title.
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                break;
            }
        }

        var firstAnswer = clock.Elapsed;
        process.Refresh();
        var sample = new Sample(firstAnswer, process.TotalProcessorTime, process.PeakWorkingSet64);
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(timeout.Token);
        return sample;
    }

    private static string FindPluginsFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "plugins.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("plugins.json (the repository's) was not found above the benchmark's folder.");
    }

    private sealed record Sample(TimeSpan FirstAnswer, TimeSpan Cpu, long PeakBytes);
}
