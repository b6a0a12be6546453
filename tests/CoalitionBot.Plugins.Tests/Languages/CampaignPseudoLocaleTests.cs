using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Tests.Campaigns;
using CoalitionBot.Plugins.Tests.Stakeholders;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// The campaign paths the generic pseudo-locale loop cannot reach with its samples: a campaign with targets, dates, metrics, tasks
/// and a history of every kind; the step-change announcement posted in the coalition's language; the campaign on a stakeholder's
/// card; the privacy summary and the error answers for bad input.
/// </summary>
public sealed class CampaignPseudoLocaleTests : IAsyncLifetime
{
    // What the test types (names, labels, metric names, task titles): user data that shows as typed.
    private static readonly string[] Typed = ["Springfield", "lena", "Carmen Ramírez", "First Baptist Church", "signatures", "vote", "renewal", "Records", "Phonebank", "Nowhere", "Chicago", "donations", "lots"];

    private CampaignTestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CampaignTestBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task StartedCampaign_EveryAnswerAndAnnouncement_PseudoLocale_OnlyCatalogText()
    {
        (await _bot.Bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync($"/coalition language {LanguageCatalogs.Pseudo}")).IsSuccess.Should().BeTrue();
        var lead = await StakeholderTestBot.LeadWithMapAsync(_bot.Bot);
        var seen = 0;
        async Task Run(string line, bool success = true)
        {
            var reply = await lead.SendAsync(line);
            reply.IsSuccess.Should().Be(success, $"{line}: {reply.Text}");
            seen += PseudoLocaleTests.Check(reply.Reply, line, Typed);
            foreach (var button in reply.Reply.Buttons)
            {
                seen += PseudoLocaleTests.Check((await lead.PressAsync(button)).Reply, $"{line} → {button.ActionId}", Typed);
            }
        }

        await Run("/campaign start Springfield Springfield 287(g)");
        await Run("/campaign start Springfield Springfield", success: false);
        await Run("/campaign channel <#C0CAMPAIGN|campaign>");
        var id = (await _bot.CampaignAsync()).Id;
        _bot.Tasks.ByCampaign[id] =
        [
            new CampaignTask(12, CampaignStep.InformationGathering, "Records", "lena", false, new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero)),
            new CampaignTask(14, CampaignStep.Education, "Phonebank", "lena", false, null),
        ];
        await Run("/campaign target add Carmen Ramírez");
        await Run("/campaign target add First Baptist Church");
        await Run("/campaign target add Carmen Ramírez", success: false);
        await Run("/campaign target add Nowhere", success: false);
        await Run("/campaign target add Ruiz", success: false);
        await Run("/campaign target remove Nowhere", success: false);
        await Run("/campaign target remove First Baptist Church");
        await Run("/campaign date add \"2026-03-14 15:00\" vote");
        await Run("/campaign date add 2026-02-18 renewal");
        await Run("/campaign date remove Nowhere", success: false);
        await Run("/campaign metric signatures 3200/5000");
        await Run("/campaign metric signatures 4000");
        await Run("/campaign metric donations 40", success: false);
        await Run("/campaign metric signatures lots", success: false);
        await Run("/campaign trend donations", success: false);
        await Run("/campaign trend signatures");
        await Run("/campaign check 1.1");
        await Run("/campaign check 1.1", success: false);
        await Run("/campaign uncheck 1.3", success: false);
        await Run("/campaign check Nowhere", success: false);
        await Run("/campaign check policy", success: false);
        await Run("/campaign item add 2 Phonebank");
        await Run("/campaign item remove 2.5");
        await Run("/campaign status");
        await Run("/campaign back", success: false);
        await Run("/campaign advance Springfield");
        await Run("/campaign advance");
        await Run("/campaign back Springfield");
        await Run("/campaign history");
        await Run("/campaign tactics");
        await Run("/campaign tactics noncooperation");
        await Run("/campaign reopen Springfield", success: false);
        await Run("/campaign close Springfield");
        await Run("/campaign check 1.2", success: false);
        await Run("/campaign status Chicago", success: false);
        await Run("/campaign reopen Springfield");
        await Run("/privacy me");

        var card = await lead.SendAsync("/stakeholder show Carmen Ramírez");
        var section = card.Reply.Fields.Single(f => f.Value.Contains("Springfield", StringComparison.Ordinal));
        seen += PseudoLocaleTests.Check(new Reply { Fields = [section] }, "the campaign on a stakeholder card", Typed);

        await _bot.Bot.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        _bot.Messenger.Sent.Should().HaveCountGreaterThanOrEqualTo(2, "the advance and the step back were announced");
        foreach (var (target, message) in _bot.Messenger.Sent)
        {
            seen += PseudoLocaleTests.Check(message, $"the announcement in {target.Channel?.Id}", Typed);
        }

        seen.Should().BeGreaterThan(100);
    }
}
