using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using static CoalitionBot.Plugins.Tests.Stakeholders.StakeholderTestBot;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

public class StakeholderCommandsTests
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);

    [Theory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Find_ByNameOfficeOrTag_ListsMatchesWithButtons(Platform platform)
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot, platform);
        var member = bot.As(platform);

        var byTag = await member.SendAsync("/stakeholder find budget");
        var byKind = await member.SendAsync("/stakeholder find alguacil");
        var typo = await member.SendAsync("/stakeholder find ramires");

        byTag.Text.Should().Contain("Ana Ruiz").And.NotContain("Tomás Ruiz");
        byKind.Text.Should().Contain("Tomás Ruiz").And.NotContain("Ana Ruiz");
        typo.Text.Should().Contain("Carmen Ramírez");
        typo.Meaning.Buttons.Should().ContainSingle().Which.Label.Should().StartWith("Carmen Ramírez");
    }

    [Fact]
    public async Task Find_NoMatch_SaysSo()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var reply = await bot.As(Platform.Slack).SendAsync("/stakeholder find zoning");

        reply.Kind.Should().Be(ResultKind.NotFound);
        reply.Text.Should().Contain("Nobody on the map matches “zoning”");
    }

    [Theory]
    [InlineData("Council Member Ana Ruiz")]
    [InlineData("ana ruiz")]
    [InlineData("ANA RUÍZ")]
    [InlineData("Councilwoman Ana Ruiz")]
    public async Task Show_CaseAccentsAndTitles_FindTheSamePerson(string typed)
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var reply = await bot.As(Platform.Slack).SendAsync($"/stakeholder show {typed}");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Reply.Title.Should().Be("Ana Ruiz");
        reply.Text.Should().Contain("Stance: Neutral").And.Contain("Influence: High").And.Contain("Last contact: never");
    }

    [Fact]
    public async Task Show_AccentlessSurname_FindsTheAccentedName()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var reply = await bot.As(Platform.Slack).SendAsync("/stakeholder show Mayor Ramirez");

        reply.Reply.Title.Should().Be("Carmen Ramírez", reply.Text);
    }

    [Fact]
    public async Task Show_TitleNamesTheOffice_PicksThatKind()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var reply = await bot.As(Platform.Slack).SendAsync("/stakeholder show Sheriff Ruiz");

        reply.Reply.Title.Should().Be("Tomás Ruiz");
    }

    [Theory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Show_AmbiguousName_OffersPickListNotAGuess(Platform platform)
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot, platform);
        var member = bot.As(platform);

        var reply = await member.SendAsync("/stakeholder show Ruiz");

        reply.Text.Should().Contain("Several stakeholders match “Ruiz”. Which one?");
        reply.Meaning.Buttons.Select(b => b.Label).Should().Equal(
            "Ana Ruiz — City council member, Springfield", "Tomás Ruiz — Sheriff, Lake County");
        reply.Meaning.Ephemeral.Should().BeTrue();

        var picked = await member.PressAsync("Tomás Ruiz — Sheriff, Lake County");

        picked.Result.UpdatesOriginal.Should().BeTrue();
        picked.Meaning.Title.Should().Be("Tomás Ruiz");
    }

    [Fact]
    public async Task Stance_AmbiguousName_PickCompletesTheStanceForThePickedOne()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        var list = await lead.SendAsync("/stakeholder stance Ruiz passive-ally agreed to meet after the forum");
        var ana = list.Reply.Buttons.Single(b => b.Label.StartsWith("Ana Ruiz", StringComparison.Ordinal));
        var done = await lead.PressAsync(ana);
        var again = await lead.PressAsync(ana);

        done.Text.Should().Contain("Ana Ruiz: Neutral → Passive ally");
        (await OneAsync(bot, Slack, "Ana Ruiz")).Stance.Should().Be(Stance.PassiveAlly);
        (await OneAsync(bot, Slack, "Tomás Ruiz")).Stance.Should().Be(Stance.PassiveOpponent);
        var stances = (await EventsAsync(bot, Slack)).Where(e => e.Kind == StakeholderEventKind.StanceChanged).ToList();
        stances.Should().ContainSingle().Which.Note.Should().Be("agreed to meet after the forum");
        again.Kind.Should().Be(ResultKind.Invalid);
        again.Text.Should().Contain("That list has expired");
    }

    [Fact]
    public async Task Pick_PressedBySomeoneElse_IsRefused()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);
        var list = await lead.SendAsync("/stakeholder contact Ruiz called the office");
        var other = bot.As(Platform.Slack, Role.Lead, user: "otto");

        var reply = await other.PressAsync(list.Reply.Buttons[0]);

        reply.Kind.Should().Be(ResultKind.Forbidden);
        (await EventsAsync(bot, Slack)).Should().NotContain(e => e.Kind == StakeholderEventKind.Contact);
    }

    [Theory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Stance_Member_IsForbiddenAndChangesNothing(Platform platform)
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot, platform);
        var before = await EventsAsync(bot, TestBot.DefaultTenant(platform));

        var reply = await bot.As(platform, Role.Member).SendAsync("/stakeholder stance \"Ana Ruiz\" active-ally");

        reply.Kind.Should().Be(ResultKind.Forbidden);
        reply.Text.Should().Contain("/stakeholder stance is for leads");
        (await OneAsync(bot, TestBot.DefaultTenant(platform), "Ana Ruiz")).Stance.Should().Be(Stance.Neutral);
        (await EventsAsync(bot, TestBot.DefaultTenant(platform))).Should().HaveCount(before.Count);
    }

    [Theory]
    [InlineData("/stakeholder update \"Ana Ruiz\" phone:555-0100")]
    [InlineData("/stakeholder add \"Luis Soto\"")]
    [InlineData("/stakeholder remove \"Ana Ruiz\"")]
    [InlineData("/stakeholder template city Shelbyville")]
    public async Task LeadCommands_Member_AreForbidden(string command)
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var count = (await EventsAsync(bot, Slack)).Count;

        var reply = await bot.As(Platform.Slack, Role.Member).SendAsync(command);

        reply.Kind.Should().Be(ResultKind.Forbidden);
        (await EventsAsync(bot, Slack)).Should().HaveCount(count);
    }

    [Fact]
    public async Task Stance_EveryChange_IsKeptInHistoryWithWhoAndWhen()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        await lead.SendAsync("/stakeholder stance \"Ana Ruiz\" passive-ally she co-sponsored the resolution");
        bot.Clock.Advance(TimeSpan.FromDays(3));
        await lead.SendAsync("/stakeholder stance \"Ana Ruiz\" aliado-activo");
        bot.Clock.Advance(TimeSpan.FromDays(1));
        await lead.SendAsync("/stakeholder stance \"Ana Ruiz\" active-ally still with us");

        var ana = await OneAsync(bot, Slack, "Ana Ruiz");
        var stances = (await EventsAsync(bot, Slack)).Where(e => e.StakeholderId == ana.Id && e.Kind == StakeholderEventKind.StanceChanged).ToList();
        stances.Select(e => (e.OldValue, e.NewValue)).Should().Equal(
            ("neutral", "passive-ally"), ("passive-ally", "active-ally"), ("active-ally", "active-ally"));
        stances.Should().OnlyContain(e => e.ByUserId == "lena" && e.ByName == "lena");
        stances.Select(e => e.At).Should().Equal(
            new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero));
        ana.LastAssessedAt.Should().Be(new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Contact_AnyMember_LogsItAndTheCardSaysWhenInTheReadersLanguage()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var member = bot.As(Platform.Slack, Role.Member, user: "maria");

        var logged = await member.SendAsync("/stakeholder contact Ana Ruiz called her office about the detainer policy");
        bot.Clock.Advance(TimeSpan.FromDays(21));
        var english = await member.SendAsync("/stakeholder show Ana Ruiz");
        var spanish = await bot.As(Platform.Slack, locale: "es-MX").SendAsync("/stakeholder show Ana Ruiz");

        logged.Text.Should().Contain("Contact logged with Ana Ruiz");
        var contact = (await EventsAsync(bot, Slack)).Single(e => e.Kind == StakeholderEventKind.Contact);
        contact.Note.Should().Be("called her office about the detainer policy");
        contact.ByName.Should().Be("maria");
        english.Text.Should().Contain("Last contact: 21 days ago").And.Contain("maria: contact (called her office about the detainer policy)");
        spanish.Text.Should().Contain("Último contacto: hace 21 días");
    }

    [Fact]
    public async Task Update_SeveralFields_OneHistoryEntryPerChangedField()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        var reply = await lead.SendAsync("/stakeholder update \"Ana Ruiz\" phone:+1 555 010 0199 office:District 3 influence:high");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        var ana = await OneAsync(bot, Slack, "Ana Ruiz");
        ana.Phone.Should().Be("+1 555 010 0199");
        ana.Office.Should().Be("District 3");
        var changes = (await EventsAsync(bot, Slack)).Where(e => e.StakeholderId == ana.Id && e.Kind == StakeholderEventKind.Changed).ToList();
        changes.Select(e => (e.Field, e.OldValue, e.NewValue)).Should().Equal(("phone", null, "+1 555 010 0199"), ("office", null, "District 3"));
    }

    [Theory]
    [InlineData("/stakeholder update \"Ana Ruiz\" phone:555-0100 email:not-an-email", "not an email address")]
    [InlineData("/stakeholder update \"Ana Ruiz\" stance:friendly", "friendly is not one of")]
    [InlineData("/stakeholder update \"Ana Ruiz\" shoe:9", "There is no field shoe")]
    [InlineData("/stakeholder update \"Ana Ruiz\" immigration-status:x", "never stores anyone's immigration status")]
    [InlineData("/stakeholder update \"Ana Ruiz\" last-contact:2026-01-01", "is set by /stakeholder contact")]
    public async Task Update_BadInput_ClearErrorAndNothingChanges(string command, string expected)
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);
        var before = await OneAsync(bot, Slack, "Ana Ruiz");
        var events = (await EventsAsync(bot, Slack)).Count;

        var reply = await lead.SendAsync(command);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain(expected);
        (await OneAsync(bot, Slack, "Ana Ruiz")).Should().BeEquivalentTo(before);
        (await EventsAsync(bot, Slack)).Should().HaveCount(events);
    }

    [Fact]
    public async Task Update_Rename_ToATakenName_IsRefused()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        var reply = await lead.SendAsync("/stakeholder update \"Ana Ruiz\" name:\"carmen ramirez\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        (await StakeholdersAsync(bot, Slack)).Select(s => s.Name).Should().Contain("Ana Ruiz");
    }

    [Fact]
    public async Task Add_SameNameWithOtherAccents_IsRefused()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        var reply = await lead.SendAsync("/stakeholder add \"carmen ramirez\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("already on the map");
        (await StakeholdersAsync(bot, Slack)).Should().HaveCount(4);
    }

    [Fact]
    public async Task Remove_AsksFirst_ThenRemovesAndKeepsHistory()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);
        var ana = await OneAsync(bot, Slack, "Ana Ruiz");

        var ask = await lead.SendAsync("/stakeholder remove Ana Ruiz");
        (await StakeholdersAsync(bot, Slack)).Should().HaveCount(4);
        var cancelled = await lead.PressAsync("Cancel");
        (await StakeholdersAsync(bot, Slack)).Should().HaveCount(4);
        await lead.SendAsync("/stakeholder remove Ana Ruiz");
        var removed = await lead.PressAsync("Remove");

        ask.Text.Should().Contain("Remove Ana Ruiz from the map?");
        cancelled.Text.Should().Contain("Nothing was removed");
        removed.Text.Should().Contain("Removed from the map: Ana Ruiz");
        (await StakeholdersAsync(bot, Slack)).Select(s => s.Name).Should().NotContain("Ana Ruiz");
        (await EventsAsync(bot, Slack)).Where(e => e.StakeholderId == ana.Id).Select(e => e.Kind)
            .Should().Equal(StakeholderEventKind.Added, StakeholderEventKind.Removed);
    }

    [Theory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Map_GroupsBySpectrum_AndNamesMoveableHighInfluenceWithoutRecentContact(Platform platform)
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot, platform);
        await lead.SendAsync("/stakeholder add \"Police Chief Dana Webb\" kind:police-chief jurisdiction:Springfield influence:high stance:neutral");
        await lead.SendAsync("/stakeholder contact \"Dana Webb\" met at the precinct");
        bot.Clock.Advance(TimeSpan.FromDays(10));

        var reply = await bot.As(platform).SendAsync("/stakeholder map");

        var fields = reply.Meaning.Fields.ToDictionary(f => f.Name, f => f.Value);
        fields["Active ally (1)"].Should().Be("Carmen Ramírez");
        fields["Passive ally (1)"].Should().Be("First Baptist Church");
        fields["Neutral (2)"].Should().Be("Ana Ruiz ★, Police Chief Dana Webb ★");
        fields["Passive opponent (1)"].Should().Be("Tomás Ruiz ★");
        fields["Active opponent (0)"].Should().Be("—");
        var move = fields.Single(f => f.Key.StartsWith("Move next", StringComparison.Ordinal)).Value;
        move.Should().Contain("Ana Ruiz").And.Contain("Tomás Ruiz").And.NotContain("Dana Webb").And.NotContain("Carmen");
    }

    [Fact]
    public async Task Map_Jurisdiction_ShowsOnlyThatPlace_UnknownPlaceSaysWhichExist()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var member = bot.As(Platform.Slack);

        var lake = await member.SendAsync("/stakeholder map lake county");
        var nowhere = await member.SendAsync("/stakeholder map Shelbyville");

        lake.Reply.Title.Should().Be("Spectrum of allies — Lake County");
        lake.Text.Should().Contain("Tomás Ruiz").And.NotContain("Ana Ruiz");
        nowhere.Kind.Should().Be(ResultKind.NotFound);
        nowhere.Text.Should().Contain("Jurisdictions: Lake County, Springfield");
    }

    [Fact]
    public async Task Stale_ListsThoseNotContactedOrReassessedInTheWindow()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);
        bot.Clock.Advance(TimeSpan.FromDays(40));
        await lead.SendAsync("/stakeholder contact \"Ana Ruiz\" phone bank follow-up");
        await lead.SendAsync("/stakeholder stance \"Carmen Ramírez\" active-ally");

        var stale = await bot.As(Platform.Slack).SendAsync("/stakeholder stale");
        var wide = await bot.As(Platform.Slack).SendAsync("/stakeholder stale 60");

        stale.Reply.Title.Should().Be("Not touched in 30 days (2)");
        stale.Text.Should().Contain("Tomás Ruiz").And.Contain("First Baptist Church").And.NotContain("Ana Ruiz").And.NotContain("Carmen");
        stale.Text.Should().Contain("assessed 40 days ago");
        wide.Text.Should().Contain("Everyone was contacted or re-assessed in the last 60 days");
    }

    [Theory]
    [InlineData("/stakeholder map")]
    [InlineData("/stakeholder stale")]
    public async Task MapAndStale_EmptyMap_SayHowToStart(string command)
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Console).SendAsync(command);

        reply.Kind.Should().Be(ResultKind.NotFound);
        reply.Text.Should().Contain("The map is empty. Leads can start with /stakeholder template city <name>");
    }

    [Fact]
    public async Task Template_City_AddsPlaceholdersOnce()
    {
        await using var bot = await StartAsync();
        var lead = bot.As(Platform.Slack, Role.Lead);

        var first = await lead.SendAsync("/stakeholder template city Springfield");
        var second = await lead.SendAsync("/stakeholder template ciudad springfield");
        var county = await lead.SendAsync("/stakeholder template county Lake County");

        first.Reply.Title.Should().Be("Springfield: 8 decision makers added");
        second.Reply.Title.Should().Be("springfield: 0 decision makers added");
        county.Reply.Title.Should().Be("Lake County: 7 decision makers added");
        var all = await StakeholdersAsync(bot, Slack);
        all.Should().HaveCount(15);
        all.Where(s => s.Kind == StakeholderKind.CityCouncilMember).Should().HaveCount(5).And.OnlyContain(s => s.Level == JurisdictionLevel.City && s.Jurisdiction == "Springfield");
        all.Should().ContainSingle(s => s.Kind == StakeholderKind.Sheriff && s.Name == "Sheriff (Lake County)");
        all.Should().OnlyContain(s => s.Stance == Stance.Unknown);
    }

    [Fact]
    public async Task Spanish_ChoicesAndReplies()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var lider = bot.As(Platform.Discord, Role.Lead, locale: "es-419", tenant: Slack);

        var reply = await lider.SendAsync("/stakeholder stance \"Tomás Ruiz\" opositor-activo");
        var map = await lider.SendAsync("/stakeholder map");

        reply.Text.Should().Contain("Tomás Ruiz: Opositor pasivo → Opositor activo");
        map.Reply.Title.Should().Be("Espectro de aliados");
        map.Text.Should().Contain("Opositor activo (1): Tomás Ruiz ★");
    }

    [Fact]
    public async Task Tenants_SeeOnlyTheirOwnMap()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot, Platform.Slack);
        var discord = bot.As(Platform.Discord, Role.Lead);

        var show = await discord.SendAsync("/stakeholder show Ana Ruiz");
        var add = await discord.SendAsync("/stakeholder add \"Ana Ruiz\" kind:media");
        var stance = await discord.SendAsync("/stakeholder stance \"Ana Ruiz\" active-ally");

        show.Kind.Should().Be(ResultKind.NotFound);
        add.IsSuccess.Should().BeTrue(add.Text);
        stance.IsSuccess.Should().BeTrue();
        (await OneAsync(bot, Slack, "Ana Ruiz")).Should().Match<Stakeholder>(s => s.Stance == Stance.Neutral && s.Kind == StakeholderKind.CityCouncilMember);
        (await OneAsync(bot, TestBot.DefaultTenant(Platform.Discord), "Ana Ruiz")).Stance.Should().Be(Stance.ActiveAlly);
        (await EventsAsync(bot, TestBot.DefaultTenant(Platform.Discord))).Should().HaveCount(2);
    }

    [Fact]
    public async Task Help_Stakeholder_SaysOfficialsOnlyAndNoImmigrationStatus()
    {
        await using var bot = await StartAsync();

        var reply = await bot.As(Platform.Slack, Role.Lead).SendAsync("/help stakeholder");

        reply.Text.Should().Contain("never anyone's immigration status").And.Contain("(not community members)");
    }
}
