using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Tests.Campaigns;

public abstract class CampaignStepTests(DatabaseProvider database) : IAsyncLifetime
{
    private CampaignTestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CampaignTestBot.StartAsync(database: database);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [DbFact]
    public async Task Advance_ListsUncheckedItems_AndMovesOnlyAfterConfirm()
    {
        var lead = await _bot.StartedAsync();
        await lead.SendAsync("/campaign check 1.1");

        var ask = await lead.SendAsync("/campaign advance the map is done");

        ask.IsSuccess.Should().BeTrue(ask.Text);
        ask.Reply.Title.Should().Be("Move Springfield to step 2?");
        ask.Text.Should().Contain("Still unchecked in step 1 (4)").And.Contain("1.2").And.Contain("287(g) agreement?").And.NotContain("Map the decision makers");
        ask.Reply.Buttons.Select(b => b.Label).Should().Equal("Confirm", "Cancel");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering, "nothing moves before Confirm");

        var done = await lead.PressAsync("Confirm");

        done.IsSuccess.Should().BeTrue(done.Text);
        done.Result.UpdatesOriginal.Should().BeTrue();
        done.Text.Should().Contain("Step 2: Education").And.Contain("Announced in");
        var campaign = await _bot.CampaignAsync();
        campaign.Step.Should().Be(CampaignStep.Education);
        var history = await _bot.InAsync(db => db.Events.AsNoTracking().Where(e => e.Kind == CampaignEventKind.Advanced).ToListAsync());
        history.Should().ContainSingle().Which.Detail.Should().Be("the map is done");
    }

    [DbFact]
    public async Task Cancel_KeepsTheStep_AndConfirmAfterwardsDoesNothing()
    {
        var lead = await _bot.StartedAsync();
        var ask = await lead.SendAsync("/campaign advance");

        var cancelled = await lead.PressAsync("Cancel");
        var late = await lead.PressAsync(ask.Reply.Buttons[0]);
        var cancelAgain = await lead.PressAsync(ask.Reply.Buttons[1]);

        cancelled.Text.Should().Contain("Cancelled");
        cancelAgain.Kind.Should().Be(ResultKind.Invalid);
        cancelAgain.Text.Should().Contain("Nothing to cancel");
        late.Kind.Should().Be(ResultKind.Invalid);
        late.Text.Should().Contain("already confirmed or cancelled");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering);
        (await _bot.InAsync(db => db.PendingAdvances.CountAsync())).Should().Be(0);
    }

    [DbFact]
    public async Task Confirm_PressedTwice_MovesOneStep()
    {
        var lead = await _bot.StartedAsync();
        var ask = await lead.SendAsync("/campaign advance");
        var confirm = ask.Reply.Buttons[0];

        var first = await lead.PressAsync(confirm);
        var second = await lead.PressAsync(confirm);

        first.IsSuccess.Should().BeTrue(first.Text);
        second.Kind.Should().Be(ResultKind.Invalid);
        second.Text.Should().Contain("already confirmed");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.Education);
        (await _bot.InAsync(db => db.Events.CountAsync(e => e.Kind == CampaignEventKind.Advanced))).Should().Be(1);
    }

    [DbFact]
    public async Task Confirm_AfterTheStepChangedElsewhere_IsStaleAndChangesNothing()
    {
        var lead = await _bot.StartedAsync();
        var older = (await lead.SendAsync("/campaign advance")).Reply.Buttons[0];
        await CampaignTestBot.AdvanceAsync(lead);

        var stale = await lead.PressAsync(older);

        stale.Kind.Should().Be(ResultKind.Invalid);
        stale.Text.Should().Contain("out of date").And.Contain("Step 2: Education");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.Education);
    }

    [DbFact]
    public async Task Confirm_WithATamperedValue_IsRefused()
    {
        var lead = await _bot.StartedAsync();
        var confirm = (await lead.SendAsync("/campaign advance")).Reply.Buttons[0];
        var parts = confirm.Value.Split(':');

        var wrongStep = await lead.PressAsync(confirm with { Value = $"{parts[0]}:{parts[1]}:3" });
        var garbage = await lead.PressAsync(confirm with { Value = "nonsense" });

        wrongStep.Kind.Should().Be(ResultKind.Invalid);
        garbage.Text.Should().Contain("broken");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering);
    }

    [DbFact]
    public async Task Confirm_AfterADay_HasExpired()
    {
        var lead = await _bot.StartedAsync();
        var confirm = (await lead.SendAsync("/campaign advance")).Reply.Buttons[0];
        _bot.Bot.Clock.Advance(TimeSpan.FromHours(25));

        var late = await lead.PressAsync(confirm);

        late.Kind.Should().Be(ResultKind.Invalid);
        late.Text.Should().Contain("expired");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering);
    }

    [DbFact]
    public async Task Back_MovesBackAtOnce_WithItsNoteInHistory()
    {
        var lead = await _bot.StartedAsync();
        await CampaignTestBot.AdvanceAsync(lead);
        await CampaignTestBot.AdvanceAsync(lead);

        var back = await lead.SendAsync("/campaign back the sheriff's data was wrong");

        back.IsSuccess.Should().BeTrue(back.Text);
        back.Text.Should().Contain("Step 2: Education");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.Education);
        var history = await lead.SendAsync("/campaign history");
        history.Text.Should().Contain("went back to Step 2: Education — note: the sheriff's data was wrong").And.Contain("lena");
    }

    [DbFact]
    public async Task Limits_Step1CannotGoBack_Step6CannotAdvance()
    {
        var lead = await _bot.StartedAsync();
        var back = await lead.SendAsync("/campaign back");
        for (var i = 0; i < 5; i++)
        {
            (await CampaignTestBot.AdvanceAsync(lead)).IsSuccess.Should().BeTrue();
        }

        var advance = await lead.SendAsync("/campaign advance");

        back.Kind.Should().Be(ResultKind.Invalid);
        back.Text.Should().Contain("first step");
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.Reconciliation);
        advance.Kind.Should().Be(ResultKind.Invalid);
        advance.Text.Should().Contain("last step");
        advance.Reply.Buttons.Should().BeEmpty();
    }

    [DbFact]
    public async Task Members_SeeStatusHistoryAndTactics_ButCannotChangeAnything()
    {
        var lead = await _bot.StartedAsync();
        var confirm = (await lead.SendAsync("/campaign advance")).Reply.Buttons[0];
        var member = _bot.Member();

        foreach (var command in new[] { "/campaign status", "/campaign history", "/campaign tactics" })
        {
            (await member.SendAsync(command)).IsSuccess.Should().BeTrue(command);
        }

        foreach (var command in new[] { "/campaign advance", "/campaign back", "/campaign check 1.1", "/campaign item add 2 Door-knock", "/campaign metric signatures 1/10", "/campaign start Other goal", "/campaign date add 2026-04-01 vote", "/campaign channel #x" })
        {
            (await member.SendAsync(command)).Kind.Should().Be(ResultKind.Forbidden, command);
        }

        (await member.PressAsync(confirm)).Kind.Should().Be(ResultKind.Forbidden);
        (await _bot.CampaignAsync()).Step.Should().Be(CampaignStep.InformationGathering);
    }

    [DbFact]
    public async Task Advance_InSpanish_AsksInSpanish()
    {
        var lead = await _bot.StartedAsync(locale: "es");

        var ask = await lead.SendAsync("/campaign advance");

        ask.Reply.Title.Should().Be("¿Pasar Springfield al paso 2?");
        ask.Text.Should().Contain("Sin marcar en el paso 1 (5)").And.Contain("Mapear a quienes deciden");
        ask.Reply.Buttons.Select(b => b.Label).Should().Equal("Confirmar", "Cancelar");
    }
}

public sealed class CampaignStepTestsOnSqlite() : CampaignStepTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CampaignStepTestsOnPostgres() : CampaignStepTests(DatabaseProvider.Postgres);
