using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Plugins.Meetings;
using CatalogText = CoalitionBot.Plugins.Meetings.CatalogText;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>A failed read's reason is stored as a key and values, so every reader gets it in their own language.</summary>
public sealed class CatalogTextTests
{
    private static readonly LanguageCatalogs Languages = LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly, typeof(CatalogText).Assembly], directory: null);
    private static readonly CatalogStringLocalizer English = Languages.For(CultureInfo.GetCultureInfo("en-US"));
    private static readonly CatalogStringLocalizer Spanish = Languages.For(CultureInfo.GetCultureInfo("es"));

    [Fact]
    public void Stored_WithValues_ReadsBackInEachLanguage()
    {
        var reason = new CatalogText("meetings.fetch.status", new { status = 404, reason = "Not Found" });

        var stored = reason.Stored();
        var back = CatalogText.FromStored(stored);

        stored.Should().Be("meetings.fetch.status {\"status\":\"404\",\"reason\":\"Not Found\"}");
        back.In(English).Should().Be("the server answered 404 (Not Found)").And.Be(reason.In(English));
        back.In(Spanish).Should().Be("el servidor respondió 404 (Not Found)");
    }

    [Fact]
    public void Stored_WithoutValues_IsTheKey()
    {
        var stored = new CatalogText("meetings.feed.empty").Stored();

        stored.Should().Be("meetings.feed.empty");
        CatalogText.FromStored(stored).In(Spanish).Should().Be("el calendario iCalendar está vacío");
    }

    [Fact]
    public void Stored_LongValue_IsCutSoTheLineFitsItsColumn()
    {
        var detail = new string('x', 5000);

        var stored = new CatalogText("meetings.feed.unreadable", new { detail }).Stored();

        stored.Length.Should().BeLessThan(300);
        CatalogText.FromStored(stored).In(English).Should().Be($"the iCalendar feed could not be read ({new string('x', 79)}…)");
    }

    [Theory]
    [InlineData("the server answered 500 (Internal Server Error)")]
    [InlineData("meetings.fetch.status {\"status\":")]
    [InlineData("meetings.fetch.status {\"status\":[1]}")]
    [InlineData("tasks.something")]
    public void FromStored_OlderEnglishOrBrokenText_IsShownAsItIs(string stored)
    {
        var back = CatalogText.FromStored(stored);

        back.In(Spanish).Should().Be(Spanish[StoredText.AsStoredKey, new { text = stored }].Value, "the whole text, escaped as any value")
            .And.Contain(stored[..12]);
    }

    [Fact]
    public void FromStored_MarkupInAValue_IsEscaped()
    {
        var stored = new CatalogText("meetings.legistar.no-client", new { client = "*bold* <@U1>" }).Stored();

        CatalogText.FromStored(stored).In(English).Should().NotContain("<@U1>").And.NotContain("*bold*");
    }
}
