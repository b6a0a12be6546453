using CoalitionBot.Plugins.Stakeholders;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

public class StakeholderNamesTests
{
    private static readonly List<Stakeholder> Map =
    [
        Person(1, "Ana Ruiz", StakeholderKind.CityCouncilMember),
        Person(2, "Tomás Ruiz", StakeholderKind.Sheriff),
        Person(3, "Carmen Ramírez-López", StakeholderKind.Mayor),
        Person(4, "Mayor (Springfield)", StakeholderKind.Mayor),
    ];

    [Theory]
    [InlineData("Ramírez-López, Carmen", "ramirez lopez carmen")]
    [InlineData("  ANA   RUÍZ ", "ana ruiz")]
    [InlineData("Ñandú", "nandu")]
    public void Key_IgnoresCaseAccentsAndPunctuation(string text, string expected) =>
        StakeholderNames.Key(text).Should().Be(expected);

    [Theory]
    [InlineData("Council Member Ana Ruiz", 1L)]
    [InlineData("councilmember ruiz ana", 1L)]
    [InlineData("Ana Soto", 0L)]
    [InlineData("ana", 1L)]
    [InlineData("Concejala Ana Ruíz", 1L)]
    [InlineData("sheriff ruiz", 2L)]
    [InlineData("Alcaldesa Ramirez", 3L)]
    [InlineData("carmen ramirez lopez", 3L)]
    [InlineData("Ramir", 3L)]
    [InlineData("mayor springfield", 4L)]
    public void Resolve_ForgivingNames_FindTheOne(string typed, long expectedId)
    {
        var found = StakeholderNames.Resolve(typed, Map);

        if (expectedId == 0)
        {
            found.Should().BeEmpty();
        }
        else
        {
            found.Should().ContainSingle().Which.Id.Should().Be(expectedId);
        }
    }

    [Theory]
    [InlineData("Ruiz")]
    [InlineData("RUIZ")]
    [InlineData("Dr. Ruiz")]
    public void Resolve_SharedSurname_ReturnsEveryCandidate(string typed) =>
        StakeholderNames.Resolve(typed, Map).Select(s => s.Id).Should().BeEquivalentTo([1L, 2L]);

    [Theory]
    [InlineData("")]
    [InlineData("Council Member")]
    [InlineData("xyz")]
    [InlineData("ru")]
    public void Resolve_NothingToGoOn_FindsNobody(string typed) =>
        StakeholderNames.Resolve(typed, Map).Should().BeEmpty();

    [Fact]
    public void Search_ForgivesOneTypo_AndRanksNameHitsFirst()
    {
        var found = StakeholderNames.Search("ruis", Map, s => s.Kind.ToString());

        found.Select(s => s.Id).Should().BeEquivalentTo([1L, 2L]);
    }

    private static Stakeholder Person(long id, string name, StakeholderKind kind) =>
        new() { Id = id, Name = name, NameKey = StakeholderNames.Key(name), Kind = kind };
}
