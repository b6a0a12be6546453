using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// What the generic pseudo-locale run of the stakeholders plugin cannot see: the words drawn in the spectrum picture and its
/// description, the card with a history, several matches to pick from, and the errors for each kind of bad field value.
/// </summary>
public sealed class StakeholdersPseudoLocaleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SpectrumPicture_PseudoLocale_EveryDrawnWordFromTheCatalog()
    {
        await using var bot = await StartAsync();
        var people = await bot.InTenantAsync(TestBot.DefaultTenant(Platform.Console), sp => sp.GetRequiredService<StakeholdersDbContext>().Stakeholders.AsNoTracking().ToListAsync());
        var context = Context(bot.Services.GetRequiredService<LanguageCatalogs>());

        var title = context.T("stakeholders.map.title");
        var (image, layout) = SpectrumPicture.Render(people, people.Select(p => p.Id).ToHashSet(), title, Now, context);
        var map = await Pseudo(bot).SendAsync("/stakeholder map");

        // Dot labels are the people's names (user data); everything else drawn is catalog text.
        var drawn = layout.Texts.Where(t => !people.Any(p => p.Name.StartsWith(t.TrimEnd('…'), StringComparison.Ordinal))).ToList();
        drawn.Should().HaveCountGreaterThan(10, "title, date, subtitle, five wedges with counts, the tray and the legend");
        drawn.Sum(t => PseudoLocaleTests.Check(new Reply { Text = t }, "the spectrum picture")).Should().Be(drawn.Count);
        PseudoLocaleTests.Check(new Reply { Text = image.AltText }, "the picture's description");
        PseudoLocaleTests.Check(new Reply { Text = map.Reply.Attachments.Single().AltText }, "/stakeholder map's picture description");
        PseudoLocaleTests.Check(map, "/stakeholder map");
    }

    [Theory]
    [InlineData("/stakeholder show Ruiz")]
    [InlineData("/stakeholder show \"Ana Ruiz\"")]
    [InlineData("/stakeholder find mayor")]
    [InlineData("/stakeholder stale")]
    [InlineData("/stakeholder update \"Ana Ruiz\" phone:abc")]
    [InlineData("/stakeholder update \"Ana Ruiz\" email:abc")]
    [InlineData("/stakeholder update \"Ana Ruiz\" website:abc")]
    [InlineData("/stakeholder update \"Ana Ruiz\" next-election:soon")]
    [InlineData("/stakeholder update \"Ana Ruiz\" kind:wizard")]
    [InlineData("/stakeholder update \"Ana Ruiz\" owner:someone")]
    [InlineData("/stakeholder update \"Ana Ruiz\" immigration-status:x")]
    [InlineData("/stakeholder update \"Ana Ruiz\" colour:red")]
    [InlineData("/stakeholder update \"Ana Ruiz\" last-contact:2026-01-01")]
    [InlineData("/stakeholder update \"Ana Ruiz\" phone:1 phone:2")]
    [InlineData("/stakeholder update \"Ana Ruiz\" tags:budget office:Mayor")]
    [InlineData("/stakeholder update \"Ana Ruiz\" name:\"Ana Ruiz 2\"")]
    [InlineData("/stakeholder stance \"Ana Ruiz\" passive-ally met at the forum")]
    [InlineData("/stakeholder contact \"Ana Ruiz\" called her office")]
    [InlineData("/stakeholder add \"Ana Ruiz\"")]
    [InlineData("/stakeholder add \"?\"")]
    [InlineData("/stakeholder show nobody")]
    [InlineData("/stakeholder map Atlantis")]
    [InlineData("/stakeholder template county Ana Ruiz")]
    public async Task CardsAndErrors_PseudoLocale_OnlyCatalogText(string command)
    {
        await using var bot = await StartAsync();
        var user = Pseudo(bot);

        // Some history first, so cards show it.
        await user.SendAsync("/stakeholder contact \"Ana Ruiz\" phone bank");
        await user.SendAsync("/stakeholder stance \"Ana Ruiz Ortega\" neutral");
        var reply = await user.SendAsync(command);

        PseudoLocaleTests.Check(reply, command).Should().BeGreaterThan(0);
        foreach (var button in reply.Reply.Buttons)
        {
            PseudoLocaleTests.Check(await user.PressAsync(button), $"{command} → {button.ActionId}");
        }
    }

    /// <summary>A bot with a small map: two people whose names share a word (to pick from), one high-influence mayor to move next.</summary>
    private static async Task<TestBot> StartAsync()
    {
        var bot = await TestBot.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), plugins: ["stakeholders"]);
        var admin = bot.As(Platform.Console, Role.Admin, user: "admin");
        foreach (var add in new[]
        {
            "/stakeholder add \"Ana Ruiz\" kind:mayor stance:neutral influence:high",
            "/stakeholder add \"Ana Ruiz Ortega\" kind:sheriff influence:low",
        })
        {
            (await admin.SendAsync(add)).IsSuccess.Should().BeTrue(add);
        }

        return bot;
    }

    private static TestUser Pseudo(TestBot bot) => bot.As(Platform.Console, Role.Admin, user: "admin", locale: LanguageCatalogs.Pseudo);

    private static CommandContext Context(LanguageCatalogs catalogs) => new()
    {
        Caller = new Caller(TestBot.DefaultTenant(Platform.Console), Platform.Console, new UserRef("admin", "admin"), null, Role.Admin, LanguageCatalogs.Pseudo),
        Role = Role.Admin,
        Culture = LanguageCatalogs.CultureFor(LanguageCatalogs.Pseudo),
        Language = LanguageCatalogs.Pseudo,
        Strings = new CatalogStringLocalizer(catalogs, LanguageCatalogs.Pseudo, LanguageCatalogs.CultureFor(LanguageCatalogs.Pseudo)),
        Languages = catalogs,
        TimeZone = TimeZoneInfo.Utc,
        CorrelationId = "test",
    };
}
