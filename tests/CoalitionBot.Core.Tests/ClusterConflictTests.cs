using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Tests;

/// <summary>Instances racing for the same lease or delivery record: the loser is told no, and nothing is logged as an error, on both databases.</summary>
public abstract class ClusterConflictTests(DatabaseProvider database) : IAsyncLifetime, IDisposable
{
    private readonly LogCapture _logs = new();
    private TestBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await TestBot.StartAsync(configure: s => s.AddSingleton<ILoggerProvider>(_logs), database: database);

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
    }

    [DbFact]
    public async Task TryAcquire_RowHeldByAnother_FalseWithoutErrorLog()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");

        (await a.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeTrue();
        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeFalse();
        (await b.TryTakeExpiredAsync("job", _bot.Clock.GetUtcNow().AddMinutes(1), CancellationToken.None)).Should().BeFalse();

        (await a.ListAsync("job", CancellationToken.None)).Should().ContainSingle().Which.Holder.Should().Be(a.Holder, "the loser changed nothing");
        ErrorsAndWarnings().Should().BeEmpty();
    }

    [DbFact]
    public async Task TryAcquire_ManyInstancesAtOnce_ExactlyOneWinsWithoutErrorLog()
    {
        var instances = Enumerable.Range(0, 8).Select(i => LeasesOf("i" + i)).ToList();

        var won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryAcquireAsync("contended", TimeSpan.FromMinutes(1), CancellationToken.None))));

        won.Count(w => w).Should().Be(1);
        var holder = (await instances[0].ListAsync("contended", CancellationToken.None)).Should().ContainSingle().Subject.Holder;
        instances[Array.IndexOf(won, true)].Holder.Should().Be(holder);
        ErrorsAndWarnings().Should().BeEmpty();
    }

    [DbFact]
    public async Task TryAcquire_ExpiredRow_TakenOverKeepingOneRow()
    {
        var a = LeasesOf("a");
        var b = LeasesOf("b");
        await a.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None);
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));

        (await b.TryAcquireAsync("job", TimeSpan.FromMinutes(1), CancellationToken.None)).Should().BeTrue();

        var lease = (await a.ListAsync("job", CancellationToken.None)).Should().ContainSingle().Subject;
        lease.Holder.Should().Be(b.Holder);
        lease.TakenAt.Should().Be(_bot.Clock.GetUtcNow());
        lease.ExpiresAt.Should().Be(_bot.Clock.GetUtcNow().AddMinutes(1));
    }

    [DbFact]
    public async Task FirstSight_SeenBefore_FalseWithoutErrorLog_ExpiredTakenOver()
    {
        var a = DeliveriesOf("a");
        var b = DeliveriesOf("b");

        (await a.FirstSightAsync("slack:event:Ev1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeTrue();
        (await b.FirstSightAsync("slack:event:Ev1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeFalse();
        ErrorsAndWarnings().Should().BeEmpty();

        _bot.Clock.Advance(TimeSpan.FromMinutes(15));
        (await b.FirstSightAsync("slack:event:Ev1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeTrue("an expired record counts as unseen");
        (await a.FirstSightAsync("slack:event:Ev1", TimeSpan.FromMinutes(15), CancellationToken.None)).Should().BeFalse("b recorded it again");
        (await a.DeleteExpiredAsync(CancellationToken.None)).Should().Be(0);
    }

    [DbFact]
    public async Task FirstSight_ManyInstancesAtOnce_ExactlyOneHandlesWithoutErrorLog()
    {
        var instances = Enumerable.Range(0, 8).Select(i => DeliveriesOf("i" + i)).ToList();

        var first = await Task.WhenAll(instances.Select(d => Task.Run(() => d.FirstSightAsync("discord:interaction:7", TimeSpan.FromMinutes(15), CancellationToken.None))));

        first.Count(f => f).Should().Be(1);
        ErrorsAndWarnings().Should().BeEmpty();
    }

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    private List<string> ErrorsAndWarnings() => _logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Line).ToList();

    private Leases LeasesOf(string instance) =>
        new(_bot.Services.GetRequiredService<IServiceScopeFactory>(), Instance(instance), _bot.Clock);

    private DeliveryLog DeliveriesOf(string instance) =>
        new(_bot.Services.GetRequiredService<IServiceScopeFactory>(), Instance(instance), _bot.Clock);

    private static BotInstance Instance(string name) => new(Options.Create(new ClusterOptions { InstanceName = name }));
}

public sealed class ClusterConflictTestsOnSqlite() : ClusterConflictTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class ClusterConflictTestsOnPostgres() : ClusterConflictTests(DatabaseProvider.Postgres);
