using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Plugins.TalkingPoints;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.TalkingPoints;

public class SearchQualityTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartAsync(plugins: ["tp"]);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("detainr", "detainers-are-requests")]
    [InlineData("287g", "287g-is-voluntary")]
    [InlineData("287(g) contract", "287g-is-voluntary")]
    [InlineData("ICE detainers", "detainers-are-requests")]
    [InlineData("fourth amendment", "detainers-fourth-amendment")]
    [InlineData("tenth amendment", "tenth-amendment-anti-commandeering")]
    [InlineData("comandeering", "tenth-amendment-anti-commandeering")]
    [InlineData("federal funding", "federal-funding-court-record")]
    [InlineData("victims witnesses", "victims-witnesses-come-forward")]
    [InlineData("victms", "victims-witnesses-come-forward")]
    [InlineData("u visa", "demand-u-visa-certification")]
    [InlineData("language access", "demand-language-access")]
    [InlineData("langauge acess", "demand-language-access")]
    [InlineData("legal defense fund", "demand-legal-defense-fund")]
    [InlineData("hate crimes", "demand-hate-crime-perceived-status")]
    [InlineData("schools", "schools-open-to-all")]
    [InlineData("hospitals", "hospitals-care-first")]
    [InlineData("racial profiling", "demand-no-profiling")]
    [InlineData("1373", "section-1373-explained")]
    [InlineData("judge warrant", "administrative-vs-judicial-warrant")]
    [InlineData("stories consent", "stories-with-consent")]
    [InlineData("local money", "local-money-local-priorities")]
    [InlineData("oversight reporting", "demand-oversight-reporting")]
    [InlineData("equal treatment", "equal-treatment-one-set-of-rules")]
    [InlineData("trust police", "trust-police-community")]
    [InlineData("lawsuits liability", "liability-unlawful-detention")]
    [InlineData("wage theft workers", "workers-labor-rights")]
    [InlineData("fondos federales", "federal-funding-court-record")]
    [InlineData("orden de detención migratoria", "detainers-are-requests")]
    [InlineData("víctimas y testigos", "victims-witnesses-come-forward")]
    [InlineData("victimas testigos", "victims-witnesses-come-forward")]
    [InlineData("defensa legal", "demand-legal-defense-fund")]
    [InlineData("escuelas", "schools-open-to-all")]
    [InlineData("crímenes de odio", "demand-hate-crime-perceived-status")]
    [InlineData("visa U", "demand-u-visa-certification")]
    [InlineData("cuarta enmienda", "detainers-fourth-amendment")]
    [InlineData("confianza policía", "trust-police-community")]
    [InlineData("historias consentimiento", "stories-with-consent")]
    [InlineData("hospitales", "hospitals-care-first")]
    [InlineData("presupuesto local", "local-money-local-priorities")]
    public async Task Search_Query_FindsTheRightPointInTheTopThree(string query, string expected)
    {
        var outcome = await SearchAsync(query, kind: null);

        outcome.Take(3).Select(p => p.Id).Should().Contain(expected, $"“{query}” found {string.Join(", ", outcome.Select(p => p.Id))}");
    }

    [Theory]
    [InlineData("it protects criminals", "rebuttal-protects-criminals")]
    [InlineData("we'll lose federal money", "rebuttal-lose-federal-money")]
    [InlineData("it's illegal", "rebuttal-its-illegal")]
    [InlineData("police need every tool", "rebuttal-police-need-every-tool")]
    [InlineData("our law already protects people", "rebuttal-already-protected")]
    [InlineData("protege a los criminales", "rebuttal-protects-criminals")]
    [InlineData("es ilegal", "rebuttal-its-illegal")]
    [InlineData("vamos a perder dinero federal", "rebuttal-lose-federal-money")]
    [InlineData("la policía necesita todas las herramientas", "rebuttal-police-need-every-tool")]
    public async Task Rebut_Objection_FindsItsRebuttalFirst(string objection, string expected)
    {
        var outcome = await SearchAsync(objection, PointKind.Rebuttal);

        outcome.Select(p => p.Id).FirstOrDefault().Should().Be(expected, $"“{objection}” found {string.Join(", ", outcome.Select(p => p.Id))}");
    }

    [Fact]
    public async Task Search_Gibberish_FindsNothing()
    {
        (await SearchAsync("zzqx wvvk", kind: null)).Should().BeEmpty();
    }

    private Task<IReadOnlyList<TalkingPoint>> SearchAsync(string query, PointKind? kind) =>
        _bot.InTenantAsync(TestBot.DefaultTenant(Platform.Slack), async sp =>
            (await sp.GetRequiredService<TalkingPointLibrary>().SearchAsync(query, null, kind, 5, CancellationToken.None)).Points);
}
