using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using CoalitionBot.Plugins.TalkingPoints;
using CoalitionBot.Testing;

namespace CoalitionBot.Plugins.Tests.TalkingPoints;

public abstract class TalkingPointsConversationTests(DatabaseProvider database) : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(plugins: ["help", "tp"], database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [DbTheory]
    [InlineData(Platform.Console)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Discord)]
    public async Task Tp_TopicAndAudience_SameAnswerOnEveryPlatform(Platform platform)
    {
        var reply = await _bot.As(platform).SendAsync("/tp detainers police");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Meaning.Title.Should().Be("Talking points: detainers · for police and sheriff");
        reply.Meaning.Fields.Should().HaveCountGreaterThan(1).And.HaveCountLessThanOrEqualTo(5);
        reply.Meaning.Ephemeral.Should().BeTrue();
        reply.Meaning.Buttons[0].Label.Should().Be("Share in channel");
        reply.Text.Should().Contain("ICE detainers are requests, not orders");
    }

    [DbFact]
    public async Task Tp_NamedAudienceOption_SameAsTheWord()
    {
        var ana = _bot.As(Platform.Discord);

        var typed = await ana.SendAsync("/tp detainers police");
        var named = await ana.SendOptionsAsync("tp", new Dictionary<string, string> { ["topic"] = "detainers", ["audience"] = "police" });

        named.Text.Should().Be(typed.Text);
    }

    [DbFact]
    public async Task Tp_AudienceOnly_GivesStarterPointsForIt()
    {
        var reply = await _bot.As(Platform.Console).SendAsync("/tp faith");

        reply.Reply.Title.Should().Be("Talking points · for faith communities");
        reply.Reply.Fields[0].Name.Should().Be("1. Faith traditions call us to welcome the stranger");
    }

    [DbFact]
    public async Task Tp_Nothing_ExplainsWhatToType()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("/tp detainers").And.Contain("/tp topics");
    }

    [DbFact]
    public async Task Tp_NoMatch_SaysSoAndSuggestsTopics()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp zzqx wvvk");

        reply.Kind.Should().Be(ResultKind.NotFound);
        reply.Text.Should().Contain("/tp topics");
    }

    [DbFact]
    public async Task Share_PressedByMember_PostsPubliclyWithCredit()
    {
        var ana = _bot.As(Platform.Slack, user: "U0ANA");
        var asked = await ana.SendAsync("/tp 287g");

        var shared = await ana.PressAsync("Share in channel");

        shared.IsSuccess.Should().BeTrue(shared.Text);
        shared.Reply.Ephemeral.Should().BeFalse();
        shared.Reply.Fields.Select(f => f.Name).Should().Equal(asked.Reply.Fields.Select(f => f.Name));
        shared.Reply.Footer.Should().Contain("Shared by <@U0ANA>");
        shared.Result.UpdatesOriginal.Should().BeFalse();
    }

    [DbFact]
    public async Task Share_ValueFromAnotherPackVersion_AsksToSearchAgain()
    {
        var pressed = await _bot.As(Platform.Slack).PressAsync(new ReplyButton(TalkingPointCards.ShareAction, "Share", "zzzz|en|p1,p2"));

        pressed.Kind.Should().Be(ResultKind.Invalid);
        pressed.Text.Should().Contain("run /tp again");
    }

    [DbFact]
    public async Task More_ShowsDetailsAndSource()
    {
        var ana = _bot.As(Platform.Console);
        await ana.SendAsync("/tp detainers are requests");

        var more = await ana.PressAsync("More on 1");

        more.Reply.Title.Should().Be("ICE detainers are requests, not orders");
        more.Reply.Text.Should().Contain("Galarza v. Szalczyk");
        more.Reply.Footer.Should().Contain("Source: ").And.Contain("reviewed");
    }

    [DbTheory]
    [InlineData("es-419", "Puntos clave: detainers")]
    [InlineData("es-ES", "Puntos clave: detainers")]
    [InlineData("en-US", "Talking points: detainers")]
    [InlineData("fr", "Talking points: detainers")]
    [InlineData(null, "Talking points: detainers")]
    public async Task Tp_PlatformLocale_ChoosesTheLanguage(string? locale, string title)
    {
        var reply = await _bot.As(Platform.Discord, locale: locale).SendAsync("/tp detainers");

        reply.Reply.Title.Should().Be(title);
    }

    [DbFact]
    public async Task Tp_PreferenceBeatsLocale_AndExplicitLangBeatsBoth()
    {
        var ana = _bot.As(Platform.Discord, user: "pref-user", locale: "en-US");
        (await ana.SendAsync("/tp lang es")).Text.Should().Be("Listo: le responderé en español en todo (respuestas, mensajes directos y puntos clave).");

        var preferred = await ana.SendAsync("/tp detainers");
        var explicitLang = await ana.SendAsync("/tp detainers lang:en");
        await ana.SendAsync("/tp lang auto");
        var back = await ana.SendAsync("/tp detainers");

        preferred.Reply.Title.Should().StartWith("Puntos clave");
        preferred.Reply.Fields[0].Name.Should().Contain("detención");
        explicitLang.Reply.Title.Should().StartWith("Talking points");
        back.Reply.Title.Should().StartWith("Talking points");
    }

    [DbFact]
    public async Task Rebut_Objection_AnswersWithTheRebuttal()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp rebut it protects criminals");

        reply.Reply.Title.Should().Be("Sanctuary policies do not shield anyone from criminal charges");
        reply.Text.Should().Contain("Objection: “It protects criminals”");
    }

    [DbFact]
    public async Task Rebut_UnknownObjection_ListsTheKnownOnes()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp rebut qqq zzz");

        reply.Text.Should().Contain("I have no answer").And.Contain("“It protects criminals”");
    }

    [DbFact]
    public async Task Topics_CountsPointsPerAudience()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp topics");

        reply.Text.Should().MatchRegex(@"detainers — \d+: council \d+");
        reply.Text.Should().Contain("of them answers to objections");
    }

    [DbFact]
    public async Task Add_ByLead_IsSearchableInThatCoalitionOnly()
    {
        var lead = _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD");
        var added = await lead.SendAsync("/tp add \"Bus route cuts hurt workers\" Springfield's bus cuts hit night-shift workers hardest. audiences:council,negocios topics:transit");

        added.IsSuccess.Should().BeTrue(added.Text);
        added.Text.Should().Contain("bus-route-cuts-hurt-workers");
        var found = await _bot.As(Platform.Slack).SendAsync("/tp bus cuts");
        var elsewhere = await _bot.As(Platform.Discord).SendAsync("/tp bus cuts");
        var shown = await _bot.As(Platform.Slack).SendAsync("/tp show bus-route-cuts-hurt-workers");

        found.Reply.Fields[0].Name.Should().Be("1. Bus route cuts hurt workers");
        elsewhere.Text.Should().NotContain("Bus route cuts");
        shown.Text.Should().Contain("For: council, business").And.Contain("Written by your coalition");
    }

    [DbFact]
    public async Task Add_LanguageCodeLongerThanTwoLetters_IsStoredAndShown()
    {
        // The only loaded code longer than two letters in this bot is the pseudo-locale; an added hmn or zh-Hant is stored the same way.
        var lead = _bot.As(Platform.Slack, Role.Lead);
        (await lead.SendAsync("/tp add \"Long code point\" Written under a long language code. topics:longcode lang:qps-ploc")).IsSuccess.Should().BeTrue();

        var found = await _bot.As(Platform.Slack).SendAsync("/tp longcode");

        found.Reply.Fields[0].Name.Should().StartWith("1. Long code point (only in ");
    }

    [DbFact]
    public async Task Add_UserTextWithMentionsAndMarkup_IsShownLiterally()
    {
        var lead = _bot.As(Platform.Slack, Role.Lead);
        await lead.SendAsync("/tp add \"<!channel> **urgent**\" Call [now](https://evil.example) <@U123> topics:urgent");

        var found = await _bot.As(Platform.Slack).SendAsync("/tp urgent");

        var value = found.Reply.Fields[0].Value;
        Markup.Parse(value).Should().ContainSingle().Which.Should().Be(new MarkupNode.Text("Call [now](https://evil.example) <@U123>"));
    }

    [DbFact]
    public async Task Add_ByMember_IsForbiddenAndStoresNothing()
    {
        var reply = await _bot.As(Platform.Slack).SendAsync("/tp add \"Member point\" Some text topics:membertopic");
        var search = await _bot.As(Platform.Slack).SendAsync("/tp membertopic");

        reply.Kind.Should().Be(ResultKind.Forbidden);
        search.Kind.Should().Be(ResultKind.NotFound);
    }

    [DbFact]
    public async Task Add_BadAudience_IsAClearErrorAndStoresNothing()
    {
        var lead = _bot.As(Platform.Slack, Role.Lead);

        var reply = await lead.SendAsync("/tp add \"Rail point\" Trains matter. audiences:mayors topics:railway");
        var search = await lead.SendAsync("/tp railway");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("mayors is not an audience");
        search.Kind.Should().Be(ResultKind.NotFound);
    }

    [DbFact]
    public async Task EditAndRemove_CoalitionPoint_WithConfirmation()
    {
        var lead = _bot.As(Platform.Discord, Role.Lead);
        await lead.SendAsync("/tp add \"Parks for all\" Parks serve every family. topics:parks");

        var edited = await lead.SendAsync("/tp edit parks-for-all text:\"Parks and pools serve every family.\"");
        var after = await lead.SendAsync("/tp show parks-for-all");
        var asked = await lead.SendAsync("/tp remove parks-for-all");
        var cancelled = await lead.PressAsync("Cancel");
        var stillThere = await lead.SendAsync("/tp show parks-for-all");
        await lead.SendAsync("/tp remove parks-for-all");
        var removed = await lead.PressAsync("Delete");
        var gone = await lead.SendAsync("/tp show parks-for-all");

        edited.IsSuccess.Should().BeTrue(edited.Text);
        after.Reply.Text.Should().Be("Parks and pools serve every family.");
        asked.Reply.Buttons.Select(b => b.Label).Should().Equal("Delete", "Cancel");
        cancelled.Result.UpdatesOriginal.Should().BeTrue();
        stillThere.IsSuccess.Should().BeTrue();
        removed.Text.Should().Contain("Deleted parks-for-all");
        gone.Kind.Should().Be(ResultKind.NotFound);
    }

    [DbFact]
    public async Task Edit_ShippedPoint_ExplainsHideAndAdd()
    {
        var reply = await _bot.As(Platform.Slack, Role.Lead).SendAsync("/tp edit detainers-are-requests text:\"x\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("/tp hide detainers-are-requests");
    }

    [DbFact]
    public async Task HideAndUnhide_ShippedPoint_LeavesOtherCoalitionsAlone()
    {
        var lead = _bot.As(Platform.Slack, Role.Lead);
        await lead.SendAsync("/tp hide detainers-are-requests");

        var hidden = await _bot.As(Platform.Slack).SendAsync("/tp detainers are requests");
        var elsewhere = await _bot.As(Platform.Discord).SendAsync("/tp detainers are requests");
        var show = await _bot.As(Platform.Slack).SendAsync("/tp show detainers-are-requests");
        await lead.SendAsync("/tp unhide detainers-are-requests");
        var back = await _bot.As(Platform.Slack).SendAsync("/tp detainers are requests");

        hidden.Text.Should().NotContain("ICE detainers are requests, not orders");
        show.Kind.Should().Be(ResultKind.NotFound);
        elsewhere.Text.Should().Contain("ICE detainers are requests, not orders");
        back.Text.Should().Contain("ICE detainers are requests, not orders");
    }

    [DbFact]
    public async Task Autocomplete_Topic_SuggestsTitlesFillingIds()
    {
        var caller = _bot.As(Platform.Discord).Caller;

        var choices = await _bot.Router.AutocompleteAsync(new AutocompleteRequest(caller, "tp", "topic", "detain"), CancellationToken.None);

        choices.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(25);
        choices.Should().Contain(c => c.Value == "detainers-are-requests" && c.Name == "ICE detainers are requests, not orders");
        var picked = await _bot.As(Platform.Discord).SendOptionsAsync("tp", new Dictionary<string, string> { ["topic"] = "detainers-are-requests" });
        picked.Reply.Fields[0].Name.Should().Be("1. ICE detainers are requests, not orders");
    }

    [DbFact]
    public async Task Help_ListsTheTpCommandsByRole()
    {
        var member = await _bot.As(Platform.Slack).SendAsync("/help");
        var lead = await _bot.As(Platform.Slack, Role.Lead).SendAsync("/help");

        member.Text.Should().Contain("/tp rebut").And.NotContain("/tp add");
        lead.Text.Should().Contain("/tp add").And.Contain("(leads)");
    }

    [DbFact]
    public void Settings_MaxResultsOutOfRange_StopsStartUpNamingTheField()
    {
        var entry = new PluginEntry("tp", true, null, System.Text.Json.JsonDocument.Parse("""{ "maxResults": 9 }""").RootElement);

        var act = () => PluginLoader.BindSettings(entry, new TalkingPointsPlugin());

        act.Should().Throw<PluginConfigurationException>().WithMessage("plugins.json: plugin \"tp\": settings.maxResults:*");
    }
}

public sealed class TalkingPointsConversationTestsOnSqlite() : TalkingPointsConversationTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class TalkingPointsConversationTestsOnPostgres() : TalkingPointsConversationTests(DatabaseProvider.Postgres);
