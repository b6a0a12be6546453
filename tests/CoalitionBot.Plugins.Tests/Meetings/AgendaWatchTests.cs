using System.Text.Json;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Plugins.Tasks;
using CoalitionBot.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>Agenda watch conversations against a fake Legistar server on 127.0.0.1 serving captured shapes: import and reminders, agendas published
/// later, matching items in English and Spanish, updated and removed items, moved and cancelled meetings, unknown clients, errors, slow and malformed
/// answers, tokens, and a restart in the middle.</summary>
public sealed class AgendaWatchTests : IAsyncLifetime, IDisposable
{
    private const int CouncilId = 1;
    private const int PublicSafetyId = 17;
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);

    // Friday 4 December 2026, 9:00 in New York: the council meets Tuesday 8 December at 9:30 AM, "in 4 days".
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTime CouncilDay = new(2026, 12, 8, 9, 30, 0);

    private readonly LegistarServer _server = new();
    private readonly LogCapture _logs = new();
    private TestBot _bot = null!;
    private FakeClient _nyc = null!;

    public async Task InitializeAsync()
    {
        _nyc = _server.Client("nyc");
        _bot = await StartAsync(allowPrivate: true);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public void Dispose() => _server.Dispose();

    // A generous limit: the machine is shared, and only the hung-server test waits for it (with its own short one).
    private Task<TestBot> StartAsync(bool allowPrivate, int timeoutSeconds = 30) => TestBot.StartAsync(
        clock: new FakeTimeProvider(Now),
        plugins: ["tasks", "tp"],
        extraPlugins: [(new MeetingsPlugin(), new MeetingsSettings
        {
            AllowPrivateFeedHosts = allowPrivate,
            LegistarBaseUrl = _server.Url,
            FeedTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            DefaultReminders = "1d,2h",
        })],
        configuration: new Dictionary<string, string?> { ["CoalitionBot:DefaultTimeZone"] = "America/New_York" },
        configure: services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });

    private TestUser Lead => _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");

    private AgendaWatchRunner Runner => _bot.Services.GetRequiredService<AgendaWatchRunner>();

    private Task<T> InSlackAsync<T>(Func<IServiceProvider, Task<T>> action) => _bot.InTenantAsync(Slack, action);

    private Task<List<Meeting>> MeetingsAsync() =>
        InSlackAsync(sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.AsNoTracking().OrderBy(m => m.Number).ToListAsync());

    private Task<AgendaWatch> WatchAsync() =>
        InSlackAsync(sp => sp.GetRequiredService<MeetingsDbContext>().Watches.AsNoTracking().SingleAsync());

    private Task<List<OutboxMessage>> OutboxAsync() =>
        InSlackAsync(sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>The agenda alerts queued so far, as they will be posted.</summary>
    private async Task<List<Reply>> AlertsAsync() =>
        (await OutboxAsync()).Where(m => m.DedupKey.StartsWith("agenda:", StringComparison.Ordinal))
            .Select(m => Payload(m)).ToList();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Reply Payload(OutboxMessage message) => JsonSerializer.Deserialize<Reply>(message.Payload, Web)!;

    private static string Text(Reply reply) => Adapters.Console.ConsoleRenderer.Render(reply);

    /// <summary>Lets the watch come due and runs the runner once, as the hosted service would.</summary>
    private async Task CheckLaterAsync(TimeSpan? after = null)
    {
        _bot.Clock.Advance(after ?? TimeSpan.FromMinutes(31));
        await Runner.CheckDueAsync(CancellationToken.None);
    }

    private JsonObject Council(long id = 22131, DateTime? at = null, string status = "Final", bool published = true) =>
        _nyc.AddEvent(id, CouncilId, "City Council", at ?? CouncilDay, status, published);

    [Fact]
    public async Task Watch_ImportsTheBodysMeetingsWithTheirAgendaLinkAndPlansReminders()
    {
        var council = Council();
        _nyc.AddEvent(22140, PublicSafetyId, "Committee on Public Safety", new DateTime(2026, 12, 10, 13, 0, 0));
        _nyc.AddItem(22131, 9001, "Oversight - Parks Department Budget");

        var reply = await Lead.SendAsync("/meeting watch nyc body:\"city council\" channel:<#C0COUNCIL|council>");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain("Watching #1 nyc").And.Contain("City Council").And.Contain("default keywords").And.Contain("1 upcoming meeting imported").And.Contain("0 alerts");
        var meeting = (await MeetingsAsync()).Should().ContainSingle().Subject;
        meeting.Title.Should().Be("City Council");
        meeting.StartLocal.Should().Be(CouncilDay);
        meeting.TimeZone.Should().Be("America/New_York");
        meeting.Location.Should().Be("Council Chambers - City Hall");
        meeting.Agenda.Should().Be((string?)council["EventAgendaFile"]);
        meeting.ChannelId.Should().Be("C0COUNCIL");
        _server.Requests.Should().Contain(r => r.StartsWith("nyc/events?$filter=EventDate ge datetime'2026-12-03' and EventDate lt datetime'2027-03-04' and (EventBodyId eq 1)", StringComparison.Ordinal));

        var reminders = (await OutboxAsync()).Where(m => m.DedupKey.StartsWith("meeting:", StringComparison.Ordinal)).ToList();
        reminders.Select(r => r.DueAt).Should().BeEquivalentTo([new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 12, 30, 0, TimeSpan.Zero)]);
        reminders.Should().OnlyContain(r => Text(Payload(r)).Contains((string)council["EventAgendaFile"]!, StringComparison.Ordinal), "the agenda link is in the reminders");

        var card = await Lead.SendAsync($"/meeting show {meeting.Number}");
        card.Text.Should().Contain("_A_Agenda.pdf").And.Contain("Tuesday, December 8, 9:30 AM").And.Contain("4 days");
        var edit = await Lead.SendAsync($"/meeting edit {meeting.Number} where:Elsewhere");
        edit.Kind.Should().Be(ResultKind.Invalid);
        edit.Text.Should().Contain("Legistar agenda watch #1 nyc");

        // Checking again with nothing changed: only what changed is asked for, and nothing is duplicated.
        await CheckLaterAsync();
        _server.Requests.Last(r => r.StartsWith("nyc/events", StringComparison.Ordinal)).Should().Contain("EventLastModifiedUtc gt datetime'");
        (await MeetingsAsync()).Should().ContainSingle();
        (await WatchAsync()).LastError.Should().BeNull();
    }

    [Fact]
    public async Task Watch_AgendaPublishedLater_AlertsEachMatchingItemOnce_InEnglish()
    {
        var council = Council(published: false, status: "Draft");
        (await Lead.SendAsync("/meeting watch nyc body:\"City Council|public safety\" channel:<#C0COUNCIL|council>")).IsSuccess.Should().BeTrue();
        _server.Requests.Should().NotContain(r => r.Contains("eventitems", StringComparison.Ordinal), "a draft agenda is not read");

        _nyc.Publish(council);
        _nyc.AddItem(22131, 9001, "Oversight - Parks Department Budget", "T2026-0101");
        _nyc.AddItem(22131, 9002, "Resolution calling on the Sheriff to end the 287(g) agreement and stop honoring ICE detainers", "Res 0123-2026", "Ending 287(g) and detainers", 31877);
        _nyc.AddItem(22131, 9003, "Police overtime report", "M 0042");
        await CheckLaterAsync();

        var alert = (await AlertsAsync()).Should().ContainSingle().Subject;
        alert.Title.Should().Be("On the agenda: City Council");
        alert.Text.Should().Contain("**287\\(g\\)**", "the first watched word in the title is highlighted").And.Contain("honoring ICE detainers");
        Text(alert).Should().Contain("Res 0123-2026").And.Contain("Tuesday, December 8, 9:30 AM").And.Contain("in 4 days").And.Contain("mentions 287(g)")
            .And.Contain("https://nyc.legistar.com/LegislationDetail.aspx?ID=31877");
        alert.Buttons.Select(b => b.Label).Should().Equal("Create task", "Talking points");
        (await OutboxAsync()).Single(m => m.DedupKey.StartsWith("agenda:", StringComparison.Ordinal)).ChannelId.Should().Be("C0COUNCIL");

        // Nothing changed: no second alert.
        FakeClient.Touch(council);
        await CheckLaterAsync();
        (await AlertsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Watch_SpanishCoalition_MatchesSpanishWordsIgnoringAccents_AndAlertsInSpanish()
    {
        await InSlackAsync(async sp =>
        {
            var core = sp.GetRequiredService<CoalitionBotDbContext>();
            core.TenantSettings.Add(new TenantSettings { Language = "es", RemindersChannelId = "C0AVISOS" });
            return await core.SaveChangesAsync();
        });
        Council();
        _nyc.AddItem(22131, 9004, "Resolución sobre la protección de los INMIGRANTES y la ciudad santuario", "Res 0777-2026");
        _nyc.AddItem(22131, 9005, "Informe sobre inmigracion", "M 0778");

        var reply = await _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD", locale: "es").SendAsync("/meeting watch nyc body:\"City Council\"");

        reply.Text.Should().Contain("Vigilando #1 nyc").And.Contain("2 alertas publicadas");
        (await WatchAsync()).ChannelId.Should().Be("C0AVISOS", "a watch without a channel uses the coalition's reminders channel");
        var alerts = await AlertsAsync();
        alerts.Should().HaveCount(2).And.OnlyContain(a => a.Title == "En la agenda: City Council");
        alerts[0].Text.Should().Contain("**INMIGRANTES**");
        alerts[1].Text.Should().Contain("**inmigracion**", "“inmigración” in the list matches without its accent");
        Text(alerts[0]).Should().Contain("martes 8 de diciembre").And.Contain("contiene inmigrantes");
        alerts[0].Buttons.Select(b => b.Label).Should().Equal("Crear tarea", "Puntos clave");
    }

    [Fact]
    public async Task Watch_ItemRetitledGetsAttachmentOrIsRemoved_AlertsUpdatedThenRemoved()
    {
        var council = Council();
        var item = _nyc.AddItem(22131, 9002, "Resolution on ICE detainers", "Res 0123-2026");
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        (await AlertsAsync()).Should().HaveCount(1);

        item["EventItemTitle"] = "Resolution on ICE detainers, as amended";
        FakeClient.Touch(council);
        await CheckLaterAsync();

        item["EventItemMatterAttachments"] = LegistarServer.Fixture("sanjose-eventitems-1080.json")
            .Select(i => i!["EventItemMatterAttachments"]!.AsArray()).First(a => a.Count > 0).DeepClone();
        FakeClient.Touch(council);
        await CheckLaterAsync();

        _nyc.Items[22131].Clear();
        FakeClient.Touch(council);
        await CheckLaterAsync();

        var alerts = await AlertsAsync();
        alerts.Select(a => a.Title).Should().Equal("On the agenda: City Council", "Agenda item updated: City Council", "Agenda item updated: City Council", "Removed from the agenda: City Council");
        alerts[1].Text.Should().Contain("as amended");
        alerts[3].Text.Should().Contain("no longer on the agenda");
        alerts[3].Buttons.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_MeetingMovedThenCancelled_FollowsWithReminders()
    {
        var council = Council();
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");

        _nyc.Move(council, new DateTime(2026, 12, 9, 13, 0, 0));
        await CheckLaterAsync();

        var moved = (await MeetingsAsync()).Should().ContainSingle().Subject;
        moved.StartLocal.Should().Be(new DateTime(2026, 12, 9, 13, 0, 0));
        var pending = (await OutboxAsync()).Where(m => m.DedupKey.StartsWith("meeting:", StringComparison.Ordinal) && m.Status == OutboxStatus.Pending).ToList();
        pending.Select(m => m.DueAt).Should().BeEquivalentTo([new DateTimeOffset(2026, 12, 8, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 9, 16, 0, 0, TimeSpan.Zero)]);

        council["EventAgendaStatusName"] = "Deferred";
        FakeClient.Touch(council);
        await CheckLaterAsync();

        (await MeetingsAsync()).Single().Cancelled.Should().BeTrue();
        (await OutboxAsync()).Where(m => m.DedupKey.StartsWith("meeting:", StringComparison.Ordinal)).Should().OnlyContain(m => m.Status == OutboxStatus.Cancelled);
    }

    [Fact]
    public async Task Watch_MeetingDeletedFromLegistar_IsCancelledAtTheNextWholeRead()
    {
        Council();
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        _nyc.Events.Clear();

        await CheckLaterAsync();
        (await MeetingsAsync()).Single().Cancelled.Should().BeFalse("a read of only what changed cannot see a deletion");

        await CheckLaterAsync(AgendaWatcher.FullReadEvery);
        (await MeetingsAsync()).Single().Cancelled.Should().BeTrue();
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("gone")]
    public async Task Watch_UnknownClient_IsRefusedAndSavesNothing(string client)
    {
        if (client == "gone")
        {
            _server.Break("gone/", 404, "{\"Message\":\"No HTTP resource was found\"}");
        }

        var reply = await Lead.SendAsync($"/meeting watch {client}");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain($"there is no Legistar client named “{client}”").And.Contain("Nothing was saved");
        (await InSlackAsync(sp => sp.GetRequiredService<MeetingsDbContext>().Watches.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Watch_BodyNotFoundOrAmbiguous_SaysWhichBodiesThereAre()
    {
        var unknown = await Lead.SendAsync("/meeting watch nyc body:\"Zoning Board\"");
        var ambiguous = await Lead.SendAsync("/meeting watch nyc body:Committee");

        unknown.Text.Should().Contain("No body is named “Zoning Board”");
        ambiguous.Text.Should().Contain("fits several bodies").And.Contain("Committee on Aging").And.Contain("Give the full name");
        (await InSlackAsync(sp => sp.GetRequiredService<MeetingsDbContext>().Watches.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Check_ServerError_ChangesNothing_IsShownAndLogged_AndBacksOff()
    {
        Council();
        _nyc.Token = "s3cret";
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council> token:s3cret");
        var before = await MeetingsAsync();

        _server.Break("nyc/events", 500, "{\"Message\":\"An error has occurred.\"}");
        await CheckLaterAsync();
        var failed = await WatchAsync();
        failed.NextCheckAt.Should().Be(_bot.Clock.GetUtcNow() + AgendaWatcher.FirstRetry);
        await CheckLaterAsync(AgendaWatcher.FirstRetry);
        (await WatchAsync()).NextCheckAt.Should().Be(_bot.Clock.GetUtcNow() + (2 * AgendaWatcher.FirstRetry), "each failure in a row doubles the wait");

        (await MeetingsAsync()).Should().BeEquivalentTo(before);
        var list = await _bot.As(Platform.Slack).SendAsync("/meeting watches");
        list.Text.Should().Contain("#1 nyc").And.Contain("error: the server answered 500").And.Contain("token saved (encrypted)").And.NotContain("s3cret");
        _logs.Lines.Should().Contain(l => l.Contains("the server answered 500", StringComparison.Ordinal) && l.Contains("nyc", StringComparison.Ordinal));
        _logs.Lines.Should().NotContain(l => l.Contains("s3cret", StringComparison.Ordinal));

        _server.Heal();
        await CheckLaterAsync(TimeSpan.FromMinutes(11));
        var healed = await WatchAsync();
        healed.LastError.Should().BeNull();
        healed.Failures.Should().Be(0);
        healed.NextCheckAt.Should().Be(_bot.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Check_MalformedOrSlowAnswer_ChangesNothingAndSaysWhy()
    {
        await _bot.DisposeAsync();
        _bot = await StartAsync(allowPrivate: true, timeoutSeconds: 2);
        var council = Council();
        _nyc.AddItem(22131, 9002, "Resolution on ICE detainers", "Res 0123-2026");
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        var before = await MeetingsAsync();

        _nyc.Move(council, new DateTime(2026, 12, 9, 13, 0, 0));
        _server.Break("eventitems", 200, "[{\"EventItemId\": \"not a number\"");
        await CheckLaterAsync();
        (await WatchAsync()).LastError.Should().Be("meetings.legistar.not-json {\"path\":\"$[0].EventItemId\"}", "the reason is kept as a key, to be read in each reader's language");
        (await MeetingsAsync()).Should().BeEquivalentTo(before, "the move waits until the whole answer can be read");

        _server.Heal();
        _server.HangUp();
        await CheckLaterAsync(TimeSpan.FromMinutes(6));
        (await WatchAsync()).LastError.Should().Be("meetings.fetch.timeout {\"seconds\":\"2\"}");
        (await MeetingsAsync()).Should().BeEquivalentTo(before);
        (await AlertsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Watch_ClientNeedingAToken_RefusesWithout_StoresItEncrypted_NeverShowsIt()
    {
        _nyc.Token = "s3cret";
        Council();

        var without = await Lead.SendAsync("/meeting watch nyc");
        var with = await Lead.SendAsync("/meeting watch nyc token:s3cret");

        without.Text.Should().Contain("needs a token");
        with.IsSuccess.Should().BeTrue(with.Text);
        with.Reply.Ephemeral.Should().BeTrue();
        with.Text.Should().NotContain("s3cret").And.Contain("token saved (encrypted)");
        var stored = await WatchAsync();
        stored.ProtectedToken.Should().NotBeNull().And.NotContain("s3cret");
        _server.Requests.Should().Contain(r => r.Contains("token=s3cret", StringComparison.Ordinal));

        var wrong = await Lead.SendAsync("/meeting watch edit 1 token:wrong body:\"City Council\"");
        wrong.Text.Should().Contain("refused the token").And.NotContain("wrong");
    }

    [Fact]
    public async Task Runner_InstanceDiesMidCheck_AnotherTakesItAfterTheLease_AndAlertsOnce()
    {
        var council = Council(published: false, status: "Draft");
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        _nyc.Publish(council);
        _nyc.AddItem(22131, 9002, "Resolution on ICE detainers", "Res 0123-2026");
        _bot.Clock.Advance(TimeSpan.FromMinutes(31));

        // Instance A claims the watch and dies before checking it.
        var dead = ActivatorUtilities.CreateInstance<AgendaWatchRunner>(_bot.Services);
        (await InSlackAsync(sp => dead.ClaimAsync(sp.GetRequiredService<MeetingsDbContext>(), 1, CancellationToken.None))).Should().BeTrue();

        // Instance B (a restarted process) leaves it alone while the lease holds...
        var restarted = ActivatorUtilities.CreateInstance<AgendaWatchRunner>(_bot.Services);
        var next = await restarted.CheckDueAsync(CancellationToken.None);
        next.Should().Be(_bot.Clock.GetUtcNow() + AgendaWatchRunner.Lease);
        (await AlertsAsync()).Should().BeEmpty();

        // ...and checks it once the lease has run out. The database refuses the alerts the first time (a crash mid-check): nothing is half done.
        await using (await _bot.RefuseAsync("Outbox", "INSERT", "disk full"))
        {
            _bot.Clock.Advance(AgendaWatchRunner.Lease + TimeSpan.FromSeconds(1));
            await restarted.CheckDueAsync(CancellationToken.None);
            (await AlertsAsync()).Should().BeEmpty();
            (await InSlackAsync(sp => sp.GetRequiredService<MeetingsDbContext>().WatchItems.CountAsync())).Should().Be(0);
        }

        _bot.Clock.Advance(AgendaWatchRunner.Lease + TimeSpan.FromSeconds(1));
        await restarted.CheckDueAsync(CancellationToken.None);
        await CheckLaterAsync();
        (await AlertsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task AlertButtons_CreateAnUnassignedTaskDueBeforeTheMeeting_AndShowCouncilTalkingPoints()
    {
        Council();
        _nyc.AddItem(22131, 9002, "Resolution to end the 287(g) agreement", "Res 0123-2026");
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        var alert = (await AlertsAsync()).Single();
        var member = _bot.As(Platform.Slack, Role.Member, user: "U0ANA");

        var task = await member.PressAsync(alert.Buttons[0]);
        var points = await member.PressAsync(alert.Buttons[1]);

        task.IsSuccess.Should().BeTrue(task.Text);
        task.Text.Should().Contain("Sign up for public comment on Res 0123-2026").And.Contain("/task reassign 1 @someone").And.Contain("Monday, December 7, 9:30 AM");
        var created = await InSlackAsync(sp => sp.GetRequiredService<TasksDbContext>().Tasks.AsNoTracking().SingleAsync());
        created.AssigneeId.Should().BeNull();
        created.DueAt.Should().Be(new DateTimeOffset(2026, 12, 7, 14, 30, 0, TimeSpan.Zero));
        points.IsSuccess.Should().BeTrue(points.Text);
        points.Text.Should().Contain("for the council").And.Contain("287");
    }

    [Fact]
    public async Task WatchMatter_PostsWhenScheduled_StatusChanges_AndVotesArePublished()
    {
        var sanjose = _server.Client("sanjose");
        var matter = LegistarServer.FixtureObject("sanjose-matter-2025.json");
        matter["MatterAgendaDate"] = null;
        sanjose.Matters.Add(matter);
        var history = LegistarServer.Fixture("sanjose-matter-2025-histories.json")[0]!.AsObject();
        var file = (string)matter["MatterFile"]!;

        var reply = await Lead.SendAsync($"/meeting watch matter sanjose {file} channel:<#C0COUNCIL|council>");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain($"Following #1 {file}").And.Contain((string)matter["MatterStatusName"]!);
        (await OutboxAsync()).Should().BeEmpty("following starts from what is there now");

        matter["MatterAgendaDate"] = "2026-12-15T00:00:00";
        await CheckLaterAsync();
        matter["MatterStatusName"] = "Failed";
        history["MatterHistoryId"] = 99001;
        history["MatterHistoryTally"] = "8-0";
        history["MatterHistoryPassedFlagName"] = "Pass";
        sanjose.Histories[(long)matter["MatterId"]!] = [history];
        await CheckLaterAsync();
        await CheckLaterAsync();

        var posted = (await OutboxAsync()).Select(m => Text(Payload(m))).ToList();
        posted.Should().HaveCount(3);
        posted[0].Should().Contain("On the agenda for Tue, Dec 15, 2026");
        posted[1].Should().Contain("→ Failed");
        posted[2].Should().Contain("8-0").And.Contain("Adopted (Pass)");
    }

    [Fact]
    public async Task Unwatch_CancelsItsMeetingsRemindersAndPendingAlerts()
    {
        Council();
        _nyc.AddItem(22131, 9002, "Resolution on ICE detainers", "Res 0123-2026");
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");

        var reply = await Lead.SendAsync("/meeting unwatch 1");

        reply.Text.Should().Contain("1 meeting from it cancelled").And.Contain("3 pending messages withdrawn");
        (await MeetingsAsync()).Should().OnlyContain(m => m.Cancelled);
        (await OutboxAsync()).Should().OnlyContain(m => m.Status == OutboxStatus.Cancelled);
        (await _bot.As(Platform.Slack).SendAsync("/meeting watches")).Text.Should().Contain("No agenda watches");
    }

    [Fact]
    public async Task HostedService_SleepsUntilTheWatchIsDue_ThenChecksIt()
    {
        Council();
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");
        int EventReads() => _server.Requests.Count(r => r.StartsWith("nyc/events?", StringComparison.Ordinal));
        using var service = new AgendaWatchService(Runner, _bot.Services.GetRequiredService<AgendaWatchSignal>(), _bot.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AgendaWatchService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // Due 30 minutes after the first check: nothing happens for the first 25...
            for (var i = 0; i < 5; i++)
            {
                _bot.Clock.Advance(TimeSpan.FromMinutes(5));
                await Task.Delay(20);
            }

            EventReads().Should().Be(1);

            // ...and the service wakes on its own timer once it is due.
            _bot.Clock.Advance(TimeSpan.FromMinutes(6));
            // Polls for the background check's result (the machine may be busy); it never advances time.
            for (var wait = 0; wait < 600 && EventReads() < 2; wait++)
            {
                await Task.Delay(50);
            }

            EventReads().Should().Be(2);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Erasure_RemovesTheLeadsNameFromWatches_AndTheWatchStays()
    {
        await Lead.SendAsync("/meeting watch nyc body:\"City Council\" channel:<#C0COUNCIL|council>");

        var found = await InSlackAsync(sp => sp.GetServices<Core.Privacy.IPersonalDataProvider>().OfType<MeetingsPersonalData>().Single().FindAsync(new UserRef("U0LEAD", "U0LEAD"), System.Globalization.CultureInfo.InvariantCulture, CancellationToken.None));
        await InSlackAsync(sp => sp.GetServices<Core.Privacy.IPersonalDataProvider>().OfType<MeetingsPersonalData>().Single().EraseAsync(new UserRef("U0LEAD", "U0LEAD"), CancellationToken.None));

        found.Should().Contain(i => i.Description.Contains("1 Legistar agenda watch you made", StringComparison.Ordinal));
        (await WatchAsync()).CreatedBy.Should().BeEmpty();
    }

    [Theory]
    [InlineData("webapi.legistar.com/v1/")]
    [InlineData("ftp://webapi.legistar.com/v1/")]
    public void Settings_LegistarBaseUrlNotHttp_FailsValidation(string url)
    {
        var settings = new MeetingsSettings { LegistarBaseUrl = url };

        settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).Should().ContainSingle()
            .Which.MemberNames.Should().Equal(nameof(MeetingsSettings.LegistarBaseUrl));
    }

    [Fact]
    public async Task Watch_PrivateHostByDefault_IsRefusedBeforeAnyRequest()
    {
        await using var strict = await StartAsync(allowPrivate: false);

        var reply = await strict.As(Platform.Slack, Role.Lead).SendAsync("/meeting watch nyc");

        reply.Text.Should().Contain("private or local network");
        _server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_ByMemberOrWithBadOptions_IsRefused()
    {
        var member = await _bot.As(Platform.Slack, Role.Member).SendAsync("/meeting watch nyc");
        var badClient = await Lead.SendAsync("/meeting watch \"new york\"");
        var badRemind = await Lead.SendAsync("/meeting watch nyc remind:soonish");
        var missing = await Lead.SendAsync("/meeting watch edit 4 keywords:ICE");

        member.Kind.Should().Be(ResultKind.Forbidden);
        badClient.Text.Should().Contain("is not a Legistar client name");
        badRemind.Kind.Should().Be(ResultKind.Invalid);
        missing.Kind.Should().Be(ResultKind.NotFound);
        _server.Requests.Should().BeEmpty();
    }
}
