using CoalitionBot.Core.Localization;
using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Campaigns;

public abstract class CampaignConversationTests(DatabaseProvider database) : IAsyncLifetime
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);
    private CampaignTestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CampaignTestBot.StartAsync(database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<List<OutboxMessage>> OutboxAsync() =>
        _bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    [DbFact]
    public async Task StepChange_IsAnnouncedInTheCampaignChannel_InTheCoalitionsLanguage()
    {
        (await _bot.Bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync("/coalition language es")).IsSuccess.Should().BeTrue();
        var lead = await _bot.StartedAsync(locale: "en");
        await lead.SendAsync("/campaign channel <#C0CAMPAIGN|campaign>");

        await CampaignTestBot.AdvanceAsync(lead, " the power map is ready");
        await lead.SendAsync("/campaign back we need more data");
        await _bot.Bot.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var rows = await OutboxAsync();
        var id = (await _bot.CampaignAsync()).Id;
        var events = await _bot.InAsync(db => db.Events.AsNoTracking().Where(e => e.Kind == CampaignEventKind.Advanced || e.Kind == CampaignEventKind.SteppedBack).OrderBy(e => e.Id).ToListAsync());
        rows.Select(r => r.DedupKey).Should().Equal($"campaign:{id}:step:2:{events[0].Id}", $"campaign:{id}:step:1:{events[1].Id}");
        rows.Should().OnlyContain(r => r.Status == OutboxStatus.Sent && r.ChannelId == "C0CAMPAIGN");
        _bot.Messenger.Sent.Should().HaveCount(2);
        var advanced = _bot.Messenger.Sent[0];
        advanced.Target.Channel!.Id.Should().Be("C0CAMPAIGN");
        advanced.Message.Title.Should().Be("Springfield avanza al Paso 2: Educación");
        Markup.ToPlainText(advanced.Message.Text).Should().Contain("lena pasó la campaña del Paso 1: Recopilación de información al Paso 2: Educación");
        advanced.Message.Fields.Select(f => f.Name).Should().Equal("Nota", "Lo que necesita el paso 2");
        Markup.ToPlainText(advanced.Message.Fields[1].Value).Should().Contain("Mensajes clave listos para cada público");
        _bot.Messenger.Sent[1].Message.Title.Should().Be("Springfield vuelve al Paso 1: Recopilación de información");
    }

    [DbFact]
    public async Task StepChange_WhoseAnnouncementCannotBeQueued_DoesNotMove_AndCanBeTriedAgain()
    {
        var lead = await _bot.StartedAsync();
        await CampaignTestBot.AdvanceAsync(lead);
        // The database refuses new outbox rows, as it would when full: the step must not move without its announcement.
        var refuseOutbox = await _bot.Bot.RefuseAsync("Outbox", "INSERT", "database full");

        var failed = await lead.SendAsync("/campaign back we need more data");

        failed.IsSuccess.Should().BeFalse();
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.Education);
        (await _bot.InAsync(db => db.Events.CountAsync(e => e.Kind == CampaignEventKind.SteppedBack))).Should().Be(0);

        await refuseOutbox.DisposeAsync();
        var retried = await lead.SendAsync("/campaign back we need more data");

        retried.IsSuccess.Should().BeTrue();
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering, "the retry moves it once, not twice");
        (await OutboxAsync()).Should().HaveCount(2, "the advance and the step back are both announced");
    }

    [DbFact]
    public async Task StepChange_ByDefault_IsAnnouncedWhereTheCampaignStarted()
    {
        var lead = await _bot.StartedAsync();

        await CampaignTestBot.AdvanceAsync(lead);
        await _bot.Bot.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var sent = _bot.Messenger.Sent.Should().ContainSingle().Subject;
        sent.Target.Channel!.Id.Should().Be("general");
        sent.Message.Title.Should().Be("Springfield moves on to Step 2: Education");
    }

    [DbFact]
    public async Task StepChange_OfACampaignStartedOutsideAChannel_GoesToTheAnnouncementsChannel()
    {
        (await _bot.Bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync("/coalition channel announcements <#C0NEWS|news>")).IsSuccess.Should().BeTrue();
        var lead = new TestUser(_bot.Bot.Router, _bot.Lead().Caller with { Channel = null });
        (await lead.SendAsync(CampaignTestBot.Start)).IsSuccess.Should().BeTrue();

        var moved = await CampaignTestBot.AdvanceAsync(lead);

        moved.Text.Should().Contain("Announced in");
        (await OutboxAsync()).Should().ContainSingle().Which.ChannelId.Should().Be("C0NEWS");
    }

    [DbFact]
    public async Task Checklist_CheckByNumberOrText_InEitherLanguage_Ambiguous_AndAlreadyChecked()
    {
        var lead = await _bot.StartedAsync();

        var byNumber = await lead.SendAsync("/campaign check 1.2");
        var bySpanish = await lead.SendAsync("/campaign check mapear");
        var byEnglish = await lead.SendAsync("/campaign check deadlines");
        var ambiguous = await lead.SendAsync("/campaign check policy");
        var twice = await lead.SendAsync("/campaign check 1.2");
        var missing = await lead.SendAsync("/campaign check 7.1");
        var uncheck = await lead.SendAsync("/campaign uncheck 1.4");

        byNumber.IsSuccess.Should().BeTrue(byNumber.Text);
        byNumber.Text.Should().Contain("1.2").And.Contain("4 left in step 1");
        bySpanish.Text.Should().Contain("1.1 Map the decision makers");
        byEnglish.Text.Should().Contain("1.4");
        ambiguous.Kind.Should().Be(ResultKind.Invalid);
        ambiguous.Text.Should().Contain("4.2 Policy demands presented").And.Contain("6.1 Policy passed or agreement reached");
        twice.Kind.Should().Be(ResultKind.Invalid);
        twice.Text.Should().Contain("already checked");
        missing.Kind.Should().Be(ResultKind.NotFound);
        uncheck.IsSuccess.Should().BeTrue();
        var done = await _bot.InAsync(db => db.Items.AsNoTracking().Where(i => i.Done).OrderBy(i => i.Position).Select(i => i.SeedKey).ToListAsync());
        done.Should().Equal("1.decision-makers", "1.practice");
    }

    [DbFact]
    public async Task Checklist_AddAndRemoveItems_RenumbersAndRecordsHistory()
    {
        var lead = await _bot.StartedAsync();

        var added = await lead.SendAsync("/campaign item add 2 Door-knock in District 3");
        var addedEs = await lead.SendAsync("/campaign item add educacion Foro en la parroquia San José");
        var checkedText = await lead.SendAsync("/campaign check door knock");
        var removed = await lead.SendAsync("/campaign item remove 2.1");
        var status = await lead.SendAsync("/campaign status");
        var tooLong = await lead.SendAsync("/campaign item add 2 " + new string('x', 201));

        added.Text.Should().Contain("2.5").And.Contain("Door-knock in District 3").And.Contain("Step 2: Education");
        addedEs.Text.Should().Contain("2.6");
        checkedText.Text.Should().Contain("2.5 Door-knock in District 3");
        removed.Text.Should().Contain("2.1 Talking points ready");
        tooLong.Kind.Should().Be(ResultKind.Invalid);
        var items = await _bot.InAsync(db => db.Items.AsNoTracking().Where(i => i.Step == CampaignStep.Education).OrderBy(i => i.Position).Select(i => i.Text).ToListAsync());
        items.Should().HaveCount(5).And.Contain("Door-knock in District 3").And.NotContain(t => t.StartsWith("Talking points", StringComparison.Ordinal));
        status.Field("Progress by step").Should().Contain("▷ ██░░░░░░░░ 20%  Step 2: Education · 1/5 items");

        var history = await lead.SendAsync("/campaign history");
        history.Reply.Title.Should().Be("History of Springfield (5)");
        history.Reply.Bullets.Select(Markup.ToPlainText).Should().SatisfyRespectively(
            b => b.Should().Contain("lena removed item 2.1 Talking points ready"),
            b => b.Should().Contain("lena checked 2.5 Door-knock in District 3"),
            b => b.Should().Contain("added item 2.6 Foro en la parroquia San José"),
            b => b.Should().Contain("added item 2.5 Door-knock in District 3"),
            b => b.Should().Contain("2026-03-02 15:00 (now) · lena started the campaign: Springfield ends its 287(g) contract"));
    }

    [DbFact]
    public async Task History_ShowsWhoAndWhen_InTheCoalitionsTimeZone()
    {
        await _bot.Bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync("/coalition timezone America/Chicago");
        var lead = await _bot.StartedAsync();
        _bot.Bot.Clock.Advance(TimeSpan.FromDays(3));
        await _bot.Bot.As(Platform.Slack, Role.Lead, user: "rosa").SendAsync("/campaign check 1.3");

        var history = await _bot.Member().SendAsync("/campaign history springfield");

        var lines = history.Reply.Bullets.Select(Markup.ToPlainText).ToList();
        lines[0].Should().Be("2026-03-05 09:00 (now) · rosa checked 1.3 Gather data (public records requests, budgets, jail bookings)");
        lines[1].Should().StartWith("2026-03-02 09:00 (3 days ago) · lena started the campaign");
    }

    [DbFact]
    public async Task Tactics_ListsFamilies_MunicipalFirst_InEnglishAndSpanish()
    {
        var all = await _bot.Member().SendAsync("/campaign tactics");
        var noncooperation = await _bot.Member().SendAsync("/campaign tactics noncooperation");
        var intervencion = await _bot.Member(locale: "es").SendAsync("/campaign tactics intervencion");
        var bad = await _bot.Member().SendAsync("/campaign tactics riots");

        all.Reply.Fields.Select(f => f.Name).Should().SatisfyRespectively(
            n => n.Should().StartWith("Protest and persuasion ("),
            n => n.Should().StartWith("Noncooperation ("),
            n => n.Should().StartWith("Intervention ("));
        all.Field(all.Reply.Fields[0].Name).Should().StartWith("🏛 Public comment at council meetings — ").And.Contain("🏛 Public speeches (#1)");
        noncooperation.Reply.Title.Should().StartWith("Noncooperation (");
        var bullets = noncooperation.Reply.Bullets.Select(Markup.ToPlainText).ToList();
        bullets.Should().Contain(b => b.Contains("Refusal of assistance to enforcement agents (#129)", StringComparison.Ordinal));
        bullets.TakeWhile(b => b.StartsWith("🏛", StringComparison.Ordinal)).Should().HaveCountGreaterThan(3);
        bullets.SkipWhile(b => b.StartsWith("🏛", StringComparison.Ordinal)).Should().NotBeEmpty().And.OnlyContain(b => !b.StartsWith("🏛", StringComparison.Ordinal));
        intervencion.Reply.Title.Should().StartWith("Intervención (");
        intervencion.Reply.Bullets.Select(Markup.ToPlainText).Should().Contain(b => b.Contains("Instituciones alternativas", StringComparison.Ordinal));
        bad.Kind.Should().Be(ResultKind.Invalid);
    }

    [DbFact]
    public async Task Close_LeavesTheOtherCampaignAsTheDefault_RefusesChanges_AndReopens()
    {
        var lead = await _bot.StartedAsync();
        await lead.SendAsync("/campaign start \"Lake County\" The sheriff ends the 287(g) agreement");
        var ask = await lead.SendAsync("/campaign advance campaign:Springfield");

        var member = await _bot.Member().SendAsync("/campaign close campaign:Springfield");
        var closed = await lead.SendAsync("/campaign close we won the vote campaign:Springfield");
        var confirmLate = await lead.PressAsync(ask.Reply.Buttons[0]);
        var check = await lead.SendAsync("/campaign check 1.1");
        var checkClosed = await lead.SendAsync("/campaign check 1.1 campaign:Springfield");
        var lookup = await _bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<ICampaignLookup>().FindAsync("Springfield", Context(sp, "en"), CancellationToken.None));
        var list = await lead.SendAsync("/campaign status");
        var history = await lead.SendAsync("/campaign history Springfield");
        var again = await lead.SendAsync("/campaign close campaign:Springfield");
        var reopened = await lead.SendAsync("/campaign reopen springfield");
        var reopenAgain = await lead.SendAsync("/campaign reopen Springfield");

        member.Kind.Should().Be(ResultKind.Forbidden);
        closed.IsSuccess.Should().BeTrue(closed.Text);
        closed.Text.Should().Contain("Springfield is closed").And.Contain("/campaign reopen Springfield");
        confirmLate.Kind.Should().Be(ResultKind.Invalid);
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering, "a confirmation waiting when the campaign closed changes nothing");
        check.IsSuccess.Should().BeTrue(check.Text);
        check.Text.Should().Contain("1.1");
        (await _bot.InAsync(db => db.Items.AsNoTracking().Where(i => i.Done).Select(i => i.CampaignId).ToListAsync()))
            .Should().Equal([(await _bot.CampaignAsync("Lake County")).Id], "without campaign: the only active campaign is meant");
        checkClosed.Kind.Should().Be(ResultKind.NotFound);
        checkClosed.Text.Should().Contain("Springfield is closed");
        lookup.Campaign.Should().BeNull("tasks cannot be tagged with a closed campaign");
        lookup.Error.Should().Contain("is closed");
        list.Reply.Title.Should().StartWith("Lake County — step 1 of 6", "with one campaign closed, the status is the active one's");
        history.Reply.Bullets.Select(Markup.ToPlainText).First().Should().Contain("closed the campaign").And.Contain("we won the vote");
        again.Kind.Should().Be(ResultKind.NotFound);
        reopened.IsSuccess.Should().BeTrue(reopened.Text);
        reopened.Text.Should().Contain("Springfield is active again");
        (await _bot.CampaignAsync()).ClosedAt.Should().BeNull();
        reopenAgain.Kind.Should().Be(ResultKind.Invalid);
        reopenAgain.Text.Should().Contain("is not closed");
    }

    [DbFact]
    public async Task Lookup_ForTheTasksPlugin_FindsForgivingly_AndSaysWhatToType()
    {
        async Task<CampaignLookupResult> FindAsync(string? name, string culture = "en") =>
            await _bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<ICampaignLookup>().FindAsync(name, Context(sp, culture), CancellationToken.None));

        var none = await FindAsync(null);
        var noneEs = await FindAsync(null, "es");
        var lead = await _bot.StartedAsync();
        var only = await FindAsync(null);
        await lead.SendAsync("/campaign start \"Lake County\" The sheriff ends the 287(g) agreement");
        var several = await FindAsync(null);
        var byName = await FindAsync("lake");
        var unknown = await FindAsync("Chicago");

        none.Campaign.Should().BeNull();
        none.Error.Should().Contain("/campaign start");
        noneEs.Error.Should().Contain("Todavía no hay campañas");
        only.Campaign!.Name.Should().Be("Springfield");
        several.Error.Should().Contain("Several campaigns are active").And.Contain("Lake County").And.Contain("campaign:");
        byName.Campaign!.Name.Should().Be("Lake County");
        unknown.Error.Should().Contain("No campaign is called").And.Contain("Springfield");
    }

    [DbFact]
    public async Task Campaigns_OfOneCoalition_AreInvisibleToAnother()
    {
        var lead = await _bot.StartedAsync(Platform.Slack);
        await lead.SendAsync("/campaign check 1.1");

        var discordStatus = await _bot.Member(Platform.Discord).SendAsync("/campaign status");
        var discordHistory = await _bot.Member(Platform.Discord).SendAsync("/campaign history springfield");
        var discordStart = await _bot.Lead(Platform.Discord).SendAsync(CampaignTestBot.Start);
        var discordItems = await _bot.InAsync(db => db.Items.CountAsync(i => i.Done), Platform.Discord);

        discordStatus.Kind.Should().Be(ResultKind.NotFound);
        discordStatus.Text.Should().Contain("no campaign yet");
        discordHistory.Kind.Should().Be(ResultKind.NotFound);
        discordStart.IsSuccess.Should().BeTrue("names are unique per coalition, not across coalitions");
        discordItems.Should().Be(0);
        (await _bot.InAsync(db => db.Campaigns.CountAsync())).Should().Be(1);
    }

    [DbFact]
    public async Task PrivacyMe_ListsCampaignRows_AndErasureAnonymizesHistory()
    {
        var lead = await _bot.StartedAsync();
        await lead.SendAsync("/campaign check 1.1");
        await lead.SendAsync("/campaign advance");

        var sees = await lead.SendAsync("/privacy me");
        var erased = await _bot.Bot.InTenantAsync(Slack, sp => sp.GetRequiredService<PersonalDataService>().EraseAsync(new UserRef("lena", "lena"), CancellationToken.None));

        sees.Text.Should().Contain("your name on 2 history changes, 1 campaign you started and 1 item you checked").And.Contain("1 step change waiting for your confirmation");
        erased.Erased.Should().BeGreaterThanOrEqualTo(1);
        erased.Anonymized.Should().BeGreaterThanOrEqualTo(4);
        var left = await _bot.InAsync(async db => (
            Names: await db.Events.Select(e => e.ByName + e.ByUserId).ToListAsync(),
            Creator: await db.Campaigns.Select(c => c.CreatedBy).SingleAsync(),
            Checker: await db.Items.Where(i => i.Done).Select(i => i.DoneBy).SingleAsync(),
            Pending: await db.PendingAdvances.CountAsync()));
        left.Names.Should().OnlyContain(n => n.Length == 0);
        left.Creator.Should().BeEmpty();
        left.Checker.Should().BeNull();
        left.Pending.Should().Be(0);
        var history = await _bot.Member().SendAsync("/campaign history");
        history.Text.Should().Contain("(name erased) checked 1.1").And.NotContain("lena");
        (await _bot.Member().SendAsync("/privacy me")).Text.Should().NotContain("history change");
    }

    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Conversation_SameRepliesOnEveryPlatform(Platform platform)
    {
        var lead = await _bot.StartedAsync(platform);
        await lead.SendAsync("/campaign check 1.1");
        await lead.SendOptionsAsync("campaign metric", new Dictionary<string, string> { ["name"] = "signatures", ["value"] = "1000/5000" });

        var status = await lead.SendAsync("/campaign status");
        var ask = await lead.SendOptionsAsync("campaign advance", new Dictionary<string, string> { ["note"] = "ready" });
        var moved = await lead.PressAsync("Confirm");

        status.Meaning.Title.Should().Be("Springfield — step 1 of 6: Information gathering");
        status.Field("Progress by step").Should().Contain("▶ ██░░░░░░░░ 20%  Step 1: Information gathering · 1/5 items")
            .And.Contain("▷ ░░░░░░░░░░ 4%   Step 5: Nonviolent direct action · 0/4 items · signatures");
        ask.Meaning.Buttons.Select(b => b.ActionId).Should().Equal(CampaignCards.ConfirmAction, CampaignCards.CancelAction);
        moved.Text.Should().Contain("Springfield is now on Step 2: Education");
        (await _bot.CampaignAsync(platform: platform)).Step.Should().Be(CampaignStep.Education);
    }

    /// <summary>The context another plugin's command (tasks) hands to the lookup: with the caller's strings, as the router builds it.</summary>
    private static CommandContext Context(IServiceProvider services, string culture) => new()
    {
        Caller = new Caller(Slack, Platform.Slack, new UserRef("lena", "lena")),
        Role = Role.Lead,
        Culture = CultureInfo.GetCultureInfo(culture),
        Language = culture,
        Strings = services.GetRequiredService<LanguageCatalogs>().For(CultureInfo.GetCultureInfo(culture)),
        TimeZone = TimeZoneInfo.Utc,
        CorrelationId = "test",
    };
}

public sealed class CampaignConversationTestsOnSqlite() : CampaignConversationTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CampaignConversationTestsOnPostgres() : CampaignConversationTests(DatabaseProvider.Postgres);
