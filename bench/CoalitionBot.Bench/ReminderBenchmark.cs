using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Bench;

/// <summary>
/// The scheduler under load: 100,000 reminders over 1,000 coalitions, due across one minute, delivered by the real outbox
/// dispatcher to a counting messenger. Prints delivered, duplicates, lateness p50/p99 (target p99 under 1 s), memory,
/// and the CPU the process uses over 5 s with nothing due (target: none measurable).
/// </summary>
public sealed class ReminderBenchmark : IBenchmark
{
    public string Name => "reminders";

    public string Description => "100,000 reminders over 1,000 coalitions due within a minute: delivered, duplicates, lateness p50/p99, memory, idle CPU [--reminders N]";

    public async Task<int> RunAsync(string[] args)
    {
        var total = args.Length > 1 && args[0] == "--reminders" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        const int Coalitions = 1_000;
        var folder = Directory.CreateTempSubdirectory("coalitionbot-reminders-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "plugins.json"), """{ "plugins": [ { "name": "help" } ] }""");
        var counter = new CountingMessenger();
        await using var app = await Host.Program.BuildAsync(
            [
                "--CoalitionBot:PluginsFile", Path.Combine(folder, "plugins.json"),
                "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(folder, "bench.db")}",
                "--CoalitionBot:Console:Enabled", "false",
                "--Logging:LogLevel:Default", "Warning",
            ],
            builder => builder.Services.AddSingleton<IMessenger>(counter));

        // Setup (not measured): rows written in bulk, due evenly from 10 s to 70 s from now.
        var start = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var perCoalition = total / Coalitions;
        var written = Stopwatch.StartNew();
        for (var c = 0; c < Coalitions; c++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantId.For(Platform.Slack, $"T{c:D4}"));
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            for (var r = 0; r < perCoalition; r++)
            {
                var due = start + TimeSpan.FromMilliseconds(60_000.0 * ((r * Coalitions) + c) / total);
                db.Outbox.Add(new OutboxMessage
                {
                    DedupKey = $"meeting:{r}:{due:O}:2h", Source = "bench", ChannelId = "C1",

                    // The due time rides in the footer so the counting messenger can measure lateness.
                    Payload = JsonSerializer.Serialize(new Reply { Title = "Reminder: City council", Text = "**Tuesday, 6:00 PM** — in 2 hours.", Footer = due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) }, json),
                    DueAt = due, NextAttemptAt = due, NotAfter = due + TimeSpan.FromHours(2), Status = OutboxStatus.Pending,
                    CreatedAt = TimeProvider.System.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"reminders: {perCoalition * Coalitions:N0} reminders over {Coalitions:N0} coalitions written in {written.Elapsed.TotalSeconds:F1} s, due over 60 s from {start:HH:mm:ss}");
        await app.StartAsync();
        var deadline = Stopwatch.StartNew();
        while (counter.Delivered < perCoalition * Coalitions && deadline.Elapsed < TimeSpan.FromSeconds(200))
        {
            await Task.Delay(250);
        }

        var lateness = counter.Lateness.ToArray();
        Array.Sort(lateness);
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"  delivered: {counter.Delivered:N0} of {perCoalition * Coalitions:N0}; duplicates: {counter.Duplicates}");
        if (lateness.Length > 0)
        {
            Console.WriteLine($"  lateness: p50 {Percentile(lateness, 0.5):F0} ms, p99 {Percentile(lateness, 0.99):F0} ms, max {lateness[^1]:F0} ms (target p99 < 1000 ms)");
        }

        Console.WriteLine($"  memory: working set {process.WorkingSet64 / 1024 / 1024} MiB, managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB");

        // Nothing is due now: the dispatcher should sleep, not poll.
        await Task.Delay(1000);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        await Task.Delay(5000);
        process.Refresh();
        var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Console.WriteLine($"  idle: {idleCpu:F0} ms of CPU in 5 s with nothing due ({idleCpu / 50:F2} % of one core)");
        await app.StopAsync();
        var ok = counter.Delivered == perCoalition * Coalitions && counter.Duplicates == 0 && lateness.Length > 0 && Percentile(lateness, 0.99) < 1000;
        Console.WriteLine($"  targets: {(ok ? "met" : "NOT met")}");
        return ok ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class CountingMessenger : IMessenger
    {
        private readonly ConcurrentDictionary<string, int> _seen = new();
        private int _delivered;
        private int _duplicates;

        public ConcurrentBag<double> Lateness { get; } = [];

        public int Delivered => Volatile.Read(ref _delivered);

        public int Duplicates => Volatile.Read(ref _duplicates);

        public Platform Platform => Platform.Slack;

        public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            if (_seen.AddOrUpdate(target.IdempotencyKey!, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref _duplicates);
            }

            Interlocked.Increment(ref _delivered);
            var due = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(message.Footer!, CultureInfo.InvariantCulture));
            Lateness.Add((TimeProvider.System.GetUtcNow() - due).TotalMilliseconds);
            return Task.FromResult(SendResult.Ok);
        }
    }
}
