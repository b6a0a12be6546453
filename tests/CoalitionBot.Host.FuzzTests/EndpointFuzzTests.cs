using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Edge;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Host.Tests;
using CoalitionBot.Host.Tests.Discord;
using CoalitionBot.Host.Tests.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Xunit.Abstractions;

namespace CoalitionBot.Host.FuzzTests;

/// <summary>
/// Sends thousands of randomised, correctly signed requests to every endpoint of the real host (Slack and Discord in HTTP mode,
/// the meeting feeds, Slack's image links, /healthz) and checks that none gets a 5xx or hangs, and that memory stays bounded.
/// The endpoints are read from the host's routing, so a new endpoint fails <see cref="Fuzz_EveryEndpoint_NeverA5xxNorAHang"/>
/// until it has a fuzzer here. Set COALITIONBOT_FUZZ_SEED to replay a failure: each request is built from seed + its number.
/// The memory it measures is the whole process's, so it has a test process of its own and runs alone in it
/// (<see cref="MeasuresProcessMemory"/>), and it builds its huge bodies without the shared array pools (see
/// <see cref="FuzzInput.Json"/>): arrays of up to 8 MB the test had rented to write them stayed in the pools' per-thread
/// slots, and read as growth of up to 108 MB on a 2-core machine. With both, the second half grows by 2 to 6 MB.
/// </summary>
[Collection(MeasuresProcessMemory.Name)]
public sealed class EndpointFuzzTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "fuzz-signing-secret";
    private const string GuildId = "900000000000000001";
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(20);
    private const int Parallelism = 8;
    private static readonly Lock SlowestLock = new();
    private static readonly HttpRequestOptionsKey<byte[]> SentBody = new("fuzz.body");

    private readonly Key _discordKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private FakeSlackServer _slack = null!;
    private FakeDiscordRest _discord = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _folder = null!;

    private delegate HttpRequestMessage Fuzzer(FuzzInput input);

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _discord = await FakeDiscordRest.StartAsync();
        _folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" }, { "name": "meetings" }, { "name": "tasks" } ] }""");
        _app = await Program.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--CoalitionBot:PluginsFile", Path.Combine(_folder, "plugins.json"),
            "--CoalitionBot:Database:ConnectionString", $"Data Source={Path.Combine(_folder, "bot.db")}",
            "--CoalitionBot:Console:Enabled", "false",
            "--CoalitionBot:PublicBaseUrl", "https://bot.example.org",
            "--CoalitionBot:Slack:SigningSecret", SigningSecret,
            "--CoalitionBot:Slack:BotToken", "xoxb-fuzz",
            "--CoalitionBot:Slack:ApiBaseUrl", _slack.ApiUrl.ToString(),
            "--CoalitionBot:Slack:HooksBaseUrl", _slack.ResponseUrl(string.Empty).ToString(),
            "--CoalitionBot:Discord:PublicKey", Convert.ToHexString(_discordKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            "--CoalitionBot:Discord:BotToken", "fuzz-bot-token",
            "--CoalitionBot:Discord:ApplicationId", DiscordTestHost.ApplicationId,
            "--CoalitionBot:Discord:ApiBaseUrl", _discord.BaseUrl.ToString(),
            "--Logging:LogLevel:Default", "Critical",
        ]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
        await _discord.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _discordKey.Dispose();
    }

    [Fact]
    public async Task Fuzz_EveryEndpoint_NeverA5xxNorAHang()
    {
        var fuzzers = new Dictionary<string, (int Count, Fuzzer Build)>(StringComparer.Ordinal)
        {
            ["POST /slack/commands"] = (700, SlackCommand),
            ["POST /slack/interactions"] = (500, SlackInteraction),
            ["POST /slack/events"] = (600, SlackEvent),
            ["POST /discord/interactions"] = (900, DiscordInteraction),
            ["GET /feeds/{name}/{token}"] = (200, Feed),
            ["GET /images/{file}"] = (150, Image),
            ["GET /healthz"] = (50, Health),
        };
        var mapped = ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
        mapped.Except(fuzzers.Keys).Should().BeEmpty("every endpoint the host maps needs a fuzzer in this test");
        fuzzers.Keys.Except(mapped).Should().BeEmpty("the test host maps every endpoint (Slack and Discord in HTTP mode)");

        var seed = long.TryParse(Environment.GetEnvironmentVariable("COALITIONBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.NextInt64(1, 1L << 40);
        // COALITIONBOT_FUZZ_SCALE multiplies the counts for a longer local run.
        var scale = int.TryParse(Environment.GetEnvironmentVariable("COALITIONBOT_FUZZ_SCALE"), CultureInfo.InvariantCulture, out var factor) ? Math.Max(1, factor) : 1;
        var jobs = fuzzers.Values.SelectMany(f => Enumerable.Repeat(f.Build, f.Count * scale)).Select((build, i) => (Seed: seed + i, Build: build)).ToList();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;

        // Memory is measured after the first half (caches, date models and connection pools are then warm) and after the second:
        // memory that grows with the number of requests would show as growth over the second half.
        var firstHalf = jobs.Where((_, i) => i % 2 == 0).ToList();
        await Parallel.ForEachAsync(firstHalf, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, SendAsync);
        var memoryBefore = await CollectedMemoryAsync();
        await Parallel.ForEachAsync(jobs.Where((_, i) => i % 2 == 1), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, SendAsync);
        var grown = await CollectedMemoryAsync() - memoryBefore;

        failures.Should().BeEmpty("{0} requests from seed {1} (set COALITIONBOT_FUZZ_SEED={1} to replay); the first failures:\n{2}",
            jobs.Count, seed, string.Join("\n", failures.Take(5)));
        grown.Should().BeLessThan(40L * 1024 * 1024, "managed memory stays bounded: the second {0} requests (seed {1}) add no lasting memory", jobs.Count / 2, seed);
        slowest.Should().BeLessThan(AnswerBound);
        output.WriteLine($"Fuzzed {jobs.Count} requests from seed {seed}; slowest answer {slowest.TotalMilliseconds:F0} ms; memory grew {grown / 1024 / 1024} MiB over the second half; "
            + string.Join(", ", statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")));

        async ValueTask SendAsync((long Seed, Fuzzer Build) job, CancellationToken cancellationToken)
        {
            using var request = job.Build(new FuzzInput(job.Seed));
            // The body as sent, read back only to describe a failure: HttpContent.ReadAsStringAsync would buffer MB-sized bodies in
            // arrays from the shared pool, which keeps them, and the memory check would count the test's own copies.
            var body = request.Options.TryGetValue(SentBody, out var sent) ? sent : [];
            using var bound = new CancellationTokenSource(AnswerBound);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.SendAsync(request, bound.Token);
                var text = await response.Content.ReadAsStringAsync(bound.Token);
                var elapsed = Stopwatch.GetElapsedTime(started);
                InterlockedMax(ref slowest, elapsed);
                statuses.AddOrUpdate($"{request.Method} {request.RequestUri!.AbsolutePath.Split('/')[1]} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // Every body is signed correctly, however broken it is: a refusal of the signature means the test is not reaching the code under test.
                    failures.Enqueue(Describe(job.Seed, request, body, "refused as unsigned"));
                }

                if ((int)response.StatusCode >= 500 && !IsDegradedHealth(request, response, text))
                {
                    failures.Enqueue(Describe(job.Seed, request, body, $"HTTP {(int)response.StatusCode} {Excerpt(text)}"));
                }
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                failures.Enqueue(Describe(job.Seed, request, body, $"no answer within {AnswerBound.TotalSeconds} s"));
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue(Describe(job.Seed, request, body, $"the connection failed: {ex.Message}"));
            }
        }
    }

    private async Task<long> CollectedMemoryAsync()
    {
        // Work a request started after its answer (Slack events after the ack, Discord's deferred answers and follow-ups)
        // still holds its memory until it ends; on a busy machine more of it lags behind the second half than the first, which
        // read as growth. Both measurements are taken with that work finished.
        using (var idle = new CancellationTokenSource(AnswerBound * 4))
        {
            await _app.Services.GetRequiredService<BackgroundWork>().WaitIdleAsync(idle.Token);
        }

        // What the fakes recorded (every answer posted to them) is the test's memory, not the bot's.
        _slack.Calls.Clear();
        _discord.Forget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // /healthz answers 503 on purpose when it is degraded; that is its answer, not a failure.
    private static bool IsDegradedHealth(HttpRequestMessage request, HttpResponseMessage response, string text) =>
        request.RequestUri!.AbsolutePath == "/healthz"
        && response.StatusCode == HttpStatusCode.ServiceUnavailable
        && text.Contains("\"degraded\"", StringComparison.Ordinal);

    private static void InterlockedMax(ref TimeSpan slowest, TimeSpan elapsed)
    {
        lock (SlowestLock)
        {
            if (elapsed > slowest)
            {
                slowest = elapsed;
            }
        }
    }

    private static string Describe(long seed, HttpRequestMessage request, byte[] body, string what) =>
        $"seed {seed}: {request.Method} {Excerpt(request.RequestUri!.OriginalString)} ({body.Length} bytes: {Excerpt(Encoding.UTF8.GetString(body))}) → {what}";

    private static HttpRequestMessage Post(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Options.Set(SentBody, body);
        return request;
    }

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} chars)";

    private HttpRequestMessage SlackCommand(FuzzInput input)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("token", "legacy"),
            ("team_id", input.Pick("T1", "T2", "E1", input.Text())),
            ("team_domain", "coalition"),
            ("channel_id", input.Pick("C1", "D1", input.Text())),
            ("channel_name", "general"),
            ("user_id", input.Pick("U1", "U2", input.Text())),
            ("user_name", input.Text()),
            ("command", input.Pick("/help", "/meeting", "/task", "/tp", "/" + input.Text())),
            ("text", input.CommandText()),
            ("response_url", input.Pick(_slack.ResponseUrl("fuzz").ToString(), "https://evil.example/hook", input.Text())),
            ("trigger_id", $"1.2.{input.Next()}"),
        };
        var body = input.Form(fields);
        return input.Chance(10)
            ? SlackSigned("/slack/commands", input.Corrupt(body), input.Pick("application/x-www-form-urlencoded", "application/json", "text/plain"))
            : SlackSigned("/slack/commands", body, "application/x-www-form-urlencoded");
    }

    private HttpRequestMessage SlackInteraction(FuzzInput input)
    {
        var payload = new JsonObject
        {
            ["type"] = input.Pick("block_actions", "view_submission", "shortcut", "block_actions"),
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "coalition" },
            ["user"] = new JsonObject { ["id"] = "U1", ["name"] = "ana", ["team_id"] = "T1" },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["response_url"] = _slack.ResponseUrl("fuzz").ToString(),
            ["trigger_id"] = $"1.2.{input.Next()}",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1.1", ["channel_id"] = "C1" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = input.Pick("help.page", "task.done", "meeting.cancel", input.Text()),
                ["block_id"] = "b1",
                ["value"] = input.Pick("1", "2", input.Text()),
                ["type"] = "button",
                ["action_ts"] = "1.2",
            }),
        };
        var json = input.Mutate(payload);
        var body = input.Chance(15)
            ? json
            : input.Form([("payload", input.Chance(10) ? json + input.Text() : json)]);
        return SlackSigned("/slack/interactions", input.Chance(10) ? input.Corrupt(body) : body, "application/x-www-form-urlencoded");
    }

    private HttpRequestMessage SlackEvent(FuzzInput input)
    {
        JsonObject seedEvent = input.Next(3) switch
        {
            0 => new JsonObject { ["type"] = "url_verification", ["challenge"] = input.Text(), ["token"] = "x" },
            1 => new JsonObject
            {
                ["type"] = "event_callback",
                ["team_id"] = "T1",
                ["api_app_id"] = "A1",
                ["event_id"] = "Ev" + input.Next(),
                ["event_time"] = 1_700_000_000,
                ["event"] = new JsonObject
                {
                    ["type"] = input.Pick("app_mention", "message", "app_home_opened", "member_joined_channel"),
                    ["user"] = "U1",
                    ["text"] = "<@B1> " + input.CommandText(),
                    ["channel"] = "C1",
                    ["channel_type"] = input.Pick("im", "channel"),
                    ["ts"] = "1.1",
                },
            },
            _ => new JsonObject { ["type"] = input.Pick("app_rate_limited", "unknown", input.Text()), ["team_id"] = "T1" },
        };
        var json = input.Mutate(seedEvent);
        return input.Chance(10)
            ? SlackSigned("/slack/events", input.Corrupt(json), input.Pick("application/json", "application/x-www-form-urlencoded"))
            : SlackSigned("/slack/events", json, "application/json");
    }

    private HttpRequestMessage DiscordInteraction(FuzzInput input)
    {
        var id = (310_000_000_000_000_000L + input.Next()).ToString(CultureInfo.InvariantCulture);
        // The hostile value goes in after the JSON is written: parsing a huge text would rent MB-sized arrays (see FuzzInput.Json).
        var hostile = FuzzInput.Quote(string.Empty);
        var text = input.Next(5) switch
        {
            0 => DiscordTestHost.Interaction(id, 1, "{}"),
            1 => DiscordTestHost.Command(id, input.Pick("help", "meeting", "task", "tp"), $$"""[{"name":"text","type":3,"value":"{{FuzzInput.Hostile}}"}]"""),
            2 => DiscordTestHost.Interaction(id, 3, $$"""{"custom_id":"{{FuzzInput.Hostile}}","component_type":2}"""),
            3 => DiscordTestHost.Command(id, "meeting", """[{"name":"add","type":1,"options":[{"name":"title","type":3,"value":"x","focused":true}]}]""", type: 4),
            _ => DiscordTestHost.Interaction(id, input.Next(12), "{}", guildId: input.Pick(GuildId, "abc/../x", null!)),
        };
        if (text.Contains(FuzzInput.Hostile, StringComparison.Ordinal))
        {
            hostile = FuzzInput.Quote(text.Contains("custom_id", StringComparison.Ordinal) ? input.Pick("help.page:2", "task.done:1", input.Text()) : input.CommandText());
        }

        var json = input.Mutate(JsonNode.Parse(text)!).Replace($"\"{FuzzInput.Hostile}\"", hostile, StringComparison.Ordinal);
        var bytes = input.Chance(10) ? input.Corrupt(json) : json;
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var raw = Encoding.UTF8.GetBytes(bytes);
        var signed = new byte[timestamp.Length + raw.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        raw.CopyTo(signed, timestamp.Length);
        var request = Post("/discord/interactions", raw, "application/json");
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_discordKey, signed)));
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        return request;
    }

    private static HttpRequestMessage Feed(FuzzInput input) =>
        new(HttpMethod.Get, $"/feeds/{input.PathSegment("meetings")}/{input.PathSegment(input.Token() + ".ics")}");

    private static HttpRequestMessage Image(FuzzInput input) =>
        new(HttpMethod.Get, $"/images/{input.PathSegment(input.Token() + ".png")}");

    private static HttpRequestMessage Health(FuzzInput input) =>
        new(HttpMethod.Get, input.Chance(2) ? "/healthz" : "/healthz?x=" + input.PathSegment("1"));

    private static HttpRequestMessage SlackSigned(string path, string body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Post(path, bytes, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", new SlackSignature(SigningSecret, TimeProvider.System).Sign(timestamp, bytes));
        return request;
    }

    /// <summary>One request's randomness, from its own seed: hostile text, mutated JSON, broken encodings.</summary>
    private sealed class FuzzInput(long seed)
    {
        private const string Surrogate = "@@surrogate@@";
        private const string Deep = "@@deep@@";

        /// <summary>Where a request's hostile text goes once its JSON is written.</summary>
        public const string Hostile = "@@hostile@@";
        private static readonly string[] Fragments =
        [
            "https://evil.example/p", "<@U1>", "<!channel>", "@everyone", "<@&5>", "**", "[x](https://evil.example)", "due:", "title:\"",
            "\\\"", "&amp;", "\u200b", "\u202e", "\0", "1:1", "é", "😀", "\n", "\r\n", "\t", "%", "+", "&", "=", ";", "'", "--",
        ];

        private readonly Random _random = new((int)(seed ^ (seed >> 32)));

        public int Next(int max = int.MaxValue) => _random.Next(max);

        public bool Chance(int oneIn) => _random.Next(oneIn) == 0;

        public T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

        /// <summary>Short hostile text, now and then a huge one near the size caps.</summary>
        public string Text()
        {
            if (Chance(60))
            {
                return new string(Pick('a', 'é', '*', '<', ':'), Pick(6_001, 40_000, 70_000, 520_000));
            }

            var builder = new StringBuilder();
            for (var i = _random.Next(12); i > 0; i--)
            {
                builder.Append(_random.Next(4) switch
                {
                    0 => Pick(Fragments),
                    1 => ((char)_random.Next(0x20, 0x7f)).ToString(),
                    // Any UTF-16 unit but a surrogate: lone surrogates go in as JSON escapes and UTF-8 bytes, where a client can send them.
                    2 => ((char)(_random.Next(0, 0xF800) is var unit && unit >= 0xD800 ? unit + 0x800 : unit)).ToString(),
                    _ => "word",
                });
            }

            return builder.ToString();
        }

        /// <summary>Text after a command: real subcommands and options with hostile values.</summary>
        public string CommandText() => Next(4) switch
        {
            0 => Text(),
            1 => $"{Pick("add", "list", "feed", "assign", "done", "help", "cancel")} \"{Text()}\" {Pick("due:", "repeat:", "zone:", "note:")}{Text()}",
            2 => "1" + string.Concat(Enumerable.Repeat(":1", Next(4000))),
            _ => Pick("help", "meeting list", "task list", "tp council", "meeting feed"),
        };

        /// <summary>A random JSON value of any type: wrong types, deep nesting, lone surrogates, huge strings.</summary>
        public JsonNode? Value(int depth = 0) => Next(depth > 3 ? 6 : 9) switch
        {
            0 => null,
            1 => JsonValue.Create(_random.NextInt64(long.MinValue, long.MaxValue)),
            2 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, Next(300))),
            3 => JsonValue.Create(Chance(2)),
            4 => JsonValue.Create(Surrogate),
            5 => JsonValue.Create(Deep),
            6 => new JsonArray(Enumerable.Range(0, Next(4)).Select(_ => Value(depth + 1)).ToArray()),
            7 => new JsonObject(Enumerable.Range(0, Next(4)).Select(i => KeyValuePair.Create("k" + i, Value(depth + 1)))),
            _ => JsonValue.Create(Text()),
        };

        /// <summary>Applies a few mutations (replace a value, drop a field, add one) and writes the JSON, with placeholders made hostile.</summary>
        public string Mutate(JsonNode root)
        {
            for (var step = Next(4); step > 0; step--)
            {
                var nodes = Walk(root).Where(n => n.Parent is not null).ToList();
                if (nodes.Count == 0)
                {
                    break;
                }

                var node = Pick(nodes.ToArray());
                var parent = node.Parent!;
                switch (Next(3))
                {
                    case 0 when parent is JsonObject o:
                        o[node.GetPropertyName()] = Value();
                        break;
                    case 0 when parent is JsonArray a:
                        a[node.GetElementIndex()] = Value();
                        break;
                    case 1 when parent is JsonObject o:
                        o.Remove(node.GetPropertyName());
                        break;
                    case 2 when parent is JsonObject o:
                        o["x" + Next(100)] = Value();
                        break;
                }
            }

            var json = Json(root);
            json = json.Replace($"\"{Surrogate}\"", "\"" + Pick("\\ud800", "\\udc00", "\\ud800x", "\\udfff\\ud800", "\\u0000", "\\uD83D") + "\"", StringComparison.Ordinal);
            var depth = Pick(2, 33, 64, 200, 5000);
            return json.Replace($"\"{Deep}\"", new string('[', depth) + new string(']', depth), StringComparison.Ordinal);
        }

        /// <summary>Breaks a body: cuts it short, inserts bytes that are not UTF-8 or JSON, or doubles it.</summary>
        public string Corrupt(string body) => Next(4) switch
        {
            0 => body[..Next(body.Length + 1)],
            1 => body.Insert(Next(body.Length + 1), Pick("\ud800", "\uffff", "\0", "%ED%A0%80", "%FF", "%", "%G1", "&&=&", "{\"", "]]]}")),
            2 => body + body,
            _ => string.Empty,
        };

        /// <summary>URL-encoded form fields, with now and then a broken escape or a lone separator.</summary>
        public string Form(IEnumerable<(string Name, string Value)> fields)
        {
            var pairs = fields.Where(_ => !Chance(15)).Select(f => Escape(f.Name) + "=" + Escape(f.Value)).ToList();
            if (Chance(8))
            {
                pairs.Insert(Next(pairs.Count + 1), Pick("%ED%A0%80=1", "text=%FF%FE", "=", "&", "%", "a=%zz", "text=a&text=b"));
            }

            return string.Join('&', pairs);
        }

        /// <summary>A path segment: the expected word, a token-like string, or hostile text percent-encoded.</summary>
        public string PathSegment(string usual) => Next(3) switch
        {
            0 => usual,
            1 => Escape(Text()).Replace("%2F", Pick("%2F", "/", "%2f"), StringComparison.Ordinal),
            _ => Escape(new string('A', Next(3000))),
        };

        public string Token() => Convert.ToBase64String(BitConverter.GetBytes(_random.NextInt64())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>
        /// Writes JSON without renting from the shared array pools, which keep what they lend in per-thread slots, so the memory
        /// check would count the test's own copies of its huge texts: <see cref="JsonNode.ToJsonString"/> rents its output
        /// buffer, and escaping a text rents six times its length.
        /// </summary>
        public static string Json(JsonNode? node)
        {
            var builder = new StringBuilder();
            Write(node, builder);
            return builder.ToString();
        }

        /// <summary>A JSON string literal, escaped as JSON requires and no more.</summary>
        public static string Quote(string text) => Quote(text, new StringBuilder(text.Length + 2)).ToString();

        private static void Write(JsonNode? node, StringBuilder builder)
        {
            switch (node)
            {
                case JsonObject o:
                    builder.Append('{');
                    foreach (var (name, value) in o)
                    {
                        Quote(name, builder).Append(':');
                        Write(value, builder);
                        builder.Append(',');
                    }

                    Close(builder, '}');
                    break;
                case JsonArray a:
                    builder.Append('[');
                    foreach (var item in a)
                    {
                        Write(item, builder);
                        builder.Append(',');
                    }

                    Close(builder, ']');
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    Quote(v.GetValue<string>(), builder);
                    break;
                default:
                    builder.Append(node?.ToJsonString() ?? "null");
                    break;
            }
        }

        private static void Close(StringBuilder builder, char end)
        {
            if (builder[^1] == ',')
            {
                builder.Length--;
            }

            builder.Append(end);
        }

        private static StringBuilder Quote(string text, StringBuilder builder)
        {
            builder.Append('"');
            foreach (var c in text)
            {
                _ = c switch
                {
                    '"' => builder.Append("\\\""),
                    '\\' => builder.Append("\\\\"),
                    < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                    _ => builder.Append(c),
                };
            }

            return builder.Append('"');
        }

        /// <summary>Percent-encodes into a builder of the right size: string.Concat would grow MB-sized arrays from the shared pool.</summary>
        private static string Escape(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var builder = new StringBuilder(bytes.Length * 3);
            foreach (var b in bytes)
            {
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return builder.ToString();
        }

        private static IEnumerable<JsonNode> Walk(JsonNode root)
        {
            yield return root;
            var children = root switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a.AsEnumerable(),
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>())
            {
                foreach (var node in Walk(child))
                {
                    yield return node;
                }
            }
        }
    }
}
