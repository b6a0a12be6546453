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

    public string Description => $"signed `{CommandLine}` slash commands, 32 connections, 10 s, vs a bare signature-checking endpoint [--seconds N] [--connections N]";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
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

            Console.WriteLine($"slack-load: `{CommandLine}` signed slash commands, {connections} connections, {seconds} s per endpoint, {Environment.ProcessorCount} cores");
            await LoadAsync(address, "/slack/commands", connections, TimeSpan.FromSeconds(2));
            var bot = await LoadAsync(address, "/slack/commands", connections, TimeSpan.FromSeconds(seconds));
            await LoadAsync(address, "/bare", connections, TimeSpan.FromSeconds(2));
            var baseline = await LoadAsync(address, "/bare", connections, TimeSpan.FromSeconds(seconds));

            // Where the time goes: the same command through Core's router alone, no HTTP and no Slack adapter.
            var router = await RouterOnlyAsync(app.Services, connections, TimeSpan.FromSeconds(seconds));

            Print("bot /slack/commands", bot);
            Print("bare /bare", baseline);
            Print("router only (no HTTP)", router);
            var ratio = bot.Throughput / baseline.Throughput;
            Console.WriteLine($"ratio: {ratio:P0} of the bare endpoint's throughput (target ≥ 40%); bot p99 {bot.P99:F2} ms (target < 10 ms)");
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-21}: {result.Throughput,9:F0} req/s  p50 {result.P50,6:F2} ms  p99 {result.P99,6:F2} ms  ({result.Count} requests, {result.Errors} errors)"));

    private static async Task<Result> LoadAsync(Uri address, string path, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = address };
        var signer = new SlackSignature(Secret, TimeProvider.System);
        var parts = CommandLine.Split(' ', 2);
        var body = Encoding.UTF8.GetBytes(
            $"token=x&team_id=TBENCH&team_domain=bench&channel_id=C1&channel_name=general&user_id=U1&user_name=ana&command={Uri.EscapeDataString(parts[0])}&text={Uri.EscapeDataString(parts.Length > 1 ? parts[1] : string.Empty)}&response_url=https%3A%2F%2Fhooks.slack.invalid%2Fcommands%2F1&trigger_id=1.2.3");
        var errors = 0;
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
        var elapsed = stop.Elapsed.TotalSeconds;
        return new Result(all.Count, all.Count / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors);
    }

    private static async Task<Result> RouterOnlyAsync(IServiceProvider services, int concurrency, TimeSpan duration)
    {
        var router = services.GetRequiredService<CommandRouter>();
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
        return new Result(all.Count, all.Count / stop.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), 0);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    private sealed record Result(int Count, double Throughput, double P50, double P99, int Errors);
}
