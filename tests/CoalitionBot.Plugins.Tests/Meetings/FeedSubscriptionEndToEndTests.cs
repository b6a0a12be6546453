using CoalitionBot.Core.Persistence;
using System.Net;
using System.Text;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>Subscribe and refresh through real HTTP: a feed served on 127.0.0.1 that changes, answers 304 to its ETag, and fails with 500.</summary>
public abstract class FeedSubscriptionEndToEndTests(DatabaseProvider database) : IAsyncLifetime, IDisposable
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);
    private FeedServer _server = null!;
    private readonly LogCapture _logs = new();
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _bot = await StartAsync(allowPrivate: true, logs: _logs);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<TestBot> StartAsync(bool allowPrivate, int maxBytes = 5 * 1024 * 1024, LogCapture? logs = null) => TestBot.StartAsync(
        plugins: [],
        extraPlugins: [(new MeetingsPlugin(), new MeetingsSettings { AllowPrivateFeedHosts = allowPrivate, FeedMaxBytes = maxBytes })],
        configuration: new Dictionary<string, string?> { ["CoalitionBot:DefaultTimeZone"] = "America/Chicago" },
        configure: services =>
        {
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        }, database: database);

    private TestUser Lead => _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");

    private FeedRefresher Refresher => _bot.Services.GetRequiredService<FeedRefresher>();

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Meetings", "Feeds", name));

    private Task<List<Meeting>> MeetingsAsync(TestBot? bot = null) =>
        (bot ?? _bot).InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.AsNoTracking().OrderBy(m => m.Number).ToListAsync());

    private Task<MeetingSubscription?> SubscriptionAsync() =>
        _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Subscriptions.AsNoTracking().FirstOrDefaultAsync());

    [DbFact]
    public async Task Subscription_ChangingFilterChannelAndReminders_AppliesToItsMeetingsAtOnce()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        (await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics channel:<#C0COUNCIL|council>")).IsSuccess.Should().BeTrue();

        var narrowed = await Lead.SendAsync("/meeting subscription 1 filter:\"City Council\" channel:<#C0CITY|city> remind:2h");

        narrowed.IsSuccess.Should().BeTrue(narrowed.Text);
        narrowed.Text.Should().Contain("filter “City Council”").And.Contain("C0CITY").And.Contain("6 withdrawn");
        var meetings = await MeetingsAsync();
        meetings.Where(m => !m.Cancelled).Should().NotBeEmpty().And.OnlyContain(m => m.Title == "City Council" && m.ChannelId == "C0CITY" && m.LeadMinutes == "120");
        meetings.Where(m => m.Cancelled).Should().NotBeEmpty().And.OnlyContain(m => m.Title != "City Council");
        _server.LastIfNoneMatch.Should().BeNull("the whole feed is read again, not answered 304");

        var widened = await Lead.SendAsync("/meeting subscription 1 filter:none remind:default");

        widened.Text.Should().Contain("every meeting").And.Contain("the plugin's reminder times");
        (await MeetingsAsync()).Where(m => !m.Cancelled).Should().HaveCount(meetings.Count(m => !m.Cancelled) + meetings.Count(m => m.Cancelled))
            .And.OnlyContain(m => m.LeadMinutes == null && m.ChannelId == "C0CITY");

        var silenced = await Lead.SendAsync("/meeting subscription 1 remind:none");

        silenced.Text.Should().Contain("no reminders");
        (await MeetingsAsync()).Where(m => !m.Cancelled).Should().OnlyContain(m => m.LeadMinutes == string.Empty);
    }

    [DbFact]
    public async Task Subscription_BadOrMissingChanges_AreRefusedAndChangeNothing()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        (await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics")).IsSuccess.Should().BeTrue();
        var before = await SubscriptionAsync();

        var nothing = await Lead.SendAsync("/meeting subscription 1");
        var badRemind = await Lead.SendAsync("/meeting subscription 1 remind:soonish");
        var missing = await Lead.SendAsync("/meeting subscription 9 filter:Council");
        var member = await _bot.As(Platform.Slack, Role.Member, user: "U0ANA").SendAsync("/meeting subscription 1 filter:Council");

        nothing.Kind.Should().Be(Core.Commands.ResultKind.Invalid);
        nothing.Text.Should().Contain("filter:none");
        badRemind.Kind.Should().Be(Core.Commands.ResultKind.Invalid);
        missing.Kind.Should().Be(Core.Commands.ResultKind.NotFound);
        member.Kind.Should().Be(Core.Commands.ResultKind.Forbidden);
        (await SubscriptionAsync()).Should().BeEquivalentTo(before);
        _server.Requests.Should().Be(1);
    }

    [DbFact]
    public async Task Subscribe_WhoseImportFails_IsReadWhole_AtTheNextRefresh()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        // Reminders cannot be written, so importing the meetings fails after the subscription itself was saved.
        var refuseOutbox = await _bot.RefuseAsync("Outbox", "INSERT", "database full");

        var subscribed = await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics");

        subscribed.IsSuccess.Should().BeFalse();
        (await MeetingsAsync()).Should().BeEmpty("the meetings and their reminders land together or not at all");
        await refuseOutbox.DisposeAsync();
        _bot.Clock.Advance(TimeSpan.FromHours(3));
        await Refresher.RefreshDueAsync(CancellationToken.None);

        _server.LastIfNoneMatch.Should().BeNull("the feed's version was not kept, so it is not answered 304");
        (await MeetingsAsync()).Should().HaveCount(7);
    }

    [DbFact]
    public async Task HostedRefresher_SleepsUntilTheSubscriptionIsDue_ThenFetchesIt()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        (await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics")).IsSuccess.Should().BeTrue();
        using var service = new FeedRefreshService(Refresher, _bot.Services.GetRequiredService<FeedRefreshSignal>(), _bot.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<FeedRefreshService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // The refresh is due 2 hours after subscribing: the service must sleep through the first hour and a half...
            await AdvanceAsync(TimeSpan.FromMinutes(90), () => false);
            _server.Requests.Should().Be(1, "nothing is due yet");

            // ...and wake on its own (the clock's timer, no one calling it) once it is due.
            (await AdvanceAsync(TimeSpan.FromHours(2), () => _server.Requests == 2)).Should().BeTrue("the service fetches the feed when it is due");
            (await SubscriptionAsync())!.NextRefreshAt.Should().BeAfter(_bot.Clock.GetUtcNow());
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Moves the fake clock forward in 5-minute steps, giving the service real time to run between them, until <paramref name="done"/> or the span is used up.</summary>
    private async Task<bool> AdvanceAsync(TimeSpan span, Func<bool> done)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += TimeSpan.FromMinutes(5))
        {
            if (done())
            {
                return true;
            }

            _bot.Clock.Advance(TimeSpan.FromMinutes(5));
            for (var wait = 0; wait < 5 && !done(); wait++)
            {
                await Task.Delay(10);
            }
        }

        return done();
    }

    [DbFact]
    public async Task Subscribe_ThenRefresh_FollowsTheFeedThrough304ChangesAndErrors()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");

        var subscribed = await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ashx?M=Calendar&token=s3cret channel:<#C0COUNCIL|council>");

        subscribed.IsSuccess.Should().BeTrue(subscribed.Text);
        subscribed.Text.Should().Contain("#1 Springfield City Council").And.Contain("7 upcoming meetings in the feed, 7 imported");
        (await MeetingsAsync()).Should().HaveCount(7);
        _server.Requests.Should().Be(1);

        // Not yet due: nothing is fetched.
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        (await Refresher.RefreshDueAsync(CancellationToken.None)).Should().Be(_bot.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        _server.Requests.Should().Be(1);

        // Due, unchanged: the ETag comes back and the server answers 304.
        _bot.Clock.Advance(TimeSpan.FromHours(1));
        await Refresher.RefreshDueAsync(CancellationToken.None);
        _server.Requests.Should().Be(2);
        _server.LastIfNoneMatch.Should().Be("\"v1\"");
        _server.NotModifiedAnswers.Should().Be(1);
        (await SubscriptionAsync())!.LastError.Should().BeNull();

        // The feed changes: the council moves an hour, zoning is cancelled, parks vanishes.
        _server.Serve(Fixture("legistar-v2.ics"), "\"v2\"");
        _bot.Clock.Advance(TimeSpan.FromHours(2));
        await Refresher.RefreshDueAsync(CancellationToken.None);
        var meetings = await MeetingsAsync();
        meetings.Should().HaveCount(7, "no duplicates");
        meetings.Single(m => m.Title == "City Council").StartLocal.Should().Be(new DateTime(2026, 3, 10, 19, 0, 0));
        meetings.Where(m => m.Cancelled).Select(m => m.Title).Should().BeEquivalentTo(["Zoning Board of Appeals", "Parks and Recreation Committee"]);

        // The server breaks: nothing changes, and the error is on the subscription.
        _server.FailWith(HttpStatusCode.InternalServerError);
        _bot.Clock.Advance(TimeSpan.FromHours(2));
        await Refresher.RefreshDueAsync(CancellationToken.None);
        (await MeetingsAsync()).Should().BeEquivalentTo(meetings);
        var list = await _bot.As(Platform.Slack).SendAsync("/meeting subscriptions");
        list.Text.Should().Contain("#1 Springfield City Council").And.Contain("error: the server answered 500").And.Contain("5 meetings")
            .And.Contain(_server.Url + "feed.ashx").And.NotContain("s3cret");
        _logs.Lines.Should().Contain(l => l.Contains("the server answered 500", StringComparison.Ordinal) && l.Contains(_server.Url + "feed.ashx", StringComparison.Ordinal));
        _logs.Lines.Should().NotContain(l => l.Contains("s3cret", StringComparison.Ordinal), "feeds can carry tokens in their query");
    }

    [DbFact]
    public async Task Refresh_AfterRestart_UsesTheStoredScheduleAndSkipsFeedsNotYetDue()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics");

        // A new refresher, like a restarted process, reads the schedule from the database.
        var restarted = ActivatorUtilities.CreateInstance<FeedRefresher>(_bot.Services);
        _bot.Clock.Advance(TimeSpan.FromMinutes(90));
        var next = await restarted.RefreshDueAsync(CancellationToken.None);

        next.Should().Be((await SubscriptionAsync())!.NextRefreshAt);
        _server.Requests.Should().Be(1, "the feed is not due for another 30 minutes");
    }

    [DbFact]
    public async Task Refresh_FeedBeingImportedByAnotherInstance_IsSkipped_ThenTakenOnceItsLeaseIsFree()
    {
        _server.Serve(Fixture("legistar-v1.ics"), "\"v1\"");
        await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics");
        var id = (await SubscriptionAsync())!.Id;
        var other = new Leases(_bot.Services.GetRequiredService<IServiceScopeFactory>(),
            new BotInstance(Microsoft.Extensions.Options.Options.Create(new ClusterOptions { InstanceName = "other" })), _bot.Clock);
        _bot.Clock.Advance(TimeSpan.FromHours(2));
        (await other.TryAcquireAsync(FeedRefresher.LeaseName(id), FeedRefresher.RefreshLease, CancellationToken.None)).Should().BeTrue();

        await Refresher.RefreshDueAsync(CancellationToken.None);
        _server.Requests.Should().Be(1, "the other instance is importing this feed right now");

        await other.ReleaseAsync(FeedRefresher.LeaseName(id), keepUntil: null, CancellationToken.None);
        await Refresher.RefreshDueAsync(CancellationToken.None);
        await Refresher.RefreshDueAsync(CancellationToken.None);
        _server.Requests.Should().Be(2, "once free it is imported, and then not again until it is due");
        (await other.TryAcquireAsync(FeedRefresher.LeaseName(id), FeedRefresher.RefreshLease, CancellationToken.None)).Should().BeTrue("the refresher let its lease go");
    }

    [DbFact]
    public async Task Subscribe_FeedFails_RefusesAndSavesNothing()
    {
        _server.FailWith(HttpStatusCode.NotFound);
        var notFound = await Lead.SendAsync($"/meeting subscribe {_server.Url}missing.ics");

        _server.Serve("<html>Maintenance</html>", null);
        var notCalendar = await Lead.SendAsync($"/meeting subscribe {_server.Url}page.html");

        notFound.IsSuccess.Should().BeFalse();
        notFound.Text.Should().Contain("the server answered 404").And.Contain("Nothing was saved");
        notCalendar.Text.Should().Contain("not an iCalendar feed");
        (await SubscriptionAsync()).Should().BeNull();
        (await MeetingsAsync()).Should().BeEmpty();
    }

    [DbFact]
    public async Task Subscribe_PrivateHostByDefault_IsRefusedBeforeAnyRequest()
    {
        await using var strict = await StartAsync(allowPrivate: false);
        _server.Serve(Fixture("legistar-v1.ics"), null);

        var reply = await strict.As(Platform.Slack, Role.Lead).SendAsync($"/meeting subscribe {_server.Url}feed.ics");

        reply.IsSuccess.Should().BeFalse();
        reply.Text.Should().Contain("private or local network");
        _server.Requests.Should().Be(0);
        (await MeetingsAsync(strict)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Subscribe_FeedOverTheSizeCap_IsRefused()
    {
        await using var small = await StartAsync(allowPrivate: true, maxBytes: 2048);
        _server.Serve(Fixture("legistar-v1.ics"), null);

        var reply = await small.As(Platform.Slack, Role.Lead).SendAsync($"/meeting subscribe {_server.Url}feed.ics");

        reply.Text.Should().Contain("larger than 2 KiB");
        (await MeetingsAsync(small)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Unsubscribe_CancelsItsMeetingsAndTheirReminders()
    {
        _server.Serve(Fixture("legistar-v1.ics"), null);
        await Lead.SendAsync($"/meeting subscribe {_server.Url}feed.ics");

        var reply = await Lead.SendAsync("/meeting unsubscribe 1");

        reply.Text.Should().Contain("7 meetings from it cancelled");
        (await MeetingsAsync()).Should().OnlyContain(m => m.Cancelled);
        (await SubscriptionAsync()).Should().BeNull();
        var list = await _bot.As(Platform.Slack).SendAsync("/meeting list 60");
        list.Text.Should().Contain("No meetings");
    }


    /// <summary>A one-route HTTP server on 127.0.0.1 (a port the system picks) whose answer the test changes between requests.</summary>
    private sealed class FeedServer : IAsyncDisposable
    {
        private readonly object _gate = new();
        private WebApplication _app = null!;
        private string _body = string.Empty;
        private string? _etag;
        private HttpStatusCode? _failure;

        public string Url { get; private set; } = string.Empty;

        public int Requests { get; private set; }

        public int NotModifiedAnswers { get; private set; }

        public string? LastIfNoneMatch { get; private set; }

        public static async Task<FeedServer> StartAsync()
        {
            var server = new FeedServer();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            server._app = builder.Build();
            server._app.Run(server.AnswerAsync);
            await server._app.StartAsync();
            server.Url = server._app.Urls.Single().TrimEnd('/') + "/";
            return server;
        }

        public void Serve(string body, string? etag)
        {
            lock (_gate)
            {
                (_body, _etag, _failure) = (body, etag, null);
            }
        }

        public void FailWith(HttpStatusCode status)
        {
            lock (_gate)
            {
                _failure = status;
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private async Task AnswerAsync(HttpContext context)
        {
            string body;
            string? etag;
            HttpStatusCode? failure;
            lock (_gate)
            {
                Requests++;
                LastIfNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault();
                (body, etag, failure) = (_body, _etag, _failure);
                if (failure is null && etag is not null && LastIfNoneMatch == etag)
                {
                    NotModifiedAnswers++;
                    failure = HttpStatusCode.NotModified;
                }
            }

            var response = context.Response;
            if (failure is { } status)
            {
                response.StatusCode = (int)status;
                if (status == HttpStatusCode.NotModified)
                {
                    response.Headers.ETag = etag;
                }

                return;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentType = "text/calendar; charset=utf-8";
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes);
        }
    }
}

public sealed class FeedSubscriptionEndToEndTestsOnSqlite() : FeedSubscriptionEndToEndTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class FeedSubscriptionEndToEndTestsOnPostgres() : FeedSubscriptionEndToEndTests(DatabaseProvider.Postgres);
