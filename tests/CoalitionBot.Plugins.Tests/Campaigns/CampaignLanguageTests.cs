using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Campaigns;

/// <summary>A coalition translates the campaign toolkit (step names, checklist items, tactics) into Haitian Creole with files only.</summary>
public sealed class CampaignLanguageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cb-camp-lang-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task LanguageFolder_OneChecklistItemAndOneTactic_ShownInHaitianCreoleWithEnglishForTheRest()
    {
        await using var bot = await StartWithHaitianAsync("""
            {
              "campaigns.step.1": "Rasanble enfòmasyon",
              "campaigns.checklist.1.data": "Ranmase done (demann dosye piblik, bidjè, anrejistreman nan prizon)",
              "campaigns.tactic.public-comment.name": "Kòmantè piblik nan reyinyon konsèy la",
              "campaigns.tactic.no-such-method.name": "Pa egziste"
            }
            """);
        var lead = bot.As(Platform.Slack, Role.Lead, user: "lena");
        (await lead.SendAsync(CampaignTestBot.Start)).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/campaign item add 1 Call the sheriff's office")).IsSuccess.Should().BeTrue();
        var haitian = bot.As(Platform.Slack, user: "cy", locale: "ht");

        var status = await haitian.SendAsync("/campaign status");
        var tactics = await haitian.SendAsync("/campaign tactics");

        bot.Services.GetRequiredService<LanguageCatalogs>().Problems.Should().ContainSingle()
            .Which.Should().Contain("\"campaigns.tactic.no-such-method.name\" is not a key the bot knows");
        status.Reply.Title.Should().Be("Springfield — step 1 of 6: Rasanble enfòmasyon");
        var open = status.Field("Still open in step 1");
        open.Should().Contain("1.3 Ranmase done (demann dosye piblik, bidjè, anrejistreman nan prizon)", "the translated default item")
            .And.Contain("1.1 Map the decision makers", "an item ht lacks comes in English")
            .And.Contain("1.6 Call the sheriff's office", "an item a lead typed shows as typed");
        var protest = tactics.Meaning.Fields[0].Value;
        protest.Should().Contain("🏛 Kòmantè piblik nan reyinyon konsèy la — Many residents sign up to speak during public comment")
            .And.Contain("🏛 Public speeches (#1) — ");
        (await lead.SendAsync("/campaign status")).Field("Still open in step 1").Should().Contain("1.3 Gather data (public records requests", "English readers keep English");
    }

    [Fact]
    public async Task Check_TranslatedItemText_FindsTheDefaultItemWhoeverTypesIt()
    {
        await using var bot = await StartWithHaitianAsync("""{ "campaigns.checklist.1.data": "Ranmase done" }""");
        var lead = bot.As(Platform.Slack, Role.Lead, user: "lena");
        await lead.SendAsync(CampaignTestBot.Start);

        var byCreole = await lead.SendAsync("/campaign check ranmase");

        byCreole.IsSuccess.Should().BeTrue(byCreole.Text);
        byCreole.Text.Should().Contain("1.3 Gather data");
    }

    [Fact]
    public void CatalogTexts_ShippedTactics_EveryMethodNamedAndDescribedInEnglishAndSpanish()
    {
        var catalogs = Load(new CampaignsPlugin());

        catalogs.Problems.Should().BeEmpty();
        foreach (var method in TacticsCatalog.Shipped.Methods)
        {
            catalogs.Find(LanguageCatalogs.English, method.NameKey)!.Value.Entry.Template.Text.Should().Be(method.English.Name);
            catalogs.Find(LanguageCatalogs.Spanish, method.TextKey)!.Value.Entry.Template.Text.Should().Be(method.Spanish.Text);
        }

        catalogs.Find(LanguageCatalogs.English, TacticsCatalog.SourceKey)!.Value.Entry.Note.Should().Contain("/campaign tactics");
        catalogs.Completeness(LanguageCatalogs.Spanish, CampaignsPlugin.PluginName).Should().Match<(int Translated, int Total)>(c => c.Translated == c.Total);
    }

    [Fact]
    public void Load_PluginNotLoaded_ItsCommandTranslationsAreSkippedWithoutAProblem()
    {
        var catalogs = Load(new Help.HelpPlugin());

        catalogs.Problems.Should().BeEmpty("the Spanish descriptions of the commands of a plugin that is off name no mistake");
        catalogs.EnglishEntries.Keys.Should().NotContain(k => k.StartsWith("campaigns.command.", StringComparison.Ordinal));
        catalogs.EnglishEntries.Should().ContainKey("campaigns.status.progress", "other plugins may show a plugin's strings");
        CommandTexts.IsDescriptionKey("campaigns.command.campaign.start.option.name").Should().BeTrue();
        CommandTexts.IsDescriptionKey("campaigns.plugin").Should().BeTrue();
        CommandTexts.IsDescriptionKey("campaigns.status.progress").Should().BeFalse();
    }

    /// <summary>A bot with the campaigns plugin and a languages folder holding <c>ht/campaigns.json</c>.</summary>
    private async Task<TestBot> StartWithHaitianAsync(string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "ht"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "ht", "campaigns.json"), json);
        return await TestBot.StartAsync(
            plugins: ["help", "coalition", "campaigns"],
            configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = _folder });
    }

    /// <summary>The catalogs as the host loads them with only <paramref name="plugin"/> on: Core's and the plugins assembly's, and its commands.</summary>
    private static LanguageCatalogs Load(IBotPlugin plugin)
    {
        var (commands, buttons) = CommandCatalog.Describe(plugin.Name, plugin.Modules);
        return LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly, typeof(CampaignsPlugin).Assembly], directory: null, [new LoadedPlugin(plugin, null, null)], new CommandCatalog(commands, buttons));
    }
}
