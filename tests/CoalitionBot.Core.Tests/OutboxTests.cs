using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Tests;

/// <summary>A messenger that records deliveries and fails on demand.</summary>
public sealed class RecordingMessenger(Platform platform) : IMessenger
{
    private readonly Queue<SendResult> _scripted = new();
    private Exception? _throwNext;
    private readonly Dictionary<string, SendResult> _byText = new(StringComparer.Ordinal);

    public List<(TenantId Tenant, MessageTarget Target, Reply Message)> Sent { get; } = [];

    public int Calls { get; private set; }

    public Platform Platform => platform;

    public void FailNext(params SendResult[] results)
    {
        foreach (var result in results)
        {
            _scripted.Enqueue(result);
        }
    }

    /// <summary>Throws from the next send, as a messenger with a bug would.</summary>
    public void ThrowNext(Exception exception) => _throwNext = exception;

    /// <summary>Fails the next send of the message with this text, whichever order concurrent sends come in.</summary>
    public void FailOnce(string text, SendResult result)
    {
        lock (Sent)
        {
            _byText[text] = result;
        }
    }

    public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Calls++;
            if (Interlocked.Exchange(ref _throwNext, null) is { } exception)
            {
                throw exception;
            }

            if (message.Text is { } text && _byText.Remove(text, out var failure))
            {
                return Task.FromResult(failure);
            }

            if (_scripted.TryDequeue(out var scripted))
            {
                return Task.FromResult(scripted);
            }

            Sent.Add((tenant, target, message));
            return Task.FromResult(SendResult.Ok);
        }
    }
}

public abstract class OutboxTests(DatabaseProvider database) : IAsyncLifetime, IDisposable
{
    private static readonly TenantId Tenant = TestBot.DefaultTenant(Platform.Slack);
    private readonly RecordingMessenger _slack = new(Platform.Slack);
    private readonly LogCapture _logs = new();
    private TestBot _bot = null!;

    private OutboxDispatcher Dispatcher => _bot.Services.GetRequiredService<OutboxDispatcher>();

    public async Task InitializeAsync() =>
        _bot = await TestBot.StartAsync(plugins: ["help"], configure: s => s.AddSingleton<IMessenger>(_slack).AddLogging(b => b.AddProvider(_logs)), database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<bool> EnqueueAsync(string key, TimeSpan dueIn, TimeSpan? notAfter = null, string text = "Council meets soon") =>
        _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<Outbox>().EnqueueAsync(
            new OutboxItem(key, "test", MessageTarget.ToChannel(new ChannelRef("C1", "council")), new Reply { Text = text, Footer = "RSVP below" }, _bot.Clock.GetUtcNow() + dueIn)
            {
                NotAfter = notAfter is null ? null : _bot.Clock.GetUtcNow() + notAfter,
                LateNotice = "Sent late: the bot was offline.",
            },
            CancellationToken.None));

    private Task<List<OutboxMessage>> RowsAsync() =>
        _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().ToListAsync());

    [DbFact]
    public async Task RunOnce_BeforeDue_SendsNothingAndReportsWhenNext()
    {
        await EnqueueAsync("k1", TimeSpan.FromHours(1));

        var next = await Dispatcher.RunOnceAsync(CancellationToken.None);

        _slack.Sent.Should().BeEmpty();
        next.Should().Be(_bot.Clock.GetUtcNow() + TimeSpan.FromHours(1));
    }

    [DbFact]
    public async Task RunOnce_AtDue_SendsOnceToTheTarget()
    {
        await EnqueueAsync("k1", TimeSpan.FromHours(1));
        _bot.Clock.Advance(TimeSpan.FromHours(1));

        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var next = await Dispatcher.RunOnceAsync(CancellationToken.None);

        _slack.Sent.Should().ContainSingle();
        _slack.Sent[0].Tenant.Should().Be(Tenant);
        _slack.Sent[0].Target.Channel!.Id.Should().Be("C1");
        _slack.Sent[0].Target.IdempotencyKey.Should().HaveLength(25);
        _slack.Sent[0].Message.Text.Should().Be("Council meets soon");
        _slack.Sent[0].Message.Footer.Should().Be("RSVP below");
        next.Should().BeNull();
        (await RowsAsync()).Single().Status.Should().Be(OutboxStatus.Sent);
    }

    [DbFact]
    public async Task Enqueue_SameKeyTwice_KeepsOneRowWithTheNewText()
    {
        (await EnqueueAsync("k1", TimeSpan.Zero, text: "first")).Should().BeTrue();
        (await EnqueueAsync("k1", TimeSpan.Zero, text: "second")).Should().BeFalse();

        await Dispatcher.RunOnceAsync(CancellationToken.None);

        _slack.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("second");
    }

    [DbFact]
    public async Task Enqueue_KeyAlreadySent_IsNotSentAgain()
    {
        await EnqueueAsync("k1", TimeSpan.Zero);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        (await EnqueueAsync("k1", TimeSpan.Zero)).Should().BeFalse();
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        _slack.Sent.Should().ContainSingle();
    }

    [DbFact]
    public async Task RunOnce_MessengerThrows_ExceptionLoggedAndMessageRetried()
    {
        _slack.ThrowNext(new InvalidOperationException("messenger on fire"));
        await EnqueueAsync("k1", TimeSpan.Zero);

        await Dispatcher.RunOnceAsync(CancellationToken.None);

        _logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Line.Contains("the messenger threw", StringComparison.Ordinal)
            && e.Line.Contains("System.InvalidOperationException: messenger on fire", StringComparison.Ordinal) && e.Line.Contains(" at ", StringComparison.Ordinal));
        var row = (await RowsAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Pending);
        row.LastError.Should().Contain("messenger on fire");
    }

    [DbFact]
    public async Task RunOnce_TransientFailures_RetriesWithBackoffAndRetryAfter()
    {
        _slack.FailNext(SendResult.Failed("ratelimited", retryable: true, TimeSpan.FromMinutes(3)), SendResult.Failed("timeout", retryable: true));
        await EnqueueAsync("k1", TimeSpan.Zero);

        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var afterFirst = (await RowsAsync()).Single();
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var stillWaiting = _slack.Calls;
        _bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        _bot.Clock.Advance(TimeSpan.FromMinutes(2));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        afterFirst.NextAttemptAt.Should().BeOnOrAfter(_bot.Clock.GetUtcNow() - TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        afterFirst.LastError.Should().Be("ratelimited");
        stillWaiting.Should().Be(1);
        _slack.Sent.Should().ContainSingle();
        (await RowsAsync()).Single().Attempts.Should().Be(3);
    }

    [DbFact]
    public async Task RunOnce_RateLimitedWithAShortRetryAfter_TriesAgainThenNotAfterTheBackoff()
    {
        // A channel's one-message-a-second limit: the platform says when, and the message must not wait the 30 s backoff.
        _slack.FailNext(SendResult.Failed("ratelimited", retryable: true, TimeSpan.FromSeconds(1)));
        await EnqueueAsync("k1", TimeSpan.Zero);

        var next = await Dispatcher.RunOnceAsync(CancellationToken.None);
        _bot.Clock.Advance(TimeSpan.FromSeconds(1));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        next.Should().Be(_bot.Clock.GetUtcNow());
        _slack.Sent.Should().ContainSingle();
        (await RowsAsync()).Single().Should().Match<OutboxMessage>(r => r.Status == OutboxStatus.Sent && r.Attempts == 2);
    }

    [DbFact]
    public async Task RunOnce_PermanentFailure_ParksAsFailedForAdmins_AndRetryRequeues()
    {
        _slack.FailNext(SendResult.Failed("channel_not_found", retryable: false));
        await EnqueueAsync("k1", TimeSpan.Zero);

        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var failed = await _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<Outbox>().FailedAsync(10, CancellationToken.None));
        var requeued = await _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<Outbox>().RetryAsync(failed[0].Id, CancellationToken.None));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        failed.Should().ContainSingle().Which.LastError.Should().Be("channel_not_found");
        requeued.Should().BeTrue();
        _slack.Sent.Should().ContainSingle();
    }

    [DbFact]
    public async Task RunOnce_TooManyAttempts_GivesUp()
    {
        _slack.FailNext(Enumerable.Repeat(SendResult.Failed("boom", retryable: true), 8).ToArray());
        await EnqueueAsync("k1", TimeSpan.Zero);

        for (var i = 0; i < 12; i++)
        {
            await Dispatcher.RunOnceAsync(CancellationToken.None);
            _bot.Clock.Advance(TimeSpan.FromHours(1.5));
        }

        var row = (await RowsAsync()).Single();
        row.Status.Should().Be(OutboxStatus.Failed);
        row.Attempts.Should().Be(8);
        _slack.Calls.Should().Be(8);
    }

    [DbFact]
    public async Task RunOnce_AfterDowntime_SendsLateWithNotice_ButSkipsWhatIsPointless()
    {
        await EnqueueAsync("still-useful", TimeSpan.Zero, notAfter: TimeSpan.FromHours(2));
        await EnqueueAsync("too-late", TimeSpan.Zero, notAfter: TimeSpan.FromMinutes(30));
        _bot.Clock.Advance(TimeSpan.FromHours(1));

        await Dispatcher.RunOnceAsync(CancellationToken.None);

        _slack.Sent.Should().ContainSingle().Which.Message.Footer.Should().Be("RSVP below\nSent late: the bot was offline.");
        var rows = await RowsAsync();
        rows.Single(r => r.DedupKey == "still-useful").SentLate.Should().BeTrue();
        rows.Single(r => r.DedupKey == "too-late").Status.Should().Be(OutboxStatus.Skipped);
    }

    [DbFact]
    public async Task Cancel_ByPrefix_WithdrawsOnlyThoseMessages()
    {
        await EnqueueAsync("meeting:1:a", TimeSpan.FromMinutes(5));
        await EnqueueAsync("meeting:1:b", TimeSpan.FromMinutes(5));
        await EnqueueAsync("meeting:2:a", TimeSpan.FromMinutes(5));

        var cancelled = await _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<Outbox>().CancelAsync("meeting:1:", CancellationToken.None));
        _bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        cancelled.Should().Be(2);
        _slack.Sent.Should().ContainSingle();
    }

    [DbFact]
    public async Task RunOnce_RowLeasedByACrashedDispatcher_IsTakenAfterTheLease()
    {
        await EnqueueAsync("k1", TimeSpan.Zero);
        await _bot.InTenantAsync(Tenant, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "crashed").SetProperty(m => m.LeaseUntil, _bot.Clock.GetUtcNow() + TimeSpan.FromMinutes(2))));

        var next = await Dispatcher.RunOnceAsync(CancellationToken.None);
        var before = _slack.Sent.Count;
        _bot.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        before.Should().Be(0);
        next.Should().Be(_bot.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        _slack.Sent.Should().ContainSingle();
    }

    [DbFact]
    public async Task RunOnce_NoMessengerForThePlatform_FailsWithAClearReason()
    {
        await _bot.InTenantAsync(TestBot.DefaultTenant(Platform.Discord), sp => sp.GetRequiredService<Outbox>().EnqueueAsync(
            new OutboxItem("d1", "test", MessageTarget.ToChannel(new ChannelRef("1")), new Reply { Text = "x" }, _bot.Clock.GetUtcNow()), CancellationToken.None));

        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var row = await _bot.InTenantAsync(TestBot.DefaultTenant(Platform.Discord), sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.SingleAsync());
        row.Status.Should().Be(OutboxStatus.Failed);
        row.LastError.Should().Be("core.delivery.no-adapter {\"platform\":\"Discord\"}", "the reason is kept as a key, to be read in each admin's language");
        StoredText.In(row.LastError!, CoreLanguages.For("en")).Should().Be("no Discord adapter is configured");
        StoredText.In(row.LastError!, CoreLanguages.For("es")).Should().Be("no hay ningún adaptador de Discord configurado");
    }

    [DbFact]
    public async Task Hosted_SleepsUntilDue_AndWakesWhenSomethingIsEnqueued()
    {
        using var stop = new CancellationTokenSource();
        await Dispatcher.StartAsync(stop.Token);
        try
        {
            await EnqueueAsync("soon", TimeSpan.FromMinutes(10));
            await EnqueueAsync("now", TimeSpan.Zero);
            await WaitUntilAsync(() => _slack.Sent.Count == 1);
            _slack.Sent.Should().ContainSingle();

            _bot.Clock.Advance(TimeSpan.FromMinutes(10));
            await WaitUntilAsync(() => _slack.Sent.Count == 2);
        }
        finally
        {
            await stop.CancelAsync();
            await Dispatcher.StopAsync(CancellationToken.None);
        }

        _slack.Sent.Select(s => s.Message.Text).Should().HaveCount(2);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The dispatcher did not deliver in time.");
            }

            await Task.Delay(20);
        }
    }
}

public abstract class OutboxPrivacyTests(DatabaseProvider database)
{
    [DbFact]
    public async Task Erase_Person_RemovesDirectMessagesToThem_AndLeavesChannelMessages()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help"], database: database);
        var tenant = TestBot.DefaultTenant(Platform.Slack);
        await bot.InTenantAsync(tenant, async sp =>
        {
            var outbox = sp.GetRequiredService<Outbox>();
            await outbox.EnqueueAsync(new OutboxItem("dm:1", "test", MessageTarget.ToUser(new UserRef("U0ANA", "ana")), new Reply { Text = "Task due" }, bot.Clock.GetUtcNow()), CancellationToken.None);
            return await outbox.EnqueueAsync(new OutboxItem("ch:1", "test", MessageTarget.ToChannel(new ChannelRef("C1")), new Reply { Text = "Council" }, bot.Clock.GetUtcNow()), CancellationToken.None);
        });

        var seen = await bot.InTenantAsync(tenant, sp => sp.GetRequiredService<CoalitionBot.Core.Privacy.PersonalDataService>().FindAsync(new UserRef("U0ANA", "ana"), System.Globalization.CultureInfo.InvariantCulture, CancellationToken.None));
        var erased = await bot.InTenantAsync(tenant, sp => sp.GetRequiredService<CoalitionBot.Core.Privacy.PersonalDataService>().EraseAsync(new UserRef("U0ANA", "ana"), CancellationToken.None));
        var left = await bot.InTenantAsync(tenant, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.Select(m => m.DedupKey).ToListAsync());

        seen.Should().Contain(i => i.Description.Contains("1 message the bot", StringComparison.Ordinal));
        erased.Erased.Should().Be(1);
        left.Should().Equal("ch:1");
    }
}

public sealed class OutboxTestsOnSqlite() : OutboxTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class OutboxTestsOnPostgres() : OutboxTests(DatabaseProvider.Postgres);

public sealed class OutboxPrivacyTestsOnSqlite() : OutboxPrivacyTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class OutboxPrivacyTestsOnPostgres() : OutboxPrivacyTests(DatabaseProvider.Postgres);

public class OutboxPayloadTests
{
    [Fact]
    public void ReadPayload_ReplyWithImage_KeepsBytesNameAltTextAndLanguage()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 255, 7 };
        var reply = new Reply { Text = "The map", Attachments = [new ReplyAttachment(png, "map.png", "Spectrum of allies", "es")] };

        var read = Outbox.ReadPayload(System.Text.Json.JsonSerializer.Serialize(reply, Outbox.Json))!;

        var image = read.Attachments.Should().ContainSingle().Subject;
        image.Content.Should().Equal(png);
        image.FileName.Should().Be("map.png");
        image.AltText.Should().Be("Spectrum of allies");
        image.NotSentNotice(CoreLanguages.Catalogs).Should().StartWith("(No se pudo enviar la imagen");
    }
}
