using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CoalitionBot.Plugins.Tests.Stakeholders.StakeholderTestBot;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

/// <summary>The service other plugins use (the tasks plugin logs contacts and adds a section to the card).</summary>
public abstract class StakeholderDirectoryTests(DatabaseProvider database)
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);

    [DbFact]
    public async Task FindAndLogContact_FromAnotherPlugin_IsKeptInHistory()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var tasks = new UserRef("U42", "Ana (tasks)");

        var (match, logged, unknown) = await bot.InTenantAsync(Slack, async sp =>
        {
            var directory = sp.GetRequiredService<StakeholderDirectory>();
            var found = await directory.FindAsync("Council Member Ruiz", CancellationToken.None);
            var entry = await directory.LogContactAsync(found.Single!.Id, tasks, "Task #12 done: called her office", CancellationToken.None);
            var none = await directory.LogContactAsync(999, tasks, "nobody", CancellationToken.None);
            return (found, entry, none);
        });

        match.Single!.Name.Should().Be("Ana Ruiz");
        logged!.Kind.Should().Be(StakeholderEventKind.Contact);
        unknown.Should().BeNull();
        var ana = await OneAsync(bot, Slack, "Ana Ruiz");
        ana.LastContactAt.Should().Be(bot.Clock.GetUtcNow());
        (await EventsAsync(bot, Slack)).Should().ContainSingle(e => e.Kind == StakeholderEventKind.Contact && e.ByUserId == "U42" && e.ByName == "Ana (tasks)");
    }

    [DbFact]
    public async Task FindAsync_AmbiguousName_ReturnsEveryCandidateAndNoSingle()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var match = await bot.InTenantAsync(Slack, sp => sp.GetRequiredService<StakeholderDirectory>().FindAsync("ruiz", CancellationToken.None));

        match.IsAmbiguous.Should().BeTrue();
        match.Single.Should().BeNull();
        match.Candidates.Select(c => c.Name).Should().BeEquivalentTo("Ana Ruiz", "Tomás Ruiz");
    }

    [DbFact]
    public async Task CardSection_RegisteredByAnotherPlugin_AppearsOnTheCard()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["stakeholders"], configure: s => s.AddScoped<IStakeholderCardSection, OpenTasksSection>(), database: database);
        await LeadWithMapAsync(bot);

        var reply = await bot.As(Platform.Slack).SendAsync("/stakeholder show Ana Ruiz");

        reply.Text.Should().Contain("Open tasks: #7 Call Ana Ruiz before the vote");
    }

    [DbFact]
    public async Task Update_AmbiguousName_PickAppliesTheChangesToThePickedOne()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);

        var list = await lead.SendAsync("/stakeholder update Ruiz phone:555-0100 notes:met at the forum, friendly");
        var done = await lead.PressAsync(list.Reply.Buttons.Single(b => b.Label.StartsWith("Tomás", StringComparison.Ordinal)));

        done.Result.UpdatesOriginal.Should().BeTrue();
        var tomas = await OneAsync(bot, Slack, "Tomás Ruiz");
        tomas.Phone.Should().Be("555-0100");
        tomas.Notes.Should().Be("met at the forum, friendly");
        (await OneAsync(bot, Slack, "Ana Ruiz")).Phone.Should().BeNull();
    }

    private sealed class OpenTasksSection : IStakeholderCardSection
    {
        public Task<ReplyField?> DescribeAsync(StakeholderRef stakeholder, CommandContext context, CancellationToken cancellationToken) =>
            Task.FromResult<ReplyField?>(new ReplyField("Open tasks", Markup.Format($"#7 Call {stakeholder.Name} before the vote")));
    }
}

public sealed class StakeholderDirectoryTestsOnSqlite() : StakeholderDirectoryTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class StakeholderDirectoryTestsOnPostgres() : StakeholderDirectoryTests(DatabaseProvider.Postgres);
