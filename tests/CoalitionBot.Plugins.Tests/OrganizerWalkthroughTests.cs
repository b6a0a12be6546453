using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Meetings;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Plugins.Tests.Campaigns;
using CoalitionBot.Plugins.Tests.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests;

/// <summary>What an organizer met on a first walkthrough, in English and Spanish (issue 17).</summary>
public class OrganizerWalkthroughTests
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);

    // Item 1: the template's own hint renames a seat, though "name" is also a field.
    [Theory]
    [InlineData(null, "Council seat 1 (Springfield)", "Updated: Maria Chen")]
    [InlineData("es", "Concejo, puesto 1 (Springfield)", "Actualizado: Maria Chen")]
    public async Task StakeholderUpdate_TemplateHint_RenamesTheSeat(string? locale, string seat, string title)
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var lead = bot.As(Platform.Slack, Role.Lead, user: "lena", locale: locale);
        var template = await lead.SendAsync("/stakeholder template city Springfield");

        var renamed = await lead.SendAsync($"/stakeholder update \"{seat}\" name:\"Maria Chen\" stance:neutral");
        var nameOnly = await lead.SendAsync($"/stakeholder update \"{seat.Replace('1', '2')}\" name:\"Tom Baker\"");

        template.Reply.Footer.Should().Contain("name:\"Ana Ruiz\" stance:neutral");
        renamed.IsSuccess.Should().BeTrue(renamed.Text);
        renamed.Reply.Title.Should().Be(title);
        nameOnly.IsSuccess.Should().BeTrue(nameOnly.Text);
        var maria = await StakeholderTestBot.OneAsync(bot, Slack, "Maria Chen");
        maria.Jurisdiction.Should().Be("Springfield");
        maria.Stance.Should().Be(Stance.Neutral);
        (await StakeholderTestBot.StakeholdersAsync(bot, Slack)).Should().Contain(s => s.Name == "Tom Baker");
    }

    [Fact]
    public async Task StakeholderCommands_ThatReadFields_HaveNoOtherOptionNamedLikeAField()
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var catalog = bot.Services.GetRequiredService<CommandCatalog>();
        var fields = StakeholderFields.All.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // add's "name" is the name field itself; any other option would take a field:value word meant for the changes.
        catalog.Find("stakeholder update")!.Options.Select(o => o.Name).Where(fields.Contains).Should().BeEmpty();
        catalog.Find("stakeholder add")!.Options.Select(o => o.Name).Where(fields.Contains).Should().Equal("name");
    }

    // Item 3: unquoted words before a quoted argument are one name.
    [Theory]
    [InlineData(null, "/campaign start Lake County \"Lake County ends detainer holds\"", "Lake County", "Lake County ends detainer holds", "Campaign started: Lake County")]
    [InlineData("es", "/campaign start Condado Lake \"El condado deja de retener personas para ICE\"", "Condado Lake", "El condado deja de retener personas para ICE", "Campaña iniciada: Condado Lake")]
    public async Task CampaignStart_UnquotedNameBeforeQuotedGoal_TakesTheWordsTogether(string? locale, string command, string name, string goal, string title)
    {
        await using var bot = await CampaignTestBot.StartAsync();

        var reply = await bot.Lead(locale: locale).SendAsync(command);

        reply.Reply.Title.Should().Be(title, reply.Text);
        var campaign = await bot.CampaignAsync(name);
        campaign.Goal.Should().Be(goal);
    }

    [Theory]
    [InlineData(null, "put it in quotes: /meeting add \"City Council\" …")]
    [InlineData("es", "póngalo entre comillas: /meeting add \"City Council\" …")]
    public async Task MeetingAdd_UnquotedTitleBeforeQuotedDate_ReadsItOrSaysHowToQuote(string? locale, string hint)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["meetings"]);
        var lead = bot.As(Platform.Slack, Role.Lead, locale: locale);

        var added = await lead.SendAsync("/meeting add City Council \"2026-12-01 18:00\"");
        var unreadable = await lead.SendAsync("/meeting add City Council \"next blorpday\"");

        added.IsSuccess.Should().BeTrue(added.Text);
        added.Text.Should().Contain("City Council");
        unreadable.IsSuccess.Should().BeFalse();
        Markup.ToPlainText(unreadable.Reply.Text!).Should().Contain(hint);
        var titles = await bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.Select(m => m.Title).ToListAsync());
        titles.Should().Equal("City Council");
    }

    [Fact]
    public async Task StakeholderContact_UnquotedNameBeforeQuotedNote_LogsItForThatPerson()
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var lead = await StakeholderTestBot.LeadWithMapAsync(bot);

        var reply = await lead.SendAsync("/stakeholder contact Ana Ruiz \"called her office about the budget\"");

        reply.Text.Should().Contain("Contact logged with Ana Ruiz");
        (await StakeholderTestBot.EventsAsync(bot, Slack)).Should().Contain(e => e.Note == "called her office about the budget");
    }

    // Item 9: people not yet assessed are not "well done".
    [Theory]
    [InlineData(null, "Mayor (Springfield)", "not yet assessed", "well done")]
    [InlineData("es", "Alcaldía (Springfield)", "sin evaluar", "buen trabajo")]
    public async Task StakeholderMap_TemplateNotAssessed_ListsHighInfluenceToAssess(string? locale, string mayor, string toAssess, string wellDone)
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var lead = bot.As(Platform.Slack, Role.Lead, locale: locale);
        await lead.SendAsync("/stakeholder template city Springfield");

        var map = await lead.SendAsync("/stakeholder map");

        var moveNext = Markup.ToPlainText(map.Reply.Fields[^1].Value);
        moveNext.Should().Contain(mayor).And.Contain(toAssess).And.NotContain(wellDone);
    }

    // Items 10 and 18: typos in places, and a button for everyone listed.
    [Fact]
    public async Task StakeholderFind_MisspeltJurisdiction_FindsEveryoneThere()
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var lead = await StakeholderTestBot.LeadWithMapAsync(bot);

        var found = await lead.SendAsync("/stakeholder find sprinfield");
        var map = await lead.SendAsync("/stakeholder map sprinfield");

        found.Reply.Title.Should().Be("3 found");
        map.Text.Should().Contain("3 on the map");
    }

    [Theory]
    [InlineData(null, "found")]
    [InlineData("es", "encontrados")]
    public async Task StakeholderFind_ManyMatches_GivesAButtonPerPersonShown(string? locale, string found)
    {
        await using var bot = await StakeholderTestBot.StartAsync();
        var lead = await StakeholderTestBot.LeadWithMapAsync(bot);
        var asLocale = bot.As(Platform.Slack, Role.Lead, user: "lena", locale: locale);
        await asLocale.SendAsync("/stakeholder template city Springfield");

        var reply = await asLocale.SendAsync("/stakeholder find council");

        reply.Reply.Title.Should().EndWith(found);
        reply.Reply.Buttons.Should().HaveCount(reply.Reply.Bullets.Count);
        reply.Reply.Buttons.Should().Contain(b => b.Label.StartsWith("Ana Ruiz", StringComparison.Ordinal));
    }

    // Item 2: the coalition's channels are used where a command names none.
    [Theory]
    [InlineData(null, "the coalition's reminders channel")]
    [InlineData("es", "el canal de recordatorios de la coalición")]
    public async Task MeetingAdd_NoChannel_UsesTheCoalitionsRemindersChannel(string? locale, string said)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["coalition", "meetings"]);
        await bot.As(Platform.Slack, Role.Admin, locale: locale).SendAsync("/coalition channel reminders #council");
        var lead = bot.As(Platform.Slack, Role.Lead, locale: locale);

        var added = await lead.SendAsync("/meeting add \"City Council\" \"2026-12-01 18:00\" repeat:\"every 1st and 3rd tuesday\"");
        var named = await lead.SendAsync("/meeting add Hearing \"2026-12-02 18:00\" channel:#hearings");

        Markup.ToPlainText(added.Reply.Fields[0].Value).Should().Contain($"#council ({said})");
        named.Text.Should().NotContain(said);
        var channels = await bot.InTenantAsync(Slack, sp => sp.GetRequiredService<MeetingsDbContext>().Meetings.OrderBy(m => m.Number).Select(m => m.ChannelId).ToListAsync());
        channels.Should().Equal("council", "hearings");
    }

    [Theory]
    [InlineData(null, "the coalition's announcements channel")]
    [InlineData("es", "el canal de anuncios de la coalición")]
    public async Task CampaignStart_CoalitionHasAnAnnouncementsChannel_AnnouncesThere(string? locale, string said)
    {
        await using var bot = await CampaignTestBot.StartAsync();
        await bot.Bot.As(Platform.Slack, Role.Admin, locale: locale).SendAsync("/coalition channel announcements #campaign-news");

        var started = await bot.Lead(locale: locale).SendAsync(CampaignTestBot.Start);

        Markup.ToPlainText(started.Reply.Fields[0].Value).Should().StartWith("#campaign-news, ").And.Contain(said);
        (await bot.CampaignAsync()).ChannelId.Should().Be("campaign-news");
    }

    // Item 5: a date without a time is as many days away as with one.
    [Theory]
    [InlineData(null, "in 98 days")]
    [InlineData("es", "en 98 días")]
    public async Task CampaignDate_WithOrWithoutTime_CountsCalendarDays(string? locale, string expected)
    {
        await using var bot = await CampaignTestBot.StartAsync();
        var lead = await bot.StartedAsync(locale: locale);

        var dateOnly = await lead.SendAsync("/campaign date add 2026-06-08 budget vote");
        var withTime = await lead.SendAsync("/campaign date add \"2026-06-08 18:00\" council vote");

        dateOnly.Text.Should().Contain(expected);
        withTime.Text.Should().Contain(expected);
    }

    // Item 15: the status's footer names an open item, the bars line up, and one active campaign is shown.
    [Theory]
    [InlineData(null, "Check items with `/campaign check 1.2`", "Next step: `/campaign advance`")]
    [InlineData("es", "Marque puntos con `/campaign check 1.2`", "Siguiente paso: `/campaign advance`")]
    public async Task CampaignStatus_Footer_NamesTheNextOpenItem_AndBarsLineUp(string? locale, string checkNext, string advance)
    {
        await using var bot = await CampaignTestBot.StartAsync();
        var lead = await bot.StartedAsync(locale: locale);
        await lead.SendAsync("/campaign check 1.1");
        var afterFirst = await lead.SendAsync("/campaign status");
        foreach (var item in new[] { "1.2", "1.3", "1.4", "1.5" })
        {
            (await lead.SendAsync($"/campaign check {item}")).IsSuccess.Should().BeTrue();
        }

        var allChecked = await lead.SendAsync("/campaign status");

        afterFirst.Reply.Footer.Should().StartWith(checkNext);
        allChecked.Reply.Footer.Should().StartWith(advance);
        var lines = Markup.ToPlainText(afterFirst.Reply.Fields[0].Value).Split('\n');
        lines.Should().HaveCount(6);
        lines.Select(l => l.IndexOf(locale == "es" ? "Paso" : "Step", StringComparison.Ordinal)).Distinct().Should().ContainSingle("every bar has the same width");
    }

    // Item 4: the README's task example on a coalition without a campaign.
    [Theory]
    [InlineData(null, "not linked to a campaign", "There is no campaign yet")]
    [InlineData("es", "sin vincular a una campaña", "Todavía no hay campañas")]
    public async Task TaskAssign_StepWithoutCampaign_CreatesTheTasksAndKeepsTheStep(string? locale, string unlinked, string why)
    {
        await using var bot = await Tasks.TaskTestBot.StartAsync(plugins: ["tasks", "stakeholders", "meetings", "campaigns"]);
        var lead = bot.Lead(locale: locale);
        (await lead.SendAsync("/stakeholder add \"Ana Ruiz\" kind:city-council-member")).IsSuccess.Should().BeTrue();

        var reply = await lead.SendAsync("/task assign @ana @luis \"Call Council Member Ruiz\" due:friday stakeholder:\"Ana Ruiz\" step:4");
        var wrongName = await lead.SendAsync("/task assign @ana \"Call Ruiz\" step:4 campaign:Nowhere");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain(unlinked).And.Contain(why);
        var tasks = await bot.TasksAsync();
        tasks.Should().HaveCount(2).And.OnlyContain(t => t.Step == Shared.CampaignStep.Negotiation && t.CampaignId == null && t.StakeholderName == "Ana Ruiz");
        wrongName.Kind.Should().Be(ResultKind.Invalid, "a campaign named explicitly must exist");
    }

    // Item 16: giving yourself a task.
    [Theory]
    [InlineData(null, "You gave yourself this task.")]
    [InlineData("es", "Usted se asignó esta tarea.")]
    public async Task TaskAssign_ToYourself_DirectMessageSaysSo(string? language, string said)
    {
        await using var bot = await Tasks.TaskTestBot.StartAsync();
        if (language is not null)
        {
            await bot.SetLanguageAsync("ana", language);
        }

        await bot.Member("ana").SendAsync("/task assign @ana \"Call Ruiz\"");
        await bot.DispatchAsync();

        var message = bot.Messages.To("ana").Should().ContainSingle().Subject;
        message.Text.Should().StartWith(said).And.NotContain("ana asked you");
    }

    // Item 17: a digest chosen after its time starts the next day, and it tells tasks as they are when it goes out.
    [Theory]
    [InlineData(null, "starting tomorrow")]
    [InlineData("es", "a partir de mañana")]
    public async Task TaskDigest_ChosenAfterItsTime_StartsTomorrow(string? locale, string said)
    {
        // Monday 12:39 in Chicago.
        await using var bot = await Tasks.TaskTestBot.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 18, 39, 0, TimeSpan.Zero)));
        await bot.SetCoalitionAsync(timeZone: "America/Chicago");
        var lead = bot.Lead(locale: locale);
        await lead.SendAsync("/task assign @ana \"Call Ruiz\"");

        var set = await lead.SendAsync("/task digest #organizers 08:00");
        var now = await bot.PlanDigestsAsync();
        bot.Clock.Advance(TimeSpan.FromHours(19.5));
        var tomorrow = await bot.PlanDigestsAsync();

        set.Text.Should().Contain(said);
        now.Should().Be(0, "the 08:00 digest was chosen at 12:39");
        tomorrow.Should().Be(1);
    }

    [Fact]
    public async Task TaskDigest_TaskDoneBeforeItGoesOut_IsListedAsFinished()
    {
        await using var bot = await Tasks.TaskTestBot.StartAsync();
        var lead = bot.Lead();
        await lead.SendAsync("/task digest #organizers 08:00");
        await lead.SendAsync("/task assign @ana \"Call Ruiz\"");
        await lead.SendAsync("/task assign @luis \"Book the room\"");
        bot.Clock.Advance(TimeSpan.FromDays(1));
        (await bot.PlanDigestsAsync()).Should().Be(1);

        await bot.Member("ana").SendAsync("/task done 1");
        await bot.DispatchAsync();

        var digest = bot.Messages.Sent.Single(s => s.Target.Channel is not null).Message;
        digest.Text.Should().Be("1 open, 0 overdue, 1 finished since yesterday.");
        digest.Fields.Select(f => f.Name).Should().Equal("luis", "Finished since yesterday (1)");
    }

    // Item 11: an RSVP shows the meeting's own local time.
    [Theory]
    [InlineData(null, "Friday, December 4, 7:00 PM (America/Chicago)")]
    [InlineData("es", "viernes 4 de diciembre, 19:00 (America/Chicago)")]
    public async Task PrivacyMe_Rsvp_ShowsTheMeetingsLocalTime(string? locale, string when)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["coalition", "meetings"]);
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition timezone America/Chicago");
        await bot.As(Platform.Slack, Role.Lead).SendAsync("/meeting add \"City Council\" \"2026-12-04 19:00\"");
        var ana = bot.As(Platform.Slack, user: "U0ANA", locale: locale);
        await ana.SendAsync("/meeting next");
        await ana.PressAsync(locale == "es" ? "Voy" : "Going");

        var mine = await ana.SendAsync("/privacy me");

        mine.Text.Should().Contain(when).And.NotContain("UTC");
    }

    // Item 13: one personal language setting, under two names.
    [Theory]
    [InlineData("/coalition me language es")]
    [InlineData("/tp lang es")]
    public async Task PersonalLanguage_EitherCommand_ChangesEveryAnswer(string command)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition", "tp"]);
        var ana = bot.As(Platform.Slack, user: "ana", locale: "en-US");

        var set = await ana.SendAsync(command);
        var help = await ana.SendAsync("/help");
        var shown = await ana.SendAsync("/coalition me language");

        set.Text.Should().StartWith("Listo: le responderé en español en todo");
        help.Reply.Title.Should().Be("Comandos");
        shown.Text.Should().Contain("Su idioma es es:").And.Contain("todas sus respuestas");
    }

    [Fact]
    public async Task Help_Coalition_ListsThePersonalLanguageForMembers()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help", "coalition"]);

        var reply = await bot.As(Platform.Slack).SendAsync("/help coalition");

        reply.Text.Should().Contain("/coalition me language").And.Contain("Your own language for every answer");
    }

    // Items 6 and 14: the coalition's own points, found by their tags and labelled with their language.
    [Theory]
    [InlineData("/tp jails")]
    [InlineData("/tp local-budget council")]
    public async Task Tp_TopicTaggedOnACoalitionPoint_FindsIt(string ask)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tp"]);
        var lead = bot.As(Platform.Slack, Role.Lead);
        (await lead.SendAsync("/tp add \"What the jail costs us\" Our county spends millions a year holding people for ICE. topics:local-budget,jails")).IsSuccess.Should().BeTrue();

        var reply = await bot.As(Platform.Slack).SendAsync(ask);

        reply.Reply.Fields.Select(f => f.Name).Should().Contain(n => n.Contains("What the jail costs us", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tp_SpanishTopicTaggedOnACoalitionPoint_FindsIt()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tp"]);
        var lead = bot.As(Platform.Slack, Role.Lead, locale: "es");
        (await lead.SendAsync("/tp add \"Lo que nos cuesta la cárcel\" El condado gasta millones al año en retener personas para ICE. topics:carceles")).IsSuccess.Should().BeTrue();

        var reply = await bot.As(Platform.Slack, locale: "es").SendAsync("/tp carceles");

        reply.Reply.Fields.Select(f => f.Name).Should().Contain(n => n.Contains("Lo que nos cuesta la cárcel", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("es", "/tp council lang:es", "Council budget first (solo en inglés)")]
    [InlineData("en", "/tp council lang:en", "Primero el presupuesto (only in Spanish)")]
    public async Task Tp_PointOnlyInTheOtherLanguage_SaysWhichLanguageItIsIn(string readerLocale, string ask, string field)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tp"]);
        var lead = bot.As(Platform.Slack, Role.Lead);
        await lead.SendAsync("/tp add \"Council budget first\" Local money for local needs. audiences:council lang:en");
        await lead.SendAsync("/tp add \"Primero el presupuesto\" Dinero local para necesidades locales. audiences:council lang:es");

        var reply = await bot.As(Platform.Slack, locale: readerLocale).SendAsync(ask);

        reply.Reply.Fields.Select(f => f.Name).Should().Contain(n => n.EndsWith(field, StringComparison.Ordinal));
    }

    // Item 7: a misspelt audience is still the audience, but a real topic word is not taken for one.
    [Theory]
    [InlineData(null, "/tp counsil", "Talking points · for council")]
    [InlineData(null, "/tp concil media", "Talking points: media · for council")]
    [InlineData("es", "/tp polisia", "Puntos clave · para policía y alguacil")]
    public async Task Tp_MisspeltAudience_IsReadAsTheAudience(string? locale, string ask, string title)
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tp"]);

        var reply = await bot.As(Platform.Slack, locale: locale).SendAsync(ask);

        reply.Reply.Title.Should().Be(title);
    }

    [Fact]
    public async Task Tp_TopicWordCloseToAnAudience_StaysATopic()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["tp"]);

        var reply = await bot.As(Platform.Slack).SendAsync("/tp policy");

        reply.Reply.Title.Should().Be("Talking points: policy");
    }
}
