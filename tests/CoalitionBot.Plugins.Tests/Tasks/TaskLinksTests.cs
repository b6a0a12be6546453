using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Plugins.Tasks;
using CoalitionBot.Plugins.Tests.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests.Tasks;

public abstract class TaskLinksTests(DatabaseProvider database)
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);

    [DbFact]
    public async Task Done_WithNote_OnAStakeholderTask_LogsAContactInTheirHistory()
    {
        await using var bot = await TaskTestBot.StartAsync(plugins: ["stakeholders", "tasks"], database: database);
        await StakeholderTestBot.LeadWithMapAsync(bot.Bot);
        var lead = bot.Lead();

        var ambiguous = await lead.SendAsync("/task assign @ana \"Call her office\" stakeholder:Ruiz");
        var assigned = await lead.SendAsync("/task assign @ana \"Call her office\" stakeholder:\"Ana Ruiz\" due:friday");
        var done = await bot.Member("ana").SendAsync("/task done 1 she will vote yes on the ordinance");

        ambiguous.Kind.Should().Be(ResultKind.Invalid);
        ambiguous.Text.Should().Contain("matches several stakeholders").And.Contain("Ana Ruiz").And.Contain("Tomás Ruiz");
        assigned.Text.Should().Contain("Ana Ruiz");
        done.Text.Should().Contain("Logged the contact in Ana Ruiz's history");
        var ruiz = await StakeholderTestBot.OneAsync(bot.Bot, Slack, "Ana Ruiz");
        var contact = (await StakeholderTestBot.EventsAsync(bot.Bot, Slack)).Where(e => e.Kind == StakeholderEventKind.Contact).Should().ContainSingle().Subject;
        contact.StakeholderId.Should().Be(ruiz.Id);
        contact.Note.Should().Be("Task #1 done: she will vote yes on the ordinance");
        contact.ByUserId.Should().Be("ana");
        ruiz.LastContactAt.Should().Be(bot.Clock.GetUtcNow());
        (await lead.SendAsync("/task list stakeholder:\"Ana Ruiz\" state:done")).Text.Should().Contain("#1 Call her office");
    }

    [DbFact]
    public async Task Done_WithoutNote_LogsNothing_AndSaysHowTo()
    {
        await using var bot = await TaskTestBot.StartAsync(plugins: ["stakeholders", "tasks"], database: database);
        await StakeholderTestBot.LeadWithMapAsync(bot.Bot);
        await bot.Lead().SendAsync("/task assign @ana \"Call the mayor\" stakeholder:\"Carmen Ramírez\"");

        var done = await bot.Member("ana").SendAsync("/task done #1");

        done.Text.Should().Contain("Add a note").And.Contain("Carmen Ramírez");
        (await StakeholderTestBot.EventsAsync(bot.Bot, Slack)).Should().NotContain(e => e.Kind == StakeholderEventKind.Contact);
    }

    [DbFact]
    public async Task Digest_AtItsLocalTime_ListsOpenByPersonOverdueAndFinished_Once()
    {
        await using var bot = await TaskTestBot.StartAsync(database: database);
        await bot.SetCoalitionAsync(timeZone: "America/Chicago");
        var lead = bot.Lead();
        // Monday 09:00 in Chicago.
        (await lead.SendAsync("/task digest #organizers 10:00")).Text.Should().Contain("#organizers at 10:00 (America/Chicago)");
        await lead.SendAsync("/task assign @ana \"Call Ruiz\" due:tomorrow");
        await lead.SendAsync("/task assign @luis \"Bring 20 people\" due:\"today 11:00\"");
        await lead.SendAsync("/task assign @ana \"Get the letter signed\"");
        await lead.SendAsync("/task assign @ben \"Book the room\"");
        await bot.Member("ana").SendAsync("/task done 3");
        await bot.Member("ben").PressAsync(new Core.Replies.ReplyButton(TaskCards.DeclineAction, "Can't do it", (await bot.TasksAsync())[3].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var early = await bot.PlanDigestsAsync();
        bot.Clock.Advance(TimeSpan.FromHours(3));
        var planned = await bot.PlanDigestsAsync();
        var again = await bot.PlanDigestsAsync();
        await bot.DispatchAsync();

        early.Should().Be(0, "10:00 has not come yet");
        planned.Should().Be(1);
        again.Should().Be(0);
        var (_, target, digest) = bot.Messages.Sent.Should().ContainSingle(s => s.Target.Channel != null).Subject;
        target.Channel!.Id.Should().Be("organizers");
        digest.Title.Should().Be("Today's tasks — Monday, March 2");
        digest.Text.Should().Be("3 open, 1 overdue, 1 finished since yesterday.");
        digest.Fields.Select(f => f.Name).Should().Equal("ana", "Needs someone", "Overdue (1)", "Finished since yesterday (1)");
        digest.Fields[0].Value.Should().Be("• **#1** Call Ruiz — Tue Mar 3, 17:00 (due in 1 day)");
        digest.Fields[1].Value.Should().Contain("#4** Book the room");
        digest.Fields[2].Value.Should().Be("• **#2** Bring 20 people — luis · Mon Mar 2, 11:00 (overdue by 1 hour)");
        digest.Fields[3].Value.Should().Be("• **#3** Get the letter signed — ana");

        bot.Clock.Advance(TimeSpan.FromDays(1));
        (await bot.PlanDigestsAsync()).Should().Be(1, "the next day has its own digest");
        (await bot.OutboxAsync()).Where(m => m.DedupKey.StartsWith("tasks:digest:", StringComparison.Ordinal)).Select(m => m.DedupKey)
            .Should().Equal("tasks:digest:2026-03-02", "tasks:digest:2026-03-03");
    }

    [DbFact]
    public async Task Digest_AfterDowntime_GoesOutTheSameDay_ButYesterdaysIsSkipped()
    {
        // Monday 06:00 in Chicago.
        await using var bot = await TaskTestBot.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)), database: database);
        await bot.SetCoalitionAsync(timeZone: "America/Chicago", language: "es");
        var lead = bot.Lead();
        (await lead.SendAsync("/task digest #organizers 07:30")).IsSuccess.Should().BeTrue();
        var assigned = await lead.SendAsync("/task assign @ana \"Llamar a Ruiz\" due:\"in 3 days\"");
        assigned.IsSuccess.Should().BeTrue(assigned.Text);
        bot.Clock.Advance(TimeSpan.FromHours(3));
        (await bot.PlanDigestsAsync()).Should().Be(1, "it is 09:00, after 07:30: the bot was down at 07:30");

        // Down again until Tuesday noon: Monday's digest is stale, Tuesday's goes out.
        bot.Clock.Advance(TimeSpan.FromHours(27));
        await bot.PlanDigestsAsync();
        await bot.DispatchAsync();

        var digest = bot.Messages.Sent.Where(s => s.Target.Channel is not null).Should().ContainSingle().Subject.Message;
        digest.Title.Should().Be("Tareas de hoy — martes 3 de marzo");
        digest.Fields[0].Value.Should().Contain("jue 5 mar, 17:00 (vence en 2 días)");
        (await bot.OutboxAsync()).Single(m => m.DedupKey == "tasks:digest:2026-03-02").Status.Should().Be(OutboxStatus.Skipped);
    }

    [DbFact]
    public async Task Digest_WithNothingToTell_IsNotPosted()
    {
        await using var bot = await TaskTestBot.StartAsync(database: database);
        await bot.Lead().SendAsync("/task digest #organizers 08:00");

        (await bot.PlanDigestsAsync()).Should().Be(0);
        (await bot.Lead().SendAsync("/task digest #organizers 25:00")).Kind.Should().Be(ResultKind.Invalid);
    }

    [DbTheory]
    [InlineData("2026-03-07T15:00:00Z", "2026-03-08T22:00:00Z")] // spring forward: Sunday 17:00 is CDT (UTC-5)
    [InlineData("2026-10-31T15:00:00Z", "2026-11-01T23:00:00Z")] // fall back: Sunday 17:00 is CST (UTC-6)
    public async Task Due_AcrossADstChange_IsReadInTheCoalitionsZone(string now, string expectedDue)
    {
        await using var bot = await TaskTestBot.StartAsync(clock: new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)), database: database);
        await bot.SetCoalitionAsync(timeZone: "America/Chicago");

        var reply = await bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:\"tomorrow 5pm\"");
        var sunday = await bot.Lead().SendAsync("/task assign @ana \"Door knocking\" due:sunday");

        reply.Text.Should().Contain("Sun Mar 8, 17:00".Replace("Mar 8", now.StartsWith("2026-03", StringComparison.Ordinal) ? "Mar 8" : "Nov 1", StringComparison.Ordinal));
        var tasks = await bot.TasksAsync();
        var expected = DateTimeOffset.Parse(expectedDue, System.Globalization.CultureInfo.InvariantCulture);
        tasks.Select(t => t.DueAt).Should().Equal(expected, expected);
        (await bot.OutboxAsync()).Should().Contain(m => m.DedupKey.Contains(":overdue:", StringComparison.Ordinal) && m.DueAt == expected);
        sunday.IsSuccess.Should().BeTrue();
    }

    [DbFact]
    public async Task SpanishAssignee_GetsDmAndNudgesInSpanish_FromAnEnglishLead()
    {
        await using var bot = await TaskTestBot.StartAsync(database: database);
        await bot.SetLanguageAsync("ana", "es");
        await bot.Lead().SendAsync("/task assign @ana \"Call Ruiz\" due:\"in 2 days\"");
        await bot.DispatchAsync();
        bot.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(3));
        await bot.DispatchAsync();
        bot.Clock.Advance(TimeSpan.FromDays(1));
        await bot.DispatchAsync();

        var dms = bot.Messages.To("ana");
        dms.Select(m => m.Title).Should().Equal("Nueva tarea #1: Call Ruiz", "Recordatorio: #1 Call Ruiz", "Atrasada: #1 Call Ruiz");
        dms[0].Buttons.Select(b => b.Label).Should().Equal("Hecho", "No puedo");
        dms[1].Text.Should().Contain("Vence en 1 día");
        bot.Clock.Advance(TimeSpan.FromHours(2));
        var list = await bot.Bot.As(Platform.Slack, Role.Lead, user: "lena", locale: "es").SendAsync("/task list atrasadas");
        list.Text.Should().Contain("Tareas atrasadas (1)").And.Contain("venció hace 3 horas");
    }

    [DbFact]
    public async Task Step_WithACampaignLookup_StoresTheCampaign_AndTheTaskSourceListsIt()
    {
        await using var bot = await TaskTestBot.StartAsync(campaigns: new FakeCampaigns(), database: database);
        var lead = bot.Lead();

        var bad = await lead.SendAsync("/task assign @ana \"Research 287(g)\" step:1 campaign:nope");
        var noStep = await lead.SendAsync("/task assign @ana \"Research 287(g)\" campaign:Springfield");
        await lead.SendAsync("/task assign @ana \"Research 287(g)\" step:1-information");
        await lead.SendAsync("/task assign @luis \"Host a teach-in\" step:education campaign:Springfield");
        await lead.SendAsync("/task assign @ben \"Print flyers\" step:2");
        await lead.SendAsync("/task cancel 3");
        await bot.Member("luis").SendAsync("/task done 2");

        bad.Kind.Should().Be(ResultKind.Invalid);
        bad.Text.Should().Contain("No campaign named “nope”");
        noStep.Text.Should().Contain("which step");
        (await bot.TasksAsync()).Select(t => (t.CampaignId, t.Step)).Should().Equal((7L, CampaignStep.InformationGathering), (7L, CampaignStep.Education), (7L, CampaignStep.Education));
        var listed = await bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<ICampaignTaskSource>().ListAsync(7, CancellationToken.None));
        listed.Should().Equal(
            new CampaignTask(1, CampaignStep.InformationGathering, "Research 287(g)", "ana", false, null),
            new CampaignTask(2, CampaignStep.Education, "Host a teach-in", "luis", true, null));
        (await lead.SendAsync("/task show 1")).Text.Should().Contain("1 · information gathering");
    }

    [DbFact]
    public async Task Step_WithoutTheCampaignsPlugin_IsStoredAndShown()
    {
        await using var bot = await TaskTestBot.StartAsync(database: database);
        var lead = bot.Lead();

        var reply = await lead.SendAsync("/task assign @ana \"Meet the sheriff\" step:4");
        var named = await lead.SendAsync("/task assign @ana \"Meet the sheriff\" step:4 campaign:Springfield");

        reply.Text.Should().Contain("4 · negotiation");
        named.Kind.Should().Be(ResultKind.Invalid);
        (await bot.TasksAsync()).Should().ContainSingle().Which.Should().Match<OutreachTask>(t => t.CampaignId == null && t.Step == CampaignStep.Negotiation);
    }

    [DbFact]
    public async Task PrivacyMe_ShowsTasks_AndErasureKeepsTheWorkWithoutTheNames()
    {
        await using var bot = await TaskTestBot.StartAsync(plugins: ["coalition", "tasks"], database: database);
        var lead = bot.Bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");
        await lead.SendAsync("/task assign @U0ANA \"Call Ruiz\" due:friday");
        await bot.Member("U0ANA").SendAsync("/task done 1 left a voicemail");
        await lead.SendAsync("/task assign @U0ANA \"Bring 20 people\" due:friday");

        var anaSees = await bot.Member("U0ANA").SendAsync("/privacy me");
        var leadSees = await lead.SendAsync("/privacy me");
        await bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<PersonalDataService>().EraseAsync(new UserRef("U0ANA", "U0ANA"), CancellationToken.None));
        await bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<PersonalDataService>().EraseAsync(new UserRef("U0LEAD", "U0LEAD"), CancellationToken.None));

        anaSees.Text.Should().Contain("Tasks assigned to you").And.Contain("#1 Call Ruiz (done)").And.Contain("#2 Bring 20 people (open)");
        leadSees.Text.Should().Contain("your name as creator, assigner or finisher of 2 tasks");
        var tasks = await bot.TasksAsync();
        tasks.Should().HaveCount(2, "the coalition's work stays");
        tasks.Should().OnlyContain(t => t.AssigneeId == null && t.AssigneeName == null && t.CreatedById == string.Empty && t.AssignedByName == null && t.DoneByName == null);
        (await bot.OutboxAsync()).Should().NotContain(m => m.UserId == "U0ANA" && m.Status == OutboxStatus.Pending);
        (await lead.SendAsync("/task show 2")).Text.Should().Contain("nobody yet");
    }

    private sealed class FakeCampaigns : ICampaignLookup
    {
        public Task<CampaignLookupResult> FindAsync(string? name, CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult(name is null || name.Equals("springfield", StringComparison.OrdinalIgnoreCase)
                ? CampaignLookupResult.Found(new CampaignRef(7, "Sanctuary Springfield"))
                : CampaignLookupResult.Failed($"No campaign named “{name}”."));
    }
}

public sealed class TaskLinksTestsOnSqlite() : TaskLinksTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class TaskLinksTestsOnPostgres() : TaskLinksTests(DatabaseProvider.Postgres);
