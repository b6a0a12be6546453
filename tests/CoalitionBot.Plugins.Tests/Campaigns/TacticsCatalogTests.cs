using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.Campaigns;

namespace CoalitionBot.Plugins.Tests.Campaigns;

public class TacticsCatalogTests
{
    private const string Source = """{ "en": { "text": "Sharp" }, "es": { "text": "Sharp" } }""";

    private const string Good = """
        { "id": "petitions", "sharp": 6, "family": "protest", "municipal": true,
          "en": { "name": "Group or mass petitions", "text": "Collect signatures." }, "es": { "name": "Peticiones colectivas", "text": "Juntar firmas." } }
        """;

    [Fact]
    public void Load_ShippedCatalog_HasEnoughMethodsInEveryFamily_BilingualAndMunicipalFirst()
    {
        var catalog = TacticsCatalog.Load();

        catalog.Methods.Count.Should().BeGreaterThanOrEqualTo(TacticsCatalog.MinMethods);
        catalog.Methods.Select(m => m.Id).Should().OnlyHaveUniqueItems();
        catalog.Methods.Where(m => m.Sharp is not null).Select(m => m.Sharp).Should().OnlyHaveUniqueItems();
        foreach (var family in Enum.GetValues<TacticFamily>())
        {
            var methods = catalog.Of(family).ToList();
            methods.Should().HaveCountGreaterThanOrEqualTo(10, family.ToString());
            methods.SkipWhile(m => m.Municipal).Should().OnlyContain(m => !m.Municipal, "municipal methods come first in {0}", family);
        }

        catalog.Methods.Should().OnlyContain(m => m.English.Name != m.Spanish.Name || m.English.Text != m.Spanish.Text, "every method has a Spanish text of its own");
        catalog.Methods.Should().Contain(m => m.Id == "public-comment" && m.Municipal && m.Sharp == null);
        catalog.Of(TacticFamily.ProtestAndPersuasion).Where(m => m.Municipal).Select(m => m.Id)
            .Should().Contain(["petitions", "vigils", "teach-ins", "letters"]);
        catalog.Of(TacticFamily.Noncooperation).Where(m => m.Municipal).Select(m => m.Id).Should().Contain("consumer-boycott");
    }

    [Theory]
    [InlineData("""{ "id": "petitions", "sharp": 6, "family": "protest", "municipal": true, "en": { "name": "Petitions", "text": "Collect." }, "es": { "name": "Peticiones" } }""", "method \"petitions\": the es text is missing")]
    [InlineData("""{ "id": "petitions", "sharp": 160, "family": "protest", "municipal": true, "en": { "name": "P", "text": "C" }, "es": { "name": "P", "text": "J" } }""", "Sharp's method 160 belongs to intervention, not protest")]
    [InlineData("""{ "id": "petitions", "sharp": 199, "family": "protest", "municipal": true, "en": { "name": "P", "text": "C" }, "es": { "name": "P", "text": "J" } }""", "from 1 to 198")]
    [InlineData("""{ "id": "Petitions!", "family": "protest", "municipal": true, "en": { "name": "P", "text": "C" }, "es": { "name": "P", "text": "J" } }""", "lowercase letters")]
    [InlineData("""{ "id": "riots", "family": "violence", "municipal": true, "en": { "name": "P", "text": "C" }, "es": { "name": "P", "text": "J" } }""", "family \"violence\" must be")]
    [InlineData("""{ "id": "petitions", "family": "protest", "municipal": true, "colour": "red", "en": { "name": "P", "text": "C" }, "es": { "name": "P", "text": "J" } }""", "not valid JSON")]
    public void Parse_BadMethod_NamesItAndTheProblem(string method, string expected)
    {
        var parse = () => TacticsCatalog.Parse($$"""{ "source": {{Source}}, "methods": [ {{method}} ] }""", minMethods: 1);

        parse.Should().Throw<PluginConfigurationException>().Which.Message.Should().StartWith("campaigns: Content/tactics.json: ").And.Contain(expected);
    }

    [Fact]
    public void Parse_DuplicatesTooFewAndLongTexts_AreRefused()
    {
        var twice = () => TacticsCatalog.Parse($$"""{ "source": {{Source}}, "methods": [ {{Good}}, {{Good}} ] }""", minMethods: 1);
        var few = () => TacticsCatalog.Parse($$"""{ "source": {{Source}}, "methods": [ {{Good}} ] }""");
        var longText = () => TacticsCatalog.Parse($$"""{ "source": {{Source}}, "methods": [ {{Good.Replace("Collect signatures.", new string('x', 161), StringComparison.Ordinal)}} ] }""", minMethods: 1);
        var noMunicipal = () => TacticsCatalog.Parse($$"""{ "source": {{Source}}, "methods": [ {{Good.Replace("true", "false", StringComparison.Ordinal)}} ] }""", minMethods: 1);

        twice.Should().Throw<PluginConfigurationException>().WithMessage("*appears twice*");
        few.Should().Throw<PluginConfigurationException>().WithMessage("*has 1 methods; it needs at least 45*");
        longText.Should().Throw<PluginConfigurationException>().WithMessage("*the en text has 161 characters; keep it to 160*");
        noMunicipal.Should().Throw<PluginConfigurationException>().WithMessage("*protest and persuasion family has no method marked municipal*");
    }

    [Fact]
    public void Commands_FitDiscordsLimits()
    {
        var (commands, buttons) = CommandCatalog.Describe(CampaignsPlugin.PluginName, new CampaignsPlugin().Modules);

        var build = () => DiscordCommandBuilder.Build(new CommandCatalog(commands, buttons));

        build.Should().NotThrow();
        commands.Select(c => c.Path).Should().Contain(["campaign start", "campaign status", "campaign item add", "campaign advance", "campaign tactics", "campaign target add", "campaign date add", "campaign metric"]);
    }
}
