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
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Bench;

/// <summary>
/// The scheduler under load: reminders over many coalitions and channels, due across one minute, delivered by the real outbox
/// dispatcher of one or more bot instances on one database to a fake platform (instant, or with a latency per call and Slack's
/// one message per second per channel). Prints delivered, duplicates, order per channel, lateness p50/p99/max, messages/s, and
/// each target as met or not. With <c>--kill-at</c> one instance is killed (SIGKILL) mid-run; the others take its claims over
/// after the lease, and the fake platform drops a message sent again with the same key, as Discord does with a nonce.
/// </summary>
public sealed class ReminderBenchmark : IBenchmark
{
    private const string Delivery = "D";
    private const string ReadyLine = "READY";

    public string Name => "reminders";

    public string Description => "reminders due within a minute through the outbox: delivered, duplicates, lateness [--reminders N] [--coalitions N] [--channels N] [--latency MS] [--instances N] [--kill-at S] [--lease S] [--warmup S] [--provider sqlite|postgres --connection \"…\"]";

    public async Task<int> RunAsync(string[] args)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"reminders: {ex.Message}");
            return 2;
        }

        return settings.Instance ? await RunInstanceAsync(settings) : await RunMeasuredAsync(settings);
    }

    private static async Task<int> RunMeasuredAsync(Settings settings)
    {
        var folder = Directory.CreateTempSubdirectory("coalitionbot-reminders-").FullName;
        var plugins = Path.Combine(folder, "plugins.json");
        await File.WriteAllTextAsync(plugins, """{ "plugins": [ { "name": "help" } ] }""");
        settings = settings with { PluginsFile = plugins, Connection = settings.Connection ?? $"Data Source={Path.Combine(folder, "bench.db")}" };
        var log = new DeliveryLog();
        var processes = settings.Instances > 1 || settings.KillAt is not null;
        var platform = new FakePlatform(settings.Latency, instance: 0, log.Record);

        await using var app = await Host.Program.BuildAsync(settings.HostArguments(), builder => builder.Services.AddSingleton<IMessenger>(platform));
        var lease = app.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.Lease;
        var written = Stopwatch.StartNew();
        await SeedAsync(app.Services, settings);
        Console.WriteLine($"reminders: {settings.Total:N0} over {settings.Coalitions:N0} coalitions × {settings.Channels} channel(s), due across {settings.Spread.TotalSeconds:F0} s; "
            + $"{(settings.Latency > TimeSpan.Zero ? $"{settings.Latency.TotalMilliseconds:F0} ms per call, 1 message/s per channel" : "instant messenger")}; "
            + $"{settings.Instances} instance(s){(settings.KillAt is { } k ? $", one killed at {k.TotalSeconds:F0} s" : string.Empty)}; {settings.Provider}; lease {lease.TotalSeconds:F0} s; written in {written.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}");

        var instances = new List<Instance>();
        DateTimeOffset start;
        if (processes)
        {
            for (var i = 0; i < settings.Instances; i++)
            {
                instances.Add(Instance.Start(i, settings, log));
            }

            await Task.WhenAll(instances.Select(i => i.Ready));
            start = await ScheduleAsync(app.Services, TimeSpan.FromSeconds(2) + settings.Warmup);
            foreach (var instance in instances)
            {
                await instance.GoAsync();
            }
        }
        else
        {
            start = await ScheduleAsync(app.Services, TimeSpan.FromSeconds(2) + settings.Warmup);
            await app.StartAsync();
        }

        log.Start = start;
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var killed = false;
        var timeout = TimeSpan.FromSeconds(2) + settings.Warmup + settings.Spread + lease + TimeSpan.FromSeconds(120);
        while (log.Delivered < settings.Total && clock.Elapsed < timeout)
        {
            if (!killed && settings.KillAt is { } killAt && TimeProvider.System.GetUtcNow() - start >= killAt)
            {
                instances[0].Kill();
                killed = true;
                Console.WriteLine($"  killed instance 0 (kill -9) at {(TimeProvider.System.GetUtcNow() - start).TotalSeconds:F1} s");
            }

            await Task.Delay(100);
        }

        var report = log.Report(settings.Total, killed ? 0 : -1);
        report.Print(platform.RateLimited + instances.Sum(i => i.RateLimited));
        if (!processes)
        {
            // CPU per message does not depend on what else the machine runs, unlike lateness.
            self.Refresh();
            Console.WriteLine($"  CPU: {(self.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, report.Delivered):F2} ms per message delivered (this process, warm-up included; load average {LoadAverage()})");
        }
        var targets = new List<(string Name, bool Met)>
        {
            ("all delivered", report.Delivered == settings.Total),
            ("0 duplicates" + (killed ? " (repeats after the kill dropped by the nonce)" : string.Empty), report.Duplicates == 0),
            ("due order per channel", report.OutOfOrder == 0),
        };
        var p99Target = killed ? lease + TimeSpan.FromSeconds(2) : settings.Latency > TimeSpan.Zero ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(1);
        targets.Add(($"lateness p99 < {p99Target.TotalMilliseconds:F0} ms", report.Count > 0 && report.P99 < p99Target.TotalMilliseconds));

        if (processes)
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
        else
        {
            await MeasureIdleAsync();
            await app.StopAsync();
        }

        foreach (var (name, met) in targets)
        {
            Console.WriteLine($"  target {name}: {(met ? "met" : "NOT met")}");
        }

        var ok = targets.All(t => t.Met);
        Console.WriteLine($"  targets: {(ok ? "met" : "NOT met")}");
        return ok ? 0 : 1;
    }

    /// <summary>One bot instance in its own process: builds, says READY, starts its host on "go", stops when its input closes.</summary>
    private static async Task<int> RunInstanceAsync(Settings settings)
    {
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var gate = new Lock();

        // The line is flushed before the send returns, so a delivery the dispatcher records as sent is never missing from the count.
        var platform = new FakePlatform(settings.Latency, settings.InstanceNumber, d =>
        {
            lock (gate)
            {
                output.WriteLine(string.Join('\t', Delivery, d.Key, d.Destination, d.OffsetMs.ToString(CultureInfo.InvariantCulture), d.AcceptedMs.ToString(CultureInfo.InvariantCulture), d.RateLimited.ToString(CultureInfo.InvariantCulture)));
            }
        });
        await using var app = await Host.Program.BuildAsync(settings.HostArguments(), builder => builder.Services.AddSingleton<IMessenger>(platform));
        lock (gate)
        {
            output.WriteLine(ReadyLine);
        }

        if (await Console.In.ReadLineAsync() != "go")
        {
            return 1;
        }

        await app.StartAsync();
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Runs until the benchmark closes this process's input.
        }

        await app.StopAsync();
        return 0;
    }

    /// <summary>Writes the reminders far in the future (the writing is not measured); <see cref="ScheduleAsync"/> then moves them to start shortly.</summary>
    /// <remarks>
    /// Warm-up reminders (one per coalition, on coalitions of their own) fall due in the <see cref="Settings.Warmup"/> before the
    /// start, so the JIT and EF Core's query compilation are done before the measured ones; they are not counted.
    /// </remarks>
    private static async Task SeedAsync(IServiceProvider services, Settings settings)
    {
        var warmup = settings.Warmup > TimeSpan.Zero ? settings.Coalitions : 0;
        await SeedAsync(services, settings, "W", warmup, -settings.Warmup.TotalMilliseconds, settings.Warmup);
        await SeedAsync(services, settings, "T", settings.Total, 0, settings.Spread);
    }

    private static async Task SeedAsync(IServiceProvider services, Settings settings, string prefix, int total, double from, TimeSpan spread)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var perCoalition = total / settings.Coalitions;
        for (var c = 0; c < settings.Coalitions && perCoalition > 0; c++)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantId.For(Platform.Slack, $"{prefix}{c:D4}"));
            var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
            for (var r = 0; r < perCoalition; r++)
            {
                var offset = (long)(from + (spread.TotalMilliseconds * ((r * settings.Coalitions) + c) / total));
                var due = Placeholder + TimeSpan.FromMilliseconds(offset);
                db.Outbox.Add(new OutboxMessage
                {
                    DedupKey = $"meeting:{r}:{due:O}:2h", Source = "bench", ChannelId = $"C{r % settings.Channels}", ChannelName = "council",

                    // The due time (as an offset from the start) rides in the footer so the fake platform can measure lateness.
                    Payload = JsonSerializer.Serialize(new Reply { Title = "Reminder: City council", Text = "**Tuesday, 6:00 PM** — in 2 hours.", Footer = offset.ToString(CultureInfo.InvariantCulture) }, json),
                    DueAt = due, NextAttemptAt = due, NotAfter = due + TimeSpan.FromHours(2), Status = OutboxStatus.Pending,
                    CreatedAt = TimeProvider.System.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
        }
    }

    private static readonly DateTimeOffset Placeholder = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Moves every reminder so the first falls due <paramref name="lead"/> from now, in one UPDATE on any provider; returns that start.</summary>
    private static async Task<DateTimeOffset> ScheduleAsync(IServiceProvider services, TimeSpan lead)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property)
        {
            var p = entity.FindProperty(property)!;
            if (p.GetTypeMapping().Converter?.ProviderClrType != typeof(long))
            {
                throw new InvalidOperationException($"The benchmark expects {property} stored as UTC milliseconds.");
            }

            return sql.DelimitIdentifier(p.GetColumnName(table)!);
        }

        var start = TimeProvider.System.GetUtcNow() + lead;
        var shift = (Placeholder - start).Ticks / TimeSpan.TicksPerMillisecond;
        var statement = string.Join(
            ", ",
            new[] { nameof(OutboxMessage.DueAt), nameof(OutboxMessage.NextAttemptAt), nameof(OutboxMessage.NotAfter) }.Select(p => $"{Column(p)} = {Column(p)} - {{0}}"));
        statement = $"UPDATE {sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())} SET {statement}";
        await db.Database.ExecuteSqlRawAsync(statement, shift);
        return Placeholder - TimeSpan.FromMilliseconds(shift);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Nothing is due now: the dispatcher should sleep, not poll.</summary>
    private static async Task MeasureIdleAsync()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"  memory: working set {process.WorkingSet64 / 1024 / 1024} MiB, managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB");
        await Task.Delay(1000);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        await Task.Delay(5000);
        process.Refresh();
        var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Console.WriteLine($"  idle: {idleCpu:F0} ms of CPU in 5 s with nothing due ({idleCpu / 50:F2} % of one core)");
    }

    /// <summary>The command line: what to run, and the host arguments every instance shares.</summary>
    private sealed record Settings(int Total, int Coalitions, int Channels, TimeSpan Latency, int Instances, TimeSpan? KillAt, TimeSpan? Lease, string Provider, string? Connection)
    {
        public TimeSpan Spread { get; init; } = TimeSpan.FromSeconds(60);

        public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

        public bool Instance { get; init; }

        public int InstanceNumber { get; init; }

        public string? PluginsFile { get; init; }

        public static Settings Parse(string[] args)
        {
            var settings = new Settings(100_000, 1_000, 1, TimeSpan.Zero, 1, null, null, "Sqlite", null);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int Number(int min)
                {
                    var name = args[i];
                    return int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                        ? n
                        : throw new ArgumentException($"{name} takes a whole number of at least {min}.");
                }

                settings = args[i] switch
                {
                    "--reminders" => settings with { Total = Number(1) },
                    "--coalitions" => settings with { Coalitions = Number(1) },
                    "--channels" => settings with { Channels = Number(1) },
                    "--latency" => settings with { Latency = TimeSpan.FromMilliseconds(Number(0)) },
                    "--instances" => settings with { Instances = Number(1) },
                    "--kill-at" => settings with { KillAt = TimeSpan.FromSeconds(Number(0)) },
                    "--lease" => settings with { Lease = TimeSpan.FromSeconds(Number(1)) },
                    "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(Number(0)) },
                    "--provider" => settings with
                    {
                        Provider = Value().ToLowerInvariant() switch
                        {
                            "sqlite" => "Sqlite",
                            "postgres" or "postgresql" => "Postgres",
                            var other => throw new ArgumentException($"--provider is sqlite or postgres, not \"{other}\"."),
                        },
                    },
                    "--connection" => settings with { Connection = Value() },
                    "--plugins" => settings with { PluginsFile = Value() },
                    "--instance" => settings with { Instance = true, InstanceNumber = Number(0) },
                    _ => throw new ArgumentException($"unknown option {args[i]}."),
                };
            }

            if (settings.KillAt is not null && settings.Instances < 2)
            {
                throw new ArgumentException("--kill-at needs --instances 2 or more (someone must take the killed one's work over).");
            }

            if (settings.Provider == "Postgres" && settings.Connection is null)
            {
                throw new ArgumentException("--provider postgres needs --connection \"Host=…;Database=…;Username=…\".");
            }

            return settings.Total < settings.Coalitions ? throw new ArgumentException("--reminders must be at least --coalitions.") : settings;
        }

        public string[] HostArguments()
        {
            var args = new List<string>
            {
                "--CoalitionBot:PluginsFile", PluginsFile!,
                "--CoalitionBot:Database:Provider", Provider,
                "--CoalitionBot:Database:ConnectionString", Connection!,
                "--CoalitionBot:Console:Enabled", "false",
                "--Logging:LogLevel:Default", "Warning",
            };
            if (Lease is { } lease)
            {
                args.AddRange(["--CoalitionBot:Outbox:Lease", lease.ToString("c", CultureInfo.InvariantCulture)]);
            }

            return [.. args];
        }

        /// <summary>The arguments that make a child process an instance of this run.</summary>
        public IEnumerable<string> InstanceArguments(int number)
        {
            yield return "reminders";
            foreach (var (name, value) in new (string, string?)[]
            {
                ("--latency", ((int)Latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
                ("--provider", Provider),
                ("--connection", Connection),
                ("--plugins", PluginsFile),
                ("--lease", Lease is { } l ? ((int)l.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null),
                ("--instance", number.ToString(CultureInfo.InvariantCulture)),
            })
            {
                if (value is not null)
                {
                    yield return name;
                    yield return value;
                }
            }
        }
    }

    /// <summary>A message the fake platform accepted: its outbox key, channel, due offset, when it was accepted, and by which instance.</summary>
    private readonly record struct Accepted(string Key, string Destination, long OffsetMs, long AcceptedMs, int Instance, int RateLimited);

    /// <summary>
    /// Stands in for Slack or Discord: each call takes <c>latency</c>, and (with a latency) a channel takes one message per second;
    /// a faster one is refused with a retry-after, as Slack's <c>chat.postMessage</c> does.
    /// </summary>
    private sealed class FakePlatform(TimeSpan latency, int instance, Action<Accepted> accepted) : IMessenger
    {
        private static readonly TimeSpan PerChannel = TimeSpan.FromSeconds(1);
        private readonly ConcurrentDictionary<string, DateTimeOffset> _lastByChannel = new(StringComparer.Ordinal);
        private int _rateLimited;

        public Platform Platform => Platform.Slack;

        public int RateLimited => Volatile.Read(ref _rateLimited);

        public async Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            var destination = $"{tenant.Value}/{target.Channel?.Id ?? target.DirectTo?.Id}";
            if (latency > TimeSpan.Zero)
            {
                var now = TimeProvider.System.GetUtcNow();
                var last = _lastByChannel.GetValueOrDefault(destination);
                if (now - last < PerChannel)
                {
                    Interlocked.Increment(ref _rateLimited);
                    return SendResult.Failed("ratelimited", retryable: true, last + PerChannel - now);
                }

                _lastByChannel[destination] = now;
                await Task.Delay(latency, cancellationToken);
            }

            accepted(new Accepted(
                target.IdempotencyKey!,
                destination,
                long.Parse(message.Footer!, CultureInfo.InvariantCulture),
                TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(),
                instance,
                RateLimited));
            return SendResult.Ok;
        }
    }

    /// <summary>Every message accepted by the fake platform, from every instance.</summary>
    private sealed class DeliveryLog
    {
        private readonly ConcurrentQueue<Accepted> _all = new();
        private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

        public DateTimeOffset Start { get; set; }

        public int Delivered => _keys.Count;

        public void Record(Accepted accepted)
        {
            if (accepted.OffsetMs < 0)
            {
                // A warm-up reminder.
                return;
            }

            _all.Enqueue(accepted);
            _keys.TryAdd(accepted.Key, 0);
        }

        /// <summary>Sums it up; with <paramref name="killed"/> ≥ 0, a repeat of a message that instance had sent is dropped by its nonce (as Discord does).</summary>
        public Report Report(int total, int killed)
        {
            var all = _all.OrderBy(a => a.AcceptedMs).ToList();
            var first = new Dictionary<string, Accepted>(StringComparer.Ordinal);
            var lastOffset = new Dictionary<string, long>(StringComparer.Ordinal);
            int duplicates = 0, absorbed = 0, outOfOrder = 0;
            var lateness = new List<double>(all.Count);
            var windows = new SortedDictionary<long, List<double>>();
            foreach (var a in all)
            {
                if (first.TryGetValue(a.Key, out var earlier))
                {
                    if (earlier.Instance == killed)
                    {
                        absorbed++;
                    }
                    else
                    {
                        duplicates++;
                    }

                    continue;
                }

                first[a.Key] = a;
                if (lastOffset.TryGetValue(a.Destination, out var previous) && previous > a.OffsetMs)
                {
                    outOfOrder++;
                }

                lastOffset[a.Destination] = a.OffsetMs;
                var late = a.AcceptedMs - (Start.ToUnixTimeMilliseconds() + a.OffsetMs);
                lateness.Add(late);
                var window = a.OffsetMs / 10_000;
                if (!windows.TryGetValue(window, out var list))
                {
                    windows[window] = list = [];
                }

                list.Add(late);
            }

            lateness.Sort();
            var seconds = all.Count > 1 ? (all[^1].AcceptedMs - all[0].AcceptedMs) / 1000.0 : 0;
            var byWindow = string.Join(", ", windows.Select(w => $"{w.Key * 10}-{(w.Key + 1) * 10} s: {w.Value.Order().ElementAt((int)(0.99 * (w.Value.Count - 1))):F0}"));
            return new Report(first.Count, total, duplicates, absorbed, outOfOrder, [.. lateness], first.Count / Math.Max(seconds, 0.001)) { ByWindow = byWindow };
        }
    }

    private sealed record Report(int Delivered, int Total, int Duplicates, int Absorbed, int OutOfOrder, double[] Lateness, double PerSecond)
    {
        public int Count => Lateness.Length;

        /// <summary>Lateness p99 of the reminders due in each 10 s of the run.</summary>
        public string ByWindow { get; init; } = string.Empty;

        public double P99 => Percentile(0.99);

        public void Print(int rateLimited)
        {
            Console.WriteLine($"  delivered: {Delivered:N0} of {Total:N0}; duplicates: {Duplicates}; repeats dropped by the nonce: {Absorbed} (on Slack, which has none, each would be a duplicate); out of due order per channel: {OutOfOrder}; refused by the per-channel limit: {rateLimited}");
            if (Count > 0)
            {
                Console.WriteLine($"  lateness: p50 {Percentile(0.5):F0} ms, p99 {P99:F0} ms, max {Lateness[^1]:F0} ms; {PerSecond:F0} messages/s");
                Console.WriteLine($"  lateness p99 (ms) by due time: {ByWindow}");
            }
        }

        private double Percentile(double p) => Count == 0 ? double.NaN : Lateness[Math.Min(Count - 1, (int)(p * Count))];
    }

    /// <summary>A bot instance in a child process of this benchmark, reporting each accepted message on its standard output.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _reading;
        private int _rateLimited;

        private Instance(Process process, int number, DeliveryLog log)
        {
            _process = process;
            _reading = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    var parts = line.Split('\t');
                    if (parts is [Delivery, var key, var destination, var offset, var at, var limited])
                    {
                        log.Record(new Accepted(key, destination, long.Parse(offset, CultureInfo.InvariantCulture), long.Parse(at, CultureInfo.InvariantCulture), number, 0));
                        Volatile.Write(ref _rateLimited, int.Parse(limited, CultureInfo.InvariantCulture));
                    }
                    else if (line == ReadyLine)
                    {
                        _ready.TrySetResult();
                    }
                    else
                    {
                        Console.WriteLine($"  [instance {number}] {line}");
                    }
                }

                _ready.TrySetException(new InvalidOperationException($"instance {number} ended before it was ready"));
            });
        }

        public Task Ready => _ready.Task;

        public int RateLimited => Volatile.Read(ref _rateLimited);

        public static Instance Start(int number, Settings settings, DeliveryLog log)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(typeof(ReminderBenchmark).Assembly.Location);
            }

            foreach (var argument in settings.InstanceArguments(number))
            {
                start.ArgumentList.Add(argument);
            }

            return new Instance(Process.Start(start)!, number, log);
        }

        public Task GoAsync() => _process.StandardInput.WriteLineAsync("go");

        /// <summary>SIGKILL: no shutdown, no lease released, whatever was in flight is left as it was.</summary>
        public void Kill() => _process.Kill(entireProcessTree: true);

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            await _reading;
            _process.Dispose();
        }
    }
}
