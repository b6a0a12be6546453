using CoalitionBot.Plugins.TalkingPoints;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Plugins.Tests.TalkingPoints;

public class AudienceNamesTests
{
    private static string Haitian(Audience audience) => audience switch
    {
        Audience.Council => "konsèy",
        Audience.Media => "medya",
        Audience.Faith => "kominote lafwa",
        _ => audience.ToString(),
    };

    [Theory]
    [InlineData("konsèy", Audience.Council)]
    [InlineData("KONSEY", Audience.Council)]
    [InlineData("medya", Audience.Media)]
    [InlineData("concejo", Audience.Council)]
    [InlineData("press", Audience.Media)]
    public void Parse_WordInTheReadersLanguageOrABuiltInName_TheAudience(string word, Audience expected)
    {
        AudienceNames.Parse(word, Haitian).Should().Be(expected);
    }

    [Theory]
    [InlineData("lafwa")]
    [InlineData("detainers")]
    [InlineData("")]
    public void Parse_NotAWholeName_Null(string word)
    {
        AudienceNames.Parse(word, Haitian).Should().BeNull();
    }

    [Fact]
    public void Parse_TwoAudiencesWithTheSameName_Null()
    {
        AudienceNames.Parse("moun", _ => "moun").Should().BeNull("a word that could be either names neither");
    }

    [Fact]
    public void ExtractAudience_ReadersWord_TakenOutOfTheTopic()
    {
        var (query, audience) = TalkingPointCommands.ExtractAudience("detainers konsèy", parse: w => AudienceNames.Parse(w, Haitian));

        query.Should().Be("detainers");
        audience.Should().Be(Audience.Council);
    }
}
