using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Bench;

/// <summary>Signed Slack slash commands over loopback HTTP against the real host, beside a bare endpoint in the same process that only checks the signature.</summary>
public sealed class SlackLoadBenchmark : IBenchmark
{
    /// <summary>The slash command sent (command word, then its text).</summary>
    public const string CommandLine = "/tp council";

    private const string Secret = "bench-signing-secret";

    public string Name => "slack-load";

    public string Description => $"signed `{CommandLine}` slash commands, 32 connections, 10 s, vs a bare signature-checking endpoint [--seconds N] [--warmup N] [--connections N]";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var warmup = Option(args, "--warmup", 10);
        var connections = Option(args, "--connections", 32);
        var folder = Directory.CreateTempSubdirectory("coalitionbot-bench-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "plugins.json"), """{ "plugins": [ { "name": "help" }, { "name": "tp" } ] }""");
            await using var app = await Host.Program.BuildAsync(
            [
                "--urls", "http://127.0.0.1:0",
                "--CoalitionBot:PluginsFile", Path.Combine(folder, "plugins.json"),
                "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bench.db")}",
                "--CoalitionBot:Slack:SigningSecret", Secret,
                "--Logging:LogLevel:Default", "Warning",
            ]);
            var bare = new SlackSignature(Secret, TimeProvider.System);
            app.MapPost("/bare", async (HttpContext http) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer);
                if (!bare.IsValid(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], buffer.ToArray()))
                {
                    return Results.StatusCode(401);
                }

                return Results.Text("""{"response_type":"ephemeral","text":"ok"}""", "application/json");
            });
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

            Console.WriteLine($"slack-load: `{CommandLine}` signed slash commands, {connections} connections, {seconds} s per endpoint after {warmup} s of warm-up each, {Environment.ProcessorCount} cores");

            // Both endpoints share Kestrel, the sockets and the client, and the JIT keeps tiering that code up for many seconds
            // on 2 busy cores: warm both alike (alternating), so neither is measured while the other's warm-up is still paying off.
            for (var round = 0; round < warmup; round++)
            {
                await LoadAsync(address, "/slack/commands", connections, TimeSpan.FromSeconds(1));
                await LoadAsync(address, "/bare", connections, TimeSpan.FromSeconds(1));
            }

            // Measured in the order bot, bare, bare, bot, so a change in the machine's load during the run weighs on both alike.
            var half = TimeSpan.FromSeconds(seconds / 2.0);
            var bot1 = await LoadAsync(address, "/slack/commands", connections, half);
            var bare1 = await LoadAsync(address, "/bare", connections, half);
            var bare2 = await LoadAsync(address, "/bare", connections, half);
            var bot2 = await LoadAsync(address, "/slack/commands", connections, half);
            var bot = Result.Combine(bot1, bot2);
            var baseline = Result.Combine(bare1, bare2);

            // Where the time goes: the same command through Core's router alone, no HTTP and no Slack adapter.
            var router = await RouterOnlyAsync(app.Services, connections, TimeSpan.FromSeconds(seconds));

            Print("bot /slack/commands", bot);
            Print("bare /bare", baseline);
            Print("router only (no HTTP)", router);
            var ratio = bot.Throughput / baseline.Throughput;
            Console.WriteLine($"ratio: {ratio:P0} of the bare endpoint's throughput (target ≥ 40%); bot p99 {bot.P99:F2} ms (target < 10 ms)");
            Console.WriteLine($"CPU per request: bot {bot.CpuPerRequest:F3} ms, bare {baseline.CpuPerRequest:F3} ms, so on cores of its own the bot would reach about {baseline.CpuPerRequest / bot.CpuPerRequest:P0} of the bare endpoint's throughput");
            await app.StopAsync();
            return bot.Errors == 0 ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Print(string label, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-21}: {result.Throughput,9:F0} req/s  p50 {result.P50,6:F2} ms  p99 {result.P99,6:F2} ms  CPU {result.CpuPerRequest,5:F3} ms/request  ({result.Count} requests, {result.Errors} errors)"));

    private static async Task<Result> LoadAsync(Uri address, string path, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = address };
        var signer = new SlackSignature(Secret, TimeProvider.System);
        var parts = CommandLine.Split(' ', 2);
        var body = Encoding.UTF8.GetBytes(
            $"token=x&team_id=TBENCH&team_domain=bench&channel_id=C1&channel_name=general&user_id=U1&user_name=ana&command={Uri.EscapeDataString(parts[0])}&text={Uri.EscapeDataString(parts.Length > 1 ? parts[1] : string.Empty)}&response_url=https%3A%2F%2Fhooks.slack.invalid%2Fcommands%2F1&trigger_id=1.2.3");
        var errors = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async _ =>
        {
            var latencies = new List<double>(100_000);
            while (stop.Elapsed < duration)
            {
                var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
                request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
                request.Headers.Add("X-Slack-Signature", signer.Sign(timestamp, body));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return latencies;
        }).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToList();
        return new Result(all, stop.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu, errors);
    }

    private static async Task<Result> RouterOnlyAsync(IServiceProvider services, int concurrency, TimeSpan duration)
    {
        var router = services.GetRequiredService<CommandRouter>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var caller = new Caller(TenantId.For(Platform.Slack, "TBENCH"), Platform.Slack, new UserRef("U1", "ana"), new ChannelRef("C1", "general"));
        var text = CommandLine.TrimStart('/');
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            var latencies = new List<double>(100_000);
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await router.RunAsync(CommandRequest.FromText(caller, text), CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToList();
        return new Result(all, stop.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu, 0);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    /// <summary>A measurement: every request's latency (sorted), its wall time, and the process's CPU time meanwhile (client, server, JIT and GC together).</summary>
    private sealed record Result(List<double> Sorted, double Seconds, TimeSpan Cpu, int Errors)
    {
        public int Count => Sorted.Count;

        public double Throughput => Sorted.Count / Seconds;

        public double P50 => Percentile(Sorted, 0.50);

        public double P99 => Percentile(Sorted, 0.99);

        /// <summary>CPU milliseconds per request: steadier than req/s when other work shares the cores.</summary>
        public double CpuPerRequest => Sorted.Count == 0 ? 0 : Cpu.TotalMilliseconds / Sorted.Count;

        /// <summary>Two measurements of one endpoint as one: all requests over the time of both.</summary>
        public static Result Combine(Result a, Result b) => new([.. a.Sorted.Concat(b.Sorted).Order()], a.Seconds + b.Seconds, a.Cpu + b.Cpu, a.Errors + b.Errors);
    }
}
