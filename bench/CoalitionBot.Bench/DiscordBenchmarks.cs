using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace CoalitionBot.Bench;

/// <summary>Signed Discord interactions over loopback HTTP against the real host, beside a bare signature-checking endpoint.</summary>
public sealed class DiscordLoadBenchmark : IBenchmark
{
    /// <summary>The command sent; the lead switches this to <c>tp</c> once that plugin lands.</summary>
    public const string Command = "tp";

    private const int Connections = 32;

    /// <summary>Seconds of warm-up per endpoint before anything is measured.</summary>
    private const int Warmup = 10;

    public string Name => "discord-load";

    public string Description => $"signed /{Command} council interactions, {Connections} connections, 10 s, vs a bare signature check";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var publicKey = Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var folder = Directory.CreateTempSubdirectory("coalitionbot-bench-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "plugins.json"), """{ "plugins": [ { "name": "help" }, { "name": "tp" } ] }""");
        var botPort = FreePort();
        await using var bot = await Host.Program.BuildAsync(
        [
            "--urls", $"http://127.0.0.1:{botPort}",
            "--CoalitionBot:PluginsFile", Path.Combine(folder, "plugins.json"),
            "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bench.db")}",
            "--CoalitionBot:Discord:PublicKey", publicKey,
            "--CoalitionBot:Discord:BotToken", "bench-token",
            "--CoalitionBot:Discord:ApplicationId", "100000000000000001",
            "--CoalitionBot:Discord:ApiBaseUrl", "http://127.0.0.1:9/api/v10/",
            "--CoalitionBot:Discord:RegisterCommands", "false",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await bot.StartAsync();

        var barePort = FreePort();
        var bareBuilder = WebApplication.CreateSlimBuilder();
        bareBuilder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        bareBuilder.Logging.ClearProviders();
        await using var bare = bareBuilder.Build();
        var signature = new DiscordSignature(publicKey, TimeProvider.System);
        bare.MapPost("/discord/interactions", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            if (!signature.Verify(http.Request.Headers["X-Signature-Ed25519"], http.Request.Headers["X-Signature-Timestamp"], buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                http.Response.StatusCode = 401;
                return;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"type":1}""");
        });
        await bare.StartAsync();

        Console.WriteLine($"discord-load: /{Command}, {Connections} connections, {seconds:F0} s per endpoint after {Warmup} s of warm-up each, {Environment.ProcessorCount} cores (shared machine)");
        // Both servers share the process's sockets, Kestrel and the client, and the JIT keeps tiering that code up for many seconds
        // on 2 busy cores: warm both alike (alternating), so neither is measured while the other's warm-up is still paying off.
        for (var round = 0; round < Warmup; round++)
        {
            await MeasureAsync(key, botPort, TimeSpan.FromSeconds(1));
            await MeasureAsync(key, barePort, TimeSpan.FromSeconds(1));
        }

        // Measured in the order bot, bare, bare, bot, so a change in the machine's load during the run weighs on both alike.
        var half = TimeSpan.FromSeconds(seconds / 2);
        var full1 = await MeasureAsync(key, botPort, half);
        var bare1 = await MeasureAsync(key, barePort, half);
        var bare2 = await MeasureAsync(key, barePort, half);
        var full2 = await MeasureAsync(key, botPort, half);
        var baseline = Load.Combine(bare1, bare2).Print("bare signature check");
        var full = Load.Combine(full1, full2).Print($"bot /{Command}");
        // The same host answering PING: signature check and adapter without a command, to show where the time goes.
        (await MeasureAsync(key, botPort, TimeSpan.FromSeconds(seconds), ping: true)).Print("bot PING (no command)");
        Console.WriteLine($"ratio: bot throughput is {full.Throughput / baseline.Throughput:P0} of the bare endpoint (target ≥ 40%); bot p99 {full.P99:F2} ms (target < 10 ms)");
        Console.WriteLine($"CPU per request: bot {full.CpuPerRequest:F3} ms, bare {baseline.CpuPerRequest:F3} ms, so on cores of its own the bot would reach about {baseline.CpuPerRequest / full.CpuPerRequest:P0} of the bare endpoint's throughput");

        await bot.StopAsync();
        await bare.StopAsync();
        return full.Errors == 0 ? 0 : 1;
    }

    private static async Task<Load> MeasureAsync(Key key, int port, TimeSpan duration, bool ping = false)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        long next = Stopwatch.GetTimestamp() % 1_000_000_000;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        var gcs = GC.CollectionCount(0);
        var workers = Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            var local = new List<double>();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var id = (300000000000000000L + Interlocked.Increment(ref next)).ToString(CultureInfo.InvariantCulture);
                var body = $$"""{"id":"{{id}}","application_id":"100000000000000001","type":2,"token":"tok{{id}}","version":1,"guild_id":"900000000000000001","channel_id":"500000000000000001","locale":"en-US","member":{"user":{"id":"200000000000000001","username":"ana"},"roles":[],"permissions":"0"},"data":{"id":"1","name":"{{Command}}","type":1,"options":[{"name":"run","type":1,"options":[{"name":"topic","type":3,"value":"council"}]}]} }""";
                var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var bytes = Encoding.UTF8.GetBytes(ping ? $$"""{"id":"{{id}}","type":1,"version":1}""" : body);
                var sig = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. bytes]));
                using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(bytes) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", sig);
                request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                local.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            foreach (var latency in local)
            {
                latencies.Add(latency);
            }
        })).ToList();
        await Task.WhenAll(workers);
        return new Load([.. latencies.Order()], Stopwatch.GetElapsedTime(started).TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu, errors, GC.GetTotalPauseDuration() - pause, GC.CollectionCount(2) - gen2, GC.CollectionCount(0) - gcs);
    }

    /// <summary>What one measurement saw: every request's latency (sorted), over how long, the process's CPU time meanwhile (client, servers, JIT and GC), and how many failed.</summary>
    private sealed record Load(double[] Sorted, double Seconds, TimeSpan Cpu, int Errors, TimeSpan GcPause = default, int Gen2 = 0, int Gcs = 0)
    {
        public double Throughput => Sorted.Length / Seconds;

        /// <summary>CPU milliseconds per request: steadier than req/s when other work shares the cores.</summary>
        public double CpuPerRequest => Sorted.Length == 0 ? 0 : Cpu.TotalMilliseconds / Sorted.Length;

        public double P99 => Percentile(0.99);

        public static Load Combine(Load a, Load b) => new([.. a.Sorted.Concat(b.Sorted).Order()], a.Seconds + b.Seconds, a.Cpu + b.Cpu, a.Errors + b.Errors, a.GcPause + b.GcPause, a.Gen2 + b.Gen2, a.Gcs + b.Gcs);

        public Load Print(string label)
        {
            Console.WriteLine($"{label,-22} {Sorted.Length,8} requests  {Throughput,8:F0} req/s  p50 {Percentile(0.50),6:F2} ms  p99 {P99,6:F2} ms  p99.9 {Percentile(0.999),6:F2} ms  CPU {CpuPerRequest,5:F3} ms/request  GC {Gcs} pauses, {GcPause.TotalMilliseconds,4:F0} ms ({Gen2} gen2)  errors {Errors}");
            return this;
        }

        private double Percentile(double p) => Sorted.Length == 0 ? double.NaN : Sorted[Math.Min(Sorted.Length - 1, (int)(p * Sorted.Length))];
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>1,000 channel messages through the Discord REST client to a fake server enforcing 5 per 5 s per channel and 50/s globally.</summary>
public sealed class DiscordDeliveryBenchmark : IBenchmark
{
    private const int Channels = 20;
    private const int PerChannel = 50;
    private const int BucketLimit = 5;
    private static readonly TimeSpan BucketWindow = TimeSpan.FromSeconds(5);
    private const int GlobalLimit = 50;

    public string Name => "discord-delivery";

    public string Description => $"{Channels * PerChannel} messages to {Channels} channels under 5/5 s per channel and 50/s global";

    public async Task<int> RunAsync(string[] args)
    {
        var server = new LimitedServer();
        var port = DiscordLoadBenchmark.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();

        using var limiter = new DiscordRateLimiter(TimeProvider.System);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var options = Options.Create(new DiscordOptions { BotToken = "bench-token", ApplicationId = "1", ApiBaseUrl = new Uri($"http://127.0.0.1:{port}/api/v10/") });
        var rest = new DiscordRestClient(http, limiter, options, NullLogger<DiscordRestClient>.Instance);
        var messenger = new DiscordMessenger(rest, LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], directory: null), NullLogger<DiscordMessenger>.Instance, TimeProvider.System);
        var tenant = TenantId.For(Platform.Discord, "900000000000000001");

        Console.WriteLine($"discord-delivery: {Channels * PerChannel} messages, {Channels} channels, bucket {BucketLimit} per {BucketWindow.TotalSeconds:F0} s per channel, global {GlobalLimit}/s");
        var started = Stopwatch.GetTimestamp();
        var sends = Enumerable.Range(0, Channels).SelectMany(c => Enumerable.Range(0, PerChannel).Select(i =>
            messenger.SendAsync(tenant, MessageTarget.ToChannel(new ChannelRef((500000000000000000L + c).ToString(CultureInfo.InvariantCulture))),
                new Reply { Text = $"Reminder {i}: council meets Tuesday at 6" }, CancellationToken.None))).ToList();
        var results = await Task.WhenAll(sends);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Each channel needs ceil(50/5) windows, the last starting 45 s after its first; and the global limit lets only 50
        // of the first 100 requests (20 channels x 5) go in the first second, so half the channels start a second later.
        var windows = (PerChannel + BucketLimit - 1) / BucketLimit;
        var firstWave = Math.Min(Channels * PerChannel, Channels * BucketLimit);
        var theoretical = TimeSpan.FromTicks(BucketWindow.Ticks * (windows - 1)) + TimeSpan.FromSeconds((firstWave - 1) / GlobalLimit);

        var delivered = results.Count(r => r.Delivered);
        var worstBucket = server.TooManyByChannel.Values.DefaultIfEmpty(0).Max();
        Console.WriteLine($"delivered: {delivered}/{Channels * PerChannel}");
        Console.WriteLine($"429s received: {server.TooMany} in all ({server.GlobalTooMany} global); most in one bucket: {worstBucket} (target: at most 1 per bucket)");
        Console.WriteLine($"run time: {elapsed.TotalSeconds:F2} s; theoretical minimum {theoretical.TotalSeconds:F0} s; ratio {elapsed / theoretical:F3} (target ≤ 1.15)");
        return delivered == Channels * PerChannel ? 0 : 1;
    }

    /// <summary>A fake Discord channel-messages route with real limits: a fixed window per channel that starts at its first request, and a sliding 1 s global window.</summary>
    private sealed class LimitedServer
    {
        private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = [];
        private readonly Queue<DateTimeOffset> _global = new();
        private readonly Lock _gate = new();

        public ConcurrentDictionary<string, int> TooManyByChannel { get; } = new();

        public int TooMany;

        public int GlobalTooMany;

        public async Task HandleAsync(HttpContext http)
        {
            var channel = http.Request.Path.Value!.Split('/')[4];
            var now = TimeProvider.System.GetUtcNow();
            int remaining;
            double resetAfter;
            var status = 200;
            var global = false;
            lock (_gate)
            {
                while (_global.Count > 0 && now - _global.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _global.Dequeue();
                }

                if (!_windows.TryGetValue(channel, out var window) || now - window.Start >= BucketWindow)
                {
                    window = (now, 0);
                }

                if (_global.Count >= GlobalLimit)
                {
                    status = 429;
                    global = true;
                }
                else if (window.Count >= BucketLimit)
                {
                    status = 429;
                }
                else
                {
                    window.Count++;
                    _global.Enqueue(now);
                }

                _windows[channel] = window;
                remaining = BucketLimit - window.Count;
                resetAfter = Math.Max(0, (window.Start + BucketWindow - now).TotalSeconds);
            }

            http.Response.ContentType = "application/json";
            http.Response.Headers["X-RateLimit-Limit"] = BucketLimit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("F3", CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Bucket"] = "channel-messages";
            if (status == 429)
            {
                Interlocked.Increment(ref TooMany);
                if (global)
                {
                    Interlocked.Increment(ref GlobalTooMany);
                }

                TooManyByChannel.AddOrUpdate(channel, 1, (_, n) => n + 1);
                http.Response.StatusCode = 429;
                var retryAfter = global ? 0.1 : resetAfter;
                await http.Response.WriteAsync($$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString("F3", CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""");
                return;
            }

            await http.Response.WriteAsync("""{"id":"800000000000000001"}""");
        }
    }
}
