using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Core.Tests.Localization;

public sealed class MessageTemplateTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static string Format(string text, object arguments, string language = "en") =>
        new CatalogStringLocalizer(Catalogs(("t.x", text)), language, English).Format("t.x", arguments);

    [Theory]
    [InlineData(1, "1 row")]
    [InlineData(0, "no rows")]
    [InlineData(2, "2 rows")]
    public void Format_Plural_ChoosesExactThenCategory(int count, string expected) =>
        Format("{count, plural, =0 {no rows} one {# row} other {# rows}}", new { count }).Should().Be(expected);

    [Fact]
    public void Format_NamedPlaceholders_FilledWhereverTheyStand() =>
        Format("{total} in all, {set} done", new { set = 3, total = 5 }).Should().Be("5 in all, 3 done");

    [Fact]
    public void Format_UserText_EscapedUnlessTrusted() =>
        Format("{name} · {link}", new { name = "*Ana* <@U1>", link = new TrustedMarkup("**bold**") })
            .Should().Be(@"\*Ana\* \<@U1\> · **bold**");

    [Fact]
    public void Format_MissingArgument_Throws()
    {
        var act = () => Format("Hello {name}", new { other = 1 });
        act.Should().Throw<ArgumentException>().WithMessage("*{name}*");
    }

    [Theory]
    [InlineData("Hello {name", "not closed")]
    [InlineData("Hello name}", "closes nothing")]
    [InlineData("{n, plural, one {#}}", "\"other\"")]
    [InlineData("{n, plural, lots {#} other {#}}", "not a plural category")]
    [InlineData("{n, select, a {x} other {y}}", "not supported")]
    [InlineData("{ }", "no valid name")]
    public void Parse_Malformed_SaysWhatIsWrong(string text, string problem)
    {
        MessageTemplate.TryParse(text, out _, out var message).Should().BeFalse();
        message.Should().Contain(problem);
    }

    [Fact]
    public void Placeholders_IncludePluralSelectorsAndNestedNames() =>
        MessageTemplate.Parse("{who}: {count, plural, one {# item for {whom}} other {# items}}").Placeholders
            .Should().BeEquivalentTo("who", "count", "whom");

    [Fact]
    public void Pseudo_AccentsWordsButNotPlaceholdersOrCode()
    {
        var catalogs = Catalogs(("t.x", "Set `/coalition language es` for {name}: {count, plural, one {# row} other {# rows}}"));
        var text = new CatalogStringLocalizer(catalogs, LanguageCatalogs.Pseudo, English).Format("t.x", new { name = "Ana", count = 2 });
        text.Should().Be("[Šéţ `/coalition language es` ƒöŕ Ana: 2 ŕöŵš]");
    }

    [Theory]
    [InlineData("en", 1, PluralCategory.One)]
    [InlineData("en", 0, PluralCategory.Other)]
    [InlineData("en", 1.5, PluralCategory.Other)]
    [InlineData("es", 1, PluralCategory.One)]
    [InlineData("es", 1000000, PluralCategory.Many)]
    [InlineData("es", 2, PluralCategory.Other)]
    [InlineData("fr", 0, PluralCategory.One)]
    [InlineData("pt-BR", 1, PluralCategory.One)]
    [InlineData("ht", 1, PluralCategory.Other)]
    [InlineData("vi", 1, PluralCategory.Other)]
    [InlineData("so", 1, PluralCategory.One)]
    [InlineData("ti", 0, PluralCategory.One)]
    [InlineData("am", 0, PluralCategory.One)]
    [InlineData("ru", 21, PluralCategory.One)]
    [InlineData("ru", 3, PluralCategory.Few)]
    [InlineData("ru", 11, PluralCategory.Many)]
    [InlineData("uk", 1.5, PluralCategory.Other)]
    [InlineData("pl", 22, PluralCategory.Few)]
    [InlineData("pl", 25, PluralCategory.Many)]
    [InlineData("ar", 0, PluralCategory.Zero)]
    [InlineData("ar", 2, PluralCategory.Two)]
    [InlineData("ar", 103, PluralCategory.Few)]
    [InlineData("ar", 111, PluralCategory.Many)]
    [InlineData("ar", 100, PluralCategory.Other)]
    [InlineData("fil", 4, PluralCategory.Other)]
    [InlineData("fil", 5, PluralCategory.One)]
    [InlineData("xx-unknown", 1, PluralCategory.One)]
    public void Select_Number_GivesTheLanguagesCldrCategory(string language, double number, PluralCategory expected) =>
        PluralRules.Select(language, (decimal)number).Should().Be(expected);

    [Fact]
    public void Categories_Language_ListsTheFormsItUses()
    {
        PluralRules.Categories("en").Should().BeEquivalentTo([PluralCategory.One, PluralCategory.Other]);
        PluralRules.Categories("ht").Should().BeEquivalentTo([PluralCategory.Other]);
        PluralRules.Categories("ru").Should().BeEquivalentTo([PluralCategory.One, PluralCategory.Few, PluralCategory.Many, PluralCategory.Other]);
    }

    [Fact]
    public void Format_PluralInLanguage_UsesThatLanguagesRule()
    {
        var catalogs = LanguageCatalogsTests.Load(
            [("t.x", "{count, plural, one {# file} other {# files}}")],
            null,
            ("ru", "{\"t.x\": \"{count, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}\"}"));
        var russian = new CatalogStringLocalizer(catalogs, "ru", CultureInfo.GetCultureInfo("ru"));
        russian.Format("t.x", new { count = 21 }).Should().Be("21 файл");
        russian.Format("t.x", new { count = 5 }).Should().Be("5 файлов");
    }

    internal static LanguageCatalogs Catalogs(params (string Key, string Text)[] english) => LanguageCatalogsTests.Load(english);
}
