using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Routing;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Tests;

/// <summary>Leases, delivery records and the database cache bus, with several "instances" (their own identity) on one database.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    // The bot's own saves publish on the database bus, as a second process on a SQLite file would.
    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(configuration: new Dictionary<string, string?> { ["CoalitionBot:Cluster:CacheBus"] = "Database" });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Leases LeasesOf(string instance) =>
        new(_bot.Services.GetRequiredService<IServiceScopeFactory>(), Instance(instance), _bot.Clock);

    private DeliveryLog DeliveriesOf(string instance) =>
        new(_bot.Services.GetRequiredService<IServiceScopeFactory>(), Instance(instance), _bot.Clock);

    private static BotInstance Instance(string name) => new(Options.Create(new ClusterOptions { InstanceName = name }));

    [Fact]
    public async Task TryAcquire_HeldByAnother_RefusedUntilItExpires()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");

        (await a.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeTrue();
        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeFalse();
        (await a.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeTrue("the holder extends its own lease");
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeTrue("an expired lease passes to whoever asks");
        (await a.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeFalse();

        var listed = await a.ListAsync("jo", CancellationToken.None);
        listed.Should().ContainSingle().Which.Holder.Should().Be(b.Holder);
    }

    [Fact]
    public async Task Release_ByHolder_FreesIt_ByOtherChangesNothing()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");
        await a.TryAcquireAsync("job", TimeSpan.FromMinutes(5), CancellationToken.None);

        await b.ReleaseAsync("job", keepUntil: null, CancellationToken.None);
        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeFalse();
        await a.ReleaseAsync("job", keepUntil: null, CancellationToken.None);
        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task TryAcquire_ManyInstancesAtOnce_ExactlyOneWins()
    {
        var instances = Enumerable.Range(0, 8).Select(i => LeasesOf("i" + i)).ToList();

        var won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryAcquireAsync("contended", TimeSpan.FromMinutes(1), CancellationToken.None))));

        won.Count(w => w).Should().Be(1);
    }

    [Fact]
    public async Task RunTurn_OtherInstanceSameTurn_Skips_NextTurnRunsOnce()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");
        var runs = new List<string>();
        var every = TimeSpan.FromMinutes(10);

        (await a.RunTurnAsync("planner", every, _ => Add(runs, "a"), CancellationToken.None)).Should().BeTrue();
        _bot.Clock.Advance(TimeSpan.FromMinutes(3));
        (await b.RunTurnAsync("planner", every, _ => Add(runs, "b"), CancellationToken.None)).Should().BeFalse("a finished, but this turn is still a's");
        _bot.Clock.Advance(TimeSpan.FromMinutes(7));
        (await b.RunTurnAsync("planner", every, _ => Add(runs, "b"), CancellationToken.None)).Should().BeTrue();
        (await a.RunTurnAsync("planner", every, _ => Add(runs, "a"), CancellationToken.None)).Should().BeFalse();

        runs.Should().Equal("a", "b");
    }

    [Fact]
    public async Task RunTurn_HolderDiesMidTurn_AnotherTakesOverAfterTheLease()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");
        var every = TimeSpan.FromMinutes(10);
        // "a" took the turn and died before it finished (no release, no renewal).
        await a.TryAcquireAsync("planner", every, CancellationToken.None);
        var ran = false;

        (await b.RunTurnAsync("planner", every, _ => Task.FromResult(ran = true), CancellationToken.None)).Should().BeFalse();
        _bot.Clock.Advance(every);
        (await b.RunTurnAsync("planner", every, _ => Task.FromResult(ran = true), CancellationToken.None)).Should().BeTrue();

        ran.Should().BeTrue();
    }

    [Fact]
    public async Task RunTurn_LongWork_RenewsTheLeaseSoNobodyElseStarts()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");
        var every = TimeSpan.FromMinutes(3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var turn = a.RunTurnAsync("long", every, async ct => { running.SetResult(); await release.Task.WaitAsync(ct); }, CancellationToken.None);
        await running.Task;

        // One renewal point (every / 3) passes; then time goes beyond the first expiry.
        var first = (await a.ListAsync("long", CancellationToken.None)).Single().ExpiresAt;
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(async () => (await a.ListAsync("long", CancellationToken.None)).Single().ExpiresAt > first);
        _bot.Clock.Advance(TimeSpan.FromMinutes(2.5));

        (await b.TryAcquireAsync("long", every, CancellationToken.None)).Should().BeFalse("the lease was renewed while the work ran");

        release.SetResult();
        (await turn).Should().BeTrue();
    }

    [Fact]
    public async Task FirstSight_SameKeyOnTwoInstances_OnlyTheFirstHandles_UntilItExpires()
    {
        var a = DeliveriesOf("a");
        var b = DeliveriesOf("b");

        (await a.FirstSightAsync("discord:interaction:1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeTrue();
        (await b.FirstSightAsync("discord:interaction:1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeFalse();
        (await a.FirstSightAsync("discord:interaction:1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeFalse();
        (await b.FirstSightAsync("discord:interaction:2", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeTrue();

        _bot.Clock.Advance(TimeSpan.FromMinutes(15));
        (await b.FirstSightAsync("discord:interaction:1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeTrue("the platform no longer repeats it; the record is spent");
        (await a.DeleteExpiredAsync(CancellationToken.None)).Should().Be(1, "only interaction 2 expired; 1 was recorded again");
    }

    [Fact]
    public async Task FirstSight_ManyInstancesAtOnce_ExactlyOneHandles()
    {
        var instances = Enumerable.Range(0, 8).Select(i => DeliveriesOf("i" + i)).ToList();

        var first = await Task.WhenAll(instances.Select(d => Task.Run(() => d.FirstSightAsync("slack:event:Ev1", TimeSpan.FromMinutes(15), CancellationToken.None))));

        first.Count(f => f).Should().Be(1);
    }

    [Fact]
    public async Task DatabaseBus_ChangeCommitted_OtherInstanceDropsItsEntry_RolledBackChangeDropsNothing()
    {
        var (publisher, _) = Bus();
        var (other, poller) = Bus();
        var dropped = new List<string?>();
        using var subscription = other.Subscribe("caller", dropped.Add);
        await poller.PollOnceAsync(CancellationToken.None);

        await _bot.InTenantAsync(TenantId.ConsoleLocal, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await publisher.PublishAsync(db, "caller", "slack:TNEVER", CancellationToken.None);
                await rolledBack.RollbackAsync();
            }

            await publisher.PublishAsync(db, "caller", "slack:T1", CancellationToken.None);
            await publisher.PublishAsync(db, "talkingpoints", "slack:T1", CancellationToken.None);
            return 0;
        });
        var read = await poller.PollOnceAsync(CancellationToken.None);

        read.Should().Be(2);
        dropped.Should().Equal("slack:T1");
    }

    [Fact]
    public async Task CallerDataCache_LeadGrantedThroughAnotherInstance_DroppedOnThePoll()
    {
        var (hub, poller) = Bus();
        using var cache = new CallerDataCache(_bot.Clock, hub);
        var tenant = TenantId.For(Platform.Slack, "T1");
        await poller.PollOnceAsync(CancellationToken.None);
        (await LeadUsersAsync(cache, tenant)).Should().BeEmpty();

        // The bot's own context stands in for the other instance: its save publishes on the bot's bus (a database bus: see Bus()).
        await _bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.LeadGrants.Add(new LeadGrant { SubjectKind = LeadSubject.User, SubjectId = "U7", GrantedBy = "UADMIN", GrantedAt = _bot.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        (await LeadUsersAsync(cache, tenant)).Should().BeEmpty("nothing was read yet: the entry is still cached");
        await poller.PollOnceAsync(CancellationToken.None);

        (await LeadUsersAsync(cache, tenant)).Should().Equal("U7");
    }

    [Fact]
    public async Task Hub_DropAll_EmptiesEverySubscriber()
    {
        var hub = new CacheInvalidationHub(new LocalCacheTransport());
        var seen = new List<(string, string?)>();
        using var a = hub.Subscribe("caller", k => seen.Add(("caller", k)));
        using var b = hub.Subscribe("talkingpoints", k => seen.Add(("talkingpoints", k)));

        hub.Deliver(CacheInvalidation.Everything, "slack:T1");
        hub.DropAll();

        seen.Should().Equal(("caller", "slack:T1"), ("talkingpoints", "slack:T1"), ("caller", null), ("talkingpoints", null));
    }

    [Theory]
    [InlineData("caller\nslack:T1", "caller", "slack:T1")]
    [InlineData("*\ndiscord:9", "*", "discord:9")]
    public void Parse_NotifyPayload_SplitsAtTheFirstLineBreak(string payload, string cache, string key) =>
        NotifyCacheTransport.Parse(payload).Should().Be((cache, key));

    [Theory]
    [InlineData("")]
    [InlineData("caller")]
    [InlineData("\nkey")]
    [InlineData("caller\n")]
    public void Parse_ForeignPayload_Null(string payload) => NotifyCacheTransport.Parse(payload).Should().BeNull();

    private static Task Add(List<string> runs, string who)
    {
        runs.Add(who);
        return Task.CompletedTask;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("the condition did not come true");
            }

            await Task.Yield();
        }
    }

    private async Task<IReadOnlySet<string>> LeadUsersAsync(CallerDataCache cache, TenantId tenant) =>
        (await _bot.InTenantAsync(tenant, sp => cache.GetAsync(sp.GetRequiredService<CoalitionBotDbContext>, tenant.Value, CancellationToken.None))).LeadUsers;

    /// <summary>A second "instance" on the bot's database: its own hub on the database bus and its poller.</summary>
    private (CacheInvalidationHub Hub, DatabaseCachePoller Poller) Bus()
    {
        var hub = new CacheInvalidationHub(new DatabaseCacheTransport(_bot.Clock));
        var poller = new DatabaseCachePoller(_bot.Services.GetRequiredService<IServiceScopeFactory>(), hub, Options.Create(new ClusterOptions()), _bot.Clock, NullLogger<DatabaseCachePoller>.Instance);
        return (hub, poller);
    }
}
