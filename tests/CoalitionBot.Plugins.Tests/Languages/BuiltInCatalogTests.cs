using CoalitionBot.Core.Localization;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

public sealed class BuiltInCatalogTests
{
    [Fact]
    public async Task Load_EveryBuiltInPlugin_NoProblemsAndConvertedCatalogsCompleteInSpanish()
    {
        await using var bot = await TestBot.StartAsync(plugins: BuiltInPlugins.Catalog.Keys);
        var catalogs = bot.Services.GetRequiredService<LanguageCatalogs>();

        catalogs.Problems.Should().BeEmpty();
        foreach (var converted in PseudoLocaleTests.Converted)
        {
            catalogs.Completeness(LanguageCatalogs.Spanish, converted).Should().Match<(int Translated, int Total)>(c => c.Translated == c.Total && c.Total > 0, converted);
        }
    }
}
