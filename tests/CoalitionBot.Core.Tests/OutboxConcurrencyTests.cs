using System.Collections.Concurrent;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Core.Tests;

/// <summary>A messenger whose sends (those <see cref="Holds"/> picks) wait until the test opens the gate; it records what started, the order per
/// destination, and the most sends in flight at once, overall and to one destination.</summary>
public sealed class GatedMessenger(Platform platform) : IMessenger
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, int> _perDestination = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _inFlight;

    public Platform Platform => platform;

    /// <summary>Which sends wait at the gate; default all.</summary>
    public Func<MessageTarget, bool> Holds { get; init; } = _ => true;

    public List<string> Started { get; } = [];

    public List<(string Destination, string Text)> Delivered { get; } = [];

    public int MaxInFlight { get; private set; }

    public int MaxPerDestination { get; private set; }

    public static string DestinationOf(MessageTarget target) => target.Channel?.Id ?? "dm:" + target.DirectTo!.Id;

    public void Open() => _gate.TrySetResult();

    /// <summary>Completes when the condition (read under the messenger's lock) holds; fails the test after 10 s instead of hanging.</summary>
    public Task WaitForAsync(Func<bool> condition)
    {
        lock (_lock)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
    {
        var destination = DestinationOf(target);
        lock (_lock)
        {
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            _perDestination[destination] = _perDestination.GetValueOrDefault(destination) + 1;
            MaxPerDestination = Math.Max(MaxPerDestination, _perDestination[destination]);
            Started.Add(message.Text!);
            Changed();
        }

        try
        {
            await Task.Yield();
            if (Holds(target))
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
                _perDestination[destination]--;
            }
        }

        lock (_lock)
        {
            Delivered.Add((destination, message.Text!));
            Changed();
        }

        return SendResult.Ok;
    }

    private void Changed()
    {
        foreach (var waiter in _waiters.Where(w => w.Condition()).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }
}

public sealed class OutboxConcurrencyTests : IAsyncDisposable
{
    private static readonly TenantId Tenant = TestBot.DefaultTenant(Platform.Slack);
    private readonly List<TestBot> _bots = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("outbox-tests-").FullName;

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public async Task RunOnce_ManyDestinations_NeverMoreSendsAtOnceThanWorkers()
    {
        var messenger = new GatedMessenger(Platform.Slack);
        var bot = await StartAsync(messenger, workers: 3);
        for (var i = 0; i < 10; i++)
        {
            await EnqueueAsync(bot, $"k{i}", Channel($"C{i}"), TimeSpan.Zero);
        }

        var run = Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        await messenger.WaitForAsync(() => messenger.Started.Count == 3);
        messenger.Open();
        await run;

        messenger.MaxInFlight.Should().Be(3);
        messenger.Delivered.Should().HaveCount(10);
    }

    [Fact]
    public async Task Hosted_OneDestinationWaiting_OthersAreStillDelivered()
    {
        // Stands for a send waiting on a platform's rate limit for one channel: it holds one worker and its channel, nothing else.
        var messenger = new GatedMessenger(Platform.Slack) { Holds = t => t.Channel?.Id == "SLOW" };
        var bot = await StartAsync(messenger, workers: 2);
        await EnqueueAsync(bot, "slow-1", Channel("SLOW"), TimeSpan.Zero, "slow 1");
        await EnqueueAsync(bot, "slow-2", Channel("SLOW"), TimeSpan.Zero, "slow 2");
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(bot, $"k{i}", Channel($"C{i}"), TimeSpan.Zero);
        }

        using var stop = new CancellationTokenSource();
        await Dispatcher(bot).StartAsync(stop.Token);
        try
        {
            await messenger.WaitForAsync(() => messenger.Delivered.Count == 5);
            messenger.Started.Should().Contain("slow 1").And.NotContain("slow 2");
            messenger.Delivered.Should().NotContain(d => d.Destination == "SLOW");

            messenger.Open();
            await messenger.WaitForAsync(() => messenger.Delivered.Count == 7);
        }
        finally
        {
            await stop.CancelAsync();
            await Dispatcher(bot).StopAsync(CancellationToken.None);
        }

        messenger.Delivered.Where(d => d.Destination == "SLOW").Select(d => d.Text).Should().Equal("slow 1", "slow 2");
    }

    [Fact]
    public async Task RunOnce_SeveralMessagesPerDestination_SentOneAtATimeInDueOrder()
    {
        var messenger = new GatedMessenger(Platform.Slack);
        var bot = await StartAsync(messenger, workers: 10);
        MessageTarget[] targets = [Channel("C1"), Channel("C2"), MessageTarget.ToUser(new UserRef("U0ANA", "ana"))];
        int[] minutesAgo = [3, 9, 1, 5];
        foreach (var target in targets)
        {
            // Written out of due order: the due time decides, not the order of writing.
            foreach (var ago in minutesAgo)
            {
                await EnqueueAsync(bot, $"{GatedMessenger.DestinationOf(target)}:{ago}", target, TimeSpan.FromMinutes(-ago), $"{GatedMessenger.DestinationOf(target)} -{ago}");
            }
        }

        var run = Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        await messenger.WaitForAsync(() => messenger.Started.Count == 3);
        var first = messenger.Started.ToList();
        messenger.Open();
        await run;

        first.Should().BeEquivalentTo("C1 -9", "C2 -9", "dm:U0ANA -9");
        messenger.MaxPerDestination.Should().Be(1);
        foreach (var target in targets)
        {
            var destination = GatedMessenger.DestinationOf(target);
            messenger.Delivered.Where(d => d.Destination == destination).Select(d => d.Text)
                .Should().Equal(minutesAgo.OrderDescending().Select(ago => $"{destination} -{ago}"));
        }
    }

    [Fact]
    public async Task RunOnce_EarlierMessageRetrying_LaterOneWaitsBehindIt()
    {
        var messenger = new RecordingMessenger(Platform.Slack);
        var bot = await StartAsync(messenger, workers: 10);
        await EnqueueAsync(bot, "first", Channel("C1"), TimeSpan.Zero, "first");
        await EnqueueAsync(bot, "second", Channel("C1"), TimeSpan.FromSeconds(1), "second");
        await EnqueueAsync(bot, "elsewhere", Channel("C2"), TimeSpan.FromSeconds(1), "elsewhere");
        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        messenger.FailOnce("first", SendResult.Failed("ratelimited", retryable: true, TimeSpan.FromMinutes(1)));

        var next = await Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        var meanwhile = messenger.Sent.Select(s => s.Message.Text).ToList();
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher(bot).RunOnceAsync(CancellationToken.None);

        meanwhile.Should().Equal("elsewhere");
        next.Should().Be(bot.Clock.GetUtcNow());
        messenger.Sent.Select(s => s.Message.Text).Should().Equal("elsewhere", "first", "second");
    }

    [Fact]
    public async Task RunOnce_MoreDueThanBatchSize_ClaimsInBatches()
    {
        var messenger = new GatedMessenger(Platform.Slack);
        var bot = await StartAsync(messenger, workers: 10, batchSize: 2);
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(bot, $"k{i}", Channel($"C{i}"), TimeSpan.Zero);
        }

        var run = Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        await messenger.WaitForAsync(() => messenger.Started.Count == 5);
        var claims = (await RowsAsync(bot)).GroupBy(r => r.LeaseOwner).Select(g => g.Count()).Order().ToList();
        messenger.Open();
        await run;

        claims.Should().Equal(1, 2, 2);
        (await RowsAsync(bot)).Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.LeaseOwner == null && r.Attempts == 1);
    }

    [Fact]
    public async Task RunOnce_DispatcherHungPastItsLease_AnotherSendsOnceAndTheHungOneChangesNothing()
    {
        // Dispatcher A claims and then never returns (a frozen or killed instance: its clock stands still, so it never renews its
        // leases); B shares the database file, and its clock moves on.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var frozen = new FakeTimeProvider(clock.GetUtcNow());
        var hung = new GatedMessenger(Platform.Slack);
        var other = new RecordingMessenger(Platform.Slack);
        var a = await StartAsync(hung, workers: 10, clock: frozen, file: "shared.db");
        var b = await StartAsync(other, workers: 10, clock: clock, file: "shared.db");
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(a, $"k{i}", Channel($"C{i}"), TimeSpan.Zero, $"m{i}");
        }

        using var killA = new CancellationTokenSource();
        var runA = Dispatcher(a).RunOnceAsync(killA.Token);
        await hung.WaitForAsync(() => hung.Started.Count == 3);
        var nextForB = await Dispatcher(b).RunOnceAsync(CancellationToken.None);
        var sentBeforeLeaseEnds = other.Sent.Count;
        clock.Advance(TimeSpan.FromMinutes(2));
        await Dispatcher(b).RunOnceAsync(CancellationToken.None);
        await killA.CancelAsync();
        var stoppedA = async () => await runA;
        await stoppedA.Should().ThrowAsync<OperationCanceledException>();

        sentBeforeLeaseEnds.Should().Be(0);
        nextForB.Should().Be(clock.GetUtcNow());
        other.Sent.Select(s => s.Message.Text).Should().BeEquivalentTo("m0", "m1", "m2");
        (await RowsAsync(b)).Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.Attempts == 1 && r.LeaseOwner == null);
    }

    [Fact]
    public async Task RunOnce_FewSendsFinishWhileOneRuns_RecordedTogetherNotOneByOne()
    {
        // 40 workers gather outcomes in groups of 10: five finished sends beside a running one wait for the group (or 50 ms).
        var messenger = new GatedMessenger(Platform.Slack) { Holds = t => t.Channel?.Id == "SLOW" };
        var bot = await StartAsync(messenger, workers: 40);
        await EnqueueAsync(bot, "slow", Channel("SLOW"), TimeSpan.Zero, "slow");
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(bot, $"k{i}", Channel($"C{i}"), TimeSpan.Zero);
        }

        var run = Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        await messenger.WaitForAsync(() => messenger.Delivered.Count == 5);
        var whileGathering = await RowsAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMilliseconds(50));
        messenger.Open();
        await run;

        whileGathering.Should().HaveCount(6).And.OnlyContain(r => r.Status == OutboxStatus.Pending && r.LeaseOwner != null);
        (await RowsAsync(bot)).Should().HaveCount(6).And.OnlyContain(r => r.Status == OutboxStatus.Sent && r.Attempts == 1);
    }

    [Fact]
    public async Task RunOnce_SendOutlastsAThirdOfItsLease_LeaseRenewedAndNoOtherDispatcherTakesItOver()
    {
        // A's send waits (a platform's rate limit, a slow call) past its first lease; A is alive, so it keeps the row.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var slow = new GatedMessenger(Platform.Slack);
        var other = new RecordingMessenger(Platform.Slack);
        var logs = new LogCapture();
        var a = await StartAsync(slow, workers: 10, clock: clock, file: "renewed.db", logs: logs);
        var b = await StartAsync(other, workers: 10, clock: clock, file: "renewed.db");
        await EnqueueAsync(a, "k", Channel("C1"), TimeSpan.Zero, "reminder");

        var runA = Dispatcher(a).RunOnceAsync(CancellationToken.None);
        await slow.WaitForAsync(() => slow.Started.Count == 1);
        clock.Advance(TimeSpan.FromSeconds(50));
        await logs.WaitForAsync("lease is renewed");
        clock.Advance(TimeSpan.FromSeconds(80));
        await logs.WaitForAsync("lease is renewed", count: 2);
        await Dispatcher(b).RunOnceAsync(CancellationToken.None);
        var leaseWhileSending = (await RowsAsync(a)).Single().LeaseUntil;
        slow.Open();
        await runA;

        other.Sent.Should().BeEmpty();
        leaseWhileSending.Should().Be(clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        slow.Delivered.Should().ContainSingle();
        (await RowsAsync(a)).Should().ContainSingle().Which.Should().Match<OutboxMessage>(r => r.Status == OutboxStatus.Sent && r.Attempts == 1 && r.LeaseOwner == null);
    }

    [Fact]
    public async Task RunOnce_LeaseTakenOverDuringASend_SendCancelledAndItsOutcomeNotRecorded()
    {
        var slow = new GatedMessenger(Platform.Slack);
        var logs = new LogCapture();
        var bot = await StartAsync(slow, workers: 10, logs: logs);
        await EnqueueAsync(bot, "k", Channel("C1"), TimeSpan.Zero, "reminder");

        var run = Dispatcher(bot).RunOnceAsync(CancellationToken.None);
        await slow.WaitForAsync(() => slow.Started.Count == 1);

        // As if this instance had stalled past its lease and another had claimed the row meanwhile.
        var theirs = bot.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        await bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "other-instance:1").SetProperty(m => m.LeaseUntil, theirs)));
        bot.Clock.Advance(TimeSpan.FromSeconds(50));
        await run;

        logs.Lines.Should().Contain(l => l.Contains("taken over by another instance", StringComparison.Ordinal));
        slow.Delivered.Should().BeEmpty();
        (await RowsAsync(bot)).Should().ContainSingle().Which.Should().Match<OutboxMessage>(
            r => r.Status == OutboxStatus.Pending && r.Attempts == 0 && r.LeaseOwner == "other-instance:1" && r.LeaseUntil == theirs);
    }

    [Fact]
    public async Task RunOnce_FourDispatchersOnOneDatabase_EachMessageSentExactlyOnceInOrder()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var deliveries = new ConcurrentQueue<(int Dispatcher, string Destination, string Text)>();
        var bots = new List<TestBot>();
        for (var d = 0; d < 4; d++)
        {
            bots.Add(await StartAsync(new SharedMessenger(d, deliveries), workers: 3, batchSize: 2, clock: clock, file: "contended.db"));
        }

        const int PerDestination = 8;
        var destinations = Enumerable.Range(0, 12).Select(i => Channel($"C{i:D2}"))
            .Concat(Enumerable.Range(0, 3).Select(i => MessageTarget.ToUser(new UserRef($"U{i}", $"person {i}")))).ToList();
        for (var n = 0; n < PerDestination; n++)
        {
            foreach (var target in destinations)
            {
                await EnqueueAsync(bots[0], $"{GatedMessenger.DestinationOf(target)}:{n}", target, TimeSpan.FromSeconds(n - PerDestination), $"{n}");
            }
        }

        for (var round = 0; round < 50 && deliveries.Count < destinations.Count * PerDestination; round++)
        {
            await Task.WhenAll(bots.Select(bot => Task.Run(() => Dispatcher(bot).RunOnceAsync(CancellationToken.None))));
        }

        var delivered = deliveries.ToList();
        delivered.Should().HaveCount(destinations.Count * PerDestination);
        delivered.Select(d => (d.Destination, d.Text)).Should().OnlyHaveUniqueItems();
        foreach (var destination in delivered.GroupBy(d => d.Destination))
        {
            destination.Select(d => int.Parse(d.Text, System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        }

        (await RowsAsync(bots[0])).Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.Attempts == 1);
    }

    /// <summary>One of several dispatchers' messengers, all writing to one list of deliveries, each send yielding so they interleave.</summary>
    private sealed class SharedMessenger(int dispatcher, ConcurrentQueue<(int, string, string)> deliveries) : IMessenger
    {
        public Platform Platform => Platform.Slack;

        public async Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            deliveries.Enqueue((dispatcher, GatedMessenger.DestinationOf(target), message.Text!));
            return SendResult.Ok;
        }
    }

    private async Task<TestBot> StartAsync(IMessenger messenger, int workers, int batchSize = 50, FakeTimeProvider? clock = null, string? file = null, LogCapture? logs = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["CoalitionBot:Outbox:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CoalitionBot:Outbox:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (file is not null)
        {
            configuration["CoalitionBot:Database:ConnectionString"] = $"Data Source={Path.Combine(_folder, file)}";
        }

        var bot = await TestBot.StartAsync(clock, plugins: ["help"], configuration: configuration, configure: s =>
        {
            s.AddSingleton(messenger);
            if (logs is not null)
            {
                s.AddSingleton<ILoggerProvider>(logs);
            }
        });
        _bots.Add(bot);
        return bot;
    }

    private static OutboxDispatcher Dispatcher(TestBot bot) => bot.Services.GetRequiredService<OutboxDispatcher>();

    private static MessageTarget Channel(string id) => MessageTarget.ToChannel(new ChannelRef(id, id.ToLowerInvariant()));

    private static Task<bool> EnqueueAsync(TestBot bot, string key, MessageTarget target, TimeSpan dueIn, string? text = null) =>
        bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<Outbox>().EnqueueAsync(
            new OutboxItem(key, "test", target, new Reply { Text = text ?? key }, bot.Clock.GetUtcNow() + dueIn), CancellationToken.None));

    private static Task<List<OutboxMessage>> RowsAsync(TestBot bot) =>
        bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().ToListAsync());
}
