using CoalitionBot.Core;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using Xunit.Abstractions;

namespace CoalitionBot.Host.Tests.Discord;

/// <summary>Kills the real host process (SIGKILL) in the middle of delivering reminders, at a moment the test chooses (a
/// message created on the fake Discord whose answer is held open), and restarts it on the same database: every reminder
/// reaches the fake Discord exactly once, the repeat of the one in flight absorbed by its nonce.</summary>
public sealed class OutboxCrashTests(ITestOutputHelper output)
{
    internal const int Reminders = 40;
    private const int KillAt = 10;
    private static readonly TenantId Guild = TenantId.For(Platform.Discord, DiscordTestHost.GuildId);
    private static readonly string[] Channels = ["500000000000000011", "500000000000000012", "500000000000000013", "500000000000000014"];

    [Fact]
    public async Task Dispatcher_KilledMidBatchAndRestarted_DeliversEveryReminderExactlyOnce()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var folder = HostProcess.NewWorkingDirectory("""{ "plugins": [ { "name": "help" }, { "name": "meetings" } ] }""");
        var database = $"Data Source={Path.Combine(folder, "bot.db")}";
        await using var rest = await FakeDiscordRest.StartAsync();
        await SeedAsync("Sqlite", database);

        // The 10th message is created, and the bot never hears so: the kill lands exactly there.
        var held = rest.HoldAnswerToCreated(KillAt);
        output.WriteLine($"seeded at {watch.Elapsed}");
        var first = HostProcess.Start(folder, Arguments(database, rest));
        int createdAtKill;
        try
        {
            await held.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await first.KillAsync();
            createdAtKill = rest.Created.Count;
            await first.DisposeAsync();
            rest.ReleaseHeld();
        }

        output.WriteLine($"killed at {watch.Elapsed}");
        createdAtKill.Should().BeInRange(KillAt, Reminders - 1, "the process was killed mid-batch");
        await using (var second = HostProcess.Start(folder, Arguments(database, rest)))
        {
            await rest.WaitForCreatedAsync(Reminders, TimeSpan.FromSeconds(90));
            output.WriteLine($"all created at {watch.Elapsed}");
            await WaitUntilAllSentAsync("Sqlite", database, TimeSpan.FromSeconds(30));
            output.WriteLine($"all sent at {watch.Elapsed}");
        }

        var posts = rest.Calls.Where(c => c.Method == "POST" && c.Path.StartsWith("/channels/", StringComparison.Ordinal)).ToList();
        output.WriteLine($"killed after {createdAtKill} deliveries; {posts.Count} POSTs in all; {rest.Created.Count} messages created; {rest.DuplicatePosts} duplicate POST(s) absorbed by the nonce");
        var titles = rest.Created.Select(c => c.Json.GetProperty("embeds")[0].GetProperty("title").GetString()).ToList();
        titles.Should().OnlyHaveUniqueItems().And.HaveCount(Reminders);
        titles.Should().BeEquivalentTo(Enumerable.Range(0, Reminders).Select(Title));
        posts.Should().OnlyContain(p => p.Json.GetProperty("enforce_nonce").GetBoolean());
        posts.Should().HaveCount(Reminders + rest.DuplicatePosts);
        rest.DuplicatePosts.Should().BeGreaterThan(0, "the message in flight at the kill is sent again after the restart, and Discord drops the repeat by its nonce");
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    internal static string Title(int i) => $"Reminder {i:000}";

    /// <summary>A Discord host on <paramref name="database"/> with a 5-second outbox lease (<paramref name="instance"/> names it in a cluster).</summary>
    internal static string[] Arguments(string database, FakeDiscordRest rest, string provider = "Sqlite", string instance = "host")
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        return
        [
            "--urls", "http://127.0.0.1:0",
            "--CoalitionBot:Database:Provider", provider,
            "--CoalitionBot:Database:ConnectionString", database,
            "--CoalitionBot:Cluster:InstanceName", instance,
            "--CoalitionBot:Discord:BotToken", "test-bot-token",
            "--CoalitionBot:Discord:ApplicationId", DiscordTestHost.ApplicationId,
            "--CoalitionBot:Discord:PublicKey", Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            "--CoalitionBot:Discord:ApiBaseUrl", rest.BaseUrl.ToString(),
            "--CoalitionBot:Discord:RegisterCommands", "false",

            // A crashed process's claims become free again after the lease.
            "--CoalitionBot:Outbox:Lease", "00:00:05",
            "--Logging:LogLevel:Default", "Warning",
        ];
    }

    /// <summary>Writes the reminders, due now, through the product's own outbox into the database the host will open.</summary>
    internal static async Task SeedAsync(string provider, string database)
    {
        await using var services = Services(provider, database);
        await services.MigrateDatabasesAsync();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Guild);
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var db = scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Reminders; i++)
        {
            var channel = Channels[i % Channels.Length];
            var reply = new Reply { Title = Title(i), Text = Markup.Format($"City council meets in 2 hours (reminder {i}).") };
            await outbox.EnqueueAsync(new OutboxItem($"crash-test:{i}", "meetings", MessageTarget.ToChannel(new ChannelRef(channel, "council")), reply, now), CancellationToken.None);
        }

        await transaction.CommitAsync();

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Waits until every seeded reminder is recorded as sent.</summary>
    internal static async Task WaitUntilAllSentAsync(string provider, string database, TimeSpan timeout)
    {
        await using var services = Services(provider, database);
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var statuses = await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().Outbox.IgnoreQueryFilters()
                    .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancel.Token);
                if (statuses.Count == 1 && statuses[0].Key == OutboxStatus.Sent && statuses[0].Count == Reminders)
                {
                    break;
                }
            }

            await Task.Delay(100, cancel.Token);
        }

        SqliteConnection.ClearAllPools();
    }

    private static ServiceProvider Services(string provider, string database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoalitionBot:Database:Provider"] = provider,
            ["CoalitionBot:Database:ConnectionString"] = database,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCoalitionBotCore().AddPlugins(Array.Empty<LoadedPlugin>());
        return services.BuildServiceProvider();
    }
}
