using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Tests.Stakeholders;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tests.Campaigns;

public abstract class CampaignProgressTests(DatabaseProvider database) : IAsyncLifetime
{
    private CampaignTestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CampaignTestBot.StartAsync(database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [DbFact]
    public async Task Status_CountsCheckedItemsAndDoneTasks_AndListsOpenTasksPerStep()
    {
        var lead = await _bot.StartedAsync();
        var id = (await _bot.CampaignAsync()).Id;
        _bot.Tasks.ByCampaign[id] =
        [
            new CampaignTask(12, CampaignStep.InformationGathering, "File a records request for jail bookings", "ana", false, new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero)),
            new CampaignTask(13, CampaignStep.InformationGathering, "Read the 287(g) agreement", "bo", true, null),
            new CampaignTask(14, CampaignStep.Education, "Book the church hall", "cy", false, null),
        ];
        await lead.SendAsync("/campaign check 1.1");
        await lead.SendAsync("/campaign check 1.2");

        var status = await _bot.Member().SendAsync("/campaign status");

        status.IsSuccess.Should().BeTrue(status.Text);
        status.Reply.Title.Should().Be("Springfield — step 1 of 6: Information gathering");
        var progress = status.Field("Progress by step");

        // Step 1: 2 of 5 items and 1 of 2 tasks = 3/7.
        progress.Should().Contain("▶ ████░░░░░░ 42%  Step 1: Information gathering · 2/5 items · 1/2 tasks");
        progress.Should().Contain("▷ ░░░░░░░░░░ 0%   Step 2: Education · 0/4 items · 0/1 tasks");
        var open = status.Field("Open tasks");
        open.Should().Contain("Step 1: #12 File a records request for jail bookings (ana), due in 3 days").And.Contain("Step 2: #14 Book the church hall (cy)").And.NotContain("#13");
        status.Field("Still open in step 1").Should().Contain("1.3").And.NotContain("1.1");
    }

    [DbFact]
    public async Task Status_WithoutTheTasksPlugin_ShowsNoTaskLines()
    {
        await using var bot = await CampaignTestBot.StartAsync(withTasks: false, database: database);
        await bot.StartedAsync();

        var status = await bot.Member().SendAsync("/campaign status");

        status.IsSuccess.Should().BeTrue(status.Text);
        status.Reply.Fields.Select(f => f.Name).Should().NotContain("Open tasks");
        status.Text.Should().NotContain("tasks");
    }

    [DbFact]
    public async Task Status_WithOnlyCampaignsLoaded_Works_AndTargetsSayThePowerMapIsOff()
    {
        await using var bot = await CampaignTestBot.StartAsync(withTasks: false, plugins: ["campaigns"], database: database);
        var lead = await bot.StartedAsync();

        var status = await lead.SendAsync("/campaign status");
        var target = await lead.SendAsync("/campaign target add Ana Ruiz");

        status.IsSuccess.Should().BeTrue(status.Text);
        status.Reply.Fields.Select(f => f.Name).Should().NotContain("Next meeting");
        target.Kind.Should().Be(ResultKind.Invalid);
        target.Text.Should().Contain("stakeholders plugin is off");
    }

    [DbFact]
    public async Task Targets_MetThroughAMeetingContact_NotThroughACall()
    {
        var lead = await StakeholderTestBot.LeadWithMapAsync(_bot.Bot);
        await lead.SendAsync(CampaignTestBot.Start);
        (await lead.SendAsync("/campaign target add Carmen Ramírez")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/campaign target add First Baptist Church")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/campaign target add Council Member Ana Ruiz")).IsSuccess.Should().BeTrue();

        await lead.SendAsync("/stakeholder contact \"Carmen Ramírez\" Met with her at City Hall about detainers");
        await lead.SendAsync("/stakeholder contact \"First Baptist Church\" Called the office, left a message");

        var status = await lead.SendAsync("/campaign status");

        var targets = status.Field("Targets (step 4)");
        targets.Should().Contain("met 1 of 3 targets").And.Contain("✅ Carmen Ramírez").And.Contain("⬜ First Baptist Church").And.Contain("⬜ Ana Ruiz");
        status.Field("Progress by step").Should().Contain("▷ ██░░░░░░░░ 16%  Step 4: Negotiation · 0/3 items · met 1 of 3 targets");
    }

    [DbFact]
    public async Task Targets_MetThroughAPastMeetingNamingThem_AndTheNextMeetingIsShown()
    {
        var lead = await StakeholderTestBot.LeadWithMapAsync(_bot.Bot);
        await lead.SendAsync(CampaignTestBot.Start);
        await lead.SendAsync("/campaign target add Ana Ruiz");
        await lead.SendAsync("/campaign target add Tomás Ruiz");
        await lead.SendAsync("/campaign target add Carmen Ramírez");
        (await lead.SendAsync("/meeting add \"One-on-one with Council Member Ana Ruiz\" \"2026-03-03 18:00\"")).IsSuccess.Should().BeTrue();
        await lead.SendAsync("/meeting add \"1:1 with Ruiz\" \"2026-03-03 19:00\"");
        await lead.SendAsync("/meeting add \"Coffee with Mayor Ramírez\" \"2026-03-20 16:00\"");
        await lead.SendAsync("/meeting add \"City council\" \"2026-03-10 18:00\"");

        var before = await lead.SendAsync("/campaign status");
        _bot.Bot.Clock.Advance(TimeSpan.FromDays(2));
        var after = await lead.SendAsync("/campaign status");

        before.Field("Targets (step 4)").Should().Contain("met 0 of 3 targets");
        before.Field("Next meeting").Should().Contain("One-on-one with Council Member Ana Ruiz").And.Contain("tomorrow");

        // "1:1 with Ruiz" could be either Ruiz, so it counts for neither; the mayor's coffee is still ahead.
        var targets = after.Field("Targets (step 4)");
        targets.Should().Contain("met 1 of 3 targets").And.Contain("✅ Ana Ruiz").And.Contain("⬜ Tomás Ruiz").And.Contain("⬜ Carmen Ramírez");
        after.Field("Next meeting").Should().Contain("#4 City council").And.Contain("in 6 days");
    }

    [DbFact]
    public async Task TargetAdd_AmbiguousName_ListsTheMatches_AndAddsNothing()
    {
        var lead = await StakeholderTestBot.LeadWithMapAsync(_bot.Bot);
        await lead.SendAsync(CampaignTestBot.Start);

        var reply = await lead.SendAsync("/campaign target add Ruiz");
        var twice = await lead.SendAsync("/campaign target add Carmen Ramirez");
        var again = await lead.SendAsync("/campaign target add carmen ramírez");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("Ana Ruiz").And.Contain("Tomás Ruiz");
        twice.IsSuccess.Should().BeTrue();
        again.Kind.Should().Be(ResultKind.Invalid);
        again.Text.Should().Contain("already a target");
        (await _bot.InAsync(db => db.Targets.CountAsync())).Should().Be(1);
        (await lead.SendAsync("/stakeholder show Carmen Ramírez")).Text.Should().Contain("Target of: Springfield (Step 1: Information gathering)");
        (await lead.SendAsync("/campaign target remove ramirez")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/stakeholder show Carmen Ramírez")).Text.Should().NotContain("Target of");
        (await _bot.InAsync(db => db.Targets.CountAsync())).Should().Be(0);
    }

    [DbFact]
    public async Task Metric_ShowsAsAProgressBar_CountsTowardItsStep_AndKeepsHistory()
    {
        var lead = await _bot.StartedAsync();

        var first = await lead.SendAsync("/campaign metric signatures 3200/5000");
        var update = await lead.SendAsync("/campaign metric signatures 4,000");
        var noGoal = await lead.SendAsync("/campaign metric pledges 40");
        var bad = await lead.SendAsync("/campaign metric pledges 40/0");
        var status = await lead.SendAsync("/campaign status");
        var history = await lead.SendAsync("/campaign history");

        first.Text.Should().Contain("signatures").And.Contain("██████░░░░ 64%").And.Contain("3,200/5,000").And.Contain("step 5");
        update.Text.Should().Contain("████████░░ 80%");
        noGoal.Kind.Should().Be(ResultKind.Invalid);
        noGoal.Text.Should().Contain("Give the goal the first time");
        bad.Kind.Should().Be(ResultKind.Invalid);
        status.Field("Metrics").Should().Contain("4,000/5,000");

        // Step 5: four unchecked items and the metric at 0.8 = 0.8/5.
        status.Field("Progress by step").Should().Contain("▷ ██░░░░░░░░ 16%  Step 5: Nonviolent direct action · 0/4 items · signatures");
        history.Text.Should().Contain("set the metric signatures 4000/5000 (was 3200/5000)").And.Contain("set the metric signatures 3200/5000");
        (await _bot.InAsync(db => db.Metrics.CountAsync())).Should().Be(1);
    }

    [DbFact]
    public async Task Metric_WithAStep_CountsTowardThatStep()
    {
        var lead = await _bot.StartedAsync();

        await lead.SendAsync("/campaign metric volunteers 10/20 step:3");
        var status = await lead.SendAsync("/campaign status");

        status.Field("Progress by step").Should().Contain("▷ █░░░░░░░░░ 12%  Step 3: Personal commitment · 0/3 items · volunteers");
    }

    [DbTheory]
    [InlineData(null, "budget vote in 12 days", "contract renewal 12 days ago")]
    [InlineData("es", "budget vote en 12 días", "contract renewal hace 12 días")]
    public async Task Dates_AreHumanizedInTheReadersLanguage(string? locale, string future, string past)
    {
        var lead = await _bot.StartedAsync();
        (await lead.SendAsync("/campaign date add \"2026-03-14 15:00\" budget vote")).IsSuccess.Should().BeTrue();
        await lead.SendAsync("/campaign date add \"2026-02-18 15:00\" contract renewal");

        var status = await _bot.Member(locale: locale).SendAsync("/campaign status");

        var dates = status.Field(locale is null ? "Key dates" : "Fechas clave");
        dates.Should().Contain(future).And.Contain(past);
    }

    [DbFact]
    public async Task DateRemove_ByForgivingLabel_AndBadDates_AreRefused()
    {
        var lead = await _bot.StartedAsync();
        await lead.SendAsync("/campaign date add 2026-03-14 Budget vote");
        await lead.SendAsync("/campaign date add 2026-03-20 Budget hearing");

        var ambiguous = await lead.SendAsync("/campaign date remove budget");
        var removed = await lead.SendAsync("/campaign date remove budget VOTE");
        var badDate = await lead.SendAsync("/campaign date add someday vote");

        ambiguous.Kind.Should().Be(ResultKind.Invalid);
        ambiguous.Text.Should().Contain("Budget vote").And.Contain("Budget hearing");
        removed.IsSuccess.Should().BeTrue(removed.Text);
        badDate.Kind.Should().Be(ResultKind.Invalid);
        (await _bot.InAsync(db => db.Dates.Select(d => d.Label).ToListAsync())).Should().Equal("Budget hearing");
    }

    [DbFact]
    public async Task Status_WithSeveralCampaigns_ListsThem_AndCommandsAskWhich()
    {
        var lead = await _bot.StartedAsync();
        await lead.SendAsync("/campaign start \"Lake County\" Lake County sheriff ends the 287(g) agreement");
        await CampaignTestBot.AdvanceAsync(lead, " campaign:lake");

        var list = await lead.SendAsync("/campaign status");
        var which = await lead.SendAsync("/campaign check 1.1");
        var one = await lead.SendAsync("/campaign status lake county");
        var duplicate = await lead.SendAsync("/campaign start SPRINGFIELD again");

        list.Reply.Title.Should().Be("2 campaigns");
        list.Text.Should().Contain("Lake County — Step 2: Education").And.Contain("Springfield — Step 1: Information gathering");
        which.IsSuccess.Should().BeFalse();
        which.Text.Should().Contain("Several campaigns are active").And.Contain("campaign:");
        one.Reply.Title.Should().StartWith("Lake County — step 2 of 6");
        duplicate.Kind.Should().Be(ResultKind.Invalid);
        duplicate.Text.Should().Contain("already a campaign");
    }
}

public sealed class CampaignProgressTestsOnSqlite() : CampaignProgressTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CampaignProgressTestsOnPostgres() : CampaignProgressTests(DatabaseProvider.Postgres);
