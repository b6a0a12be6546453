using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Campaigns;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Campaigns;

/// <summary>A bot with the campaigns plugin and the plugins it builds on, a recording messenger and a fake task source.</summary>
internal sealed class CampaignTestBot : IAsyncDisposable
{
    public const string Start = "/campaign start Springfield Springfield ends its 287(g) contract and stops honoring detainers by the March budget vote";

    private CampaignTestBot(TestBot bot, Recorder messenger, FakeTaskSource tasks)
    {
        Bot = bot;
        Messenger = messenger;
        Tasks = tasks;
    }

    public TestBot Bot { get; }

    public Recorder Messenger { get; }

    public FakeTaskSource Tasks { get; }

    public static async Task<CampaignTestBot> StartAsync(bool withTasks = true, IEnumerable<string>? plugins = null, DatabaseProvider database = DatabaseProvider.Sqlite)
    {
        var messenger = new Recorder();
        var tasks = new FakeTaskSource();
        var bot = await TestBot.StartAsync(
            plugins: plugins ?? ["help", "coalition", "stakeholders", "meetings", "campaigns"],
            configure: s =>
            {
                s.AddSingleton<IMessenger>(messenger);
                if (withTasks)
                {
                    s.AddSingleton<ICampaignTaskSource>(tasks);
                }
            }, database: database);
        return new CampaignTestBot(bot, messenger, tasks);
    }

    public TestUser Lead(Platform platform = Platform.Slack, string? locale = null) => Bot.As(platform, Role.Lead, user: "lena", locale: locale);

    public TestUser Member(Platform platform = Platform.Slack, string? locale = null) => Bot.As(platform, Role.Member, user: "mo", locale: locale);

    /// <summary>Starts the Springfield campaign as the lead and returns the lead.</summary>
    public async Task<TestUser> StartedAsync(Platform platform = Platform.Slack, string? locale = null)
    {
        var lead = Lead(platform, locale);
        var reply = await lead.SendAsync(Start);
        reply.IsSuccess.Should().BeTrue(reply.Text);
        return lead;
    }

    /// <summary>Asks to advance and presses Confirm.</summary>
    public static async Task<TestReply> AdvanceAsync(TestUser lead, string extra = "")
    {
        var ask = await lead.SendAsync("/campaign advance" + extra);
        ask.IsSuccess.Should().BeTrue(ask.Text);
        return await lead.PressAsync(ask.Reply.Buttons[0]);
    }

    public Task<T> InAsync<T>(Func<CampaignsDbContext, Task<T>> read, Platform platform = Platform.Slack) =>
        Bot.InTenantAsync(TestBot.DefaultTenant(platform), sp => read(sp.GetRequiredService<CampaignsDbContext>()));

    public Task<Campaign> CampaignAsync(string name = "Springfield", Platform platform = Platform.Slack) =>
        InAsync(db => db.Campaigns.AsNoTracking().SingleAsync(c => c.Name == name), platform);

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    internal sealed class Recorder : IMessenger
    {
        public List<(MessageTarget Target, Reply Message)> Sent { get; } = [];

        public Platform Platform => Platform.Slack;

        public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            Sent.Add((target, message));
            return Task.FromResult(SendResult.Ok);
        }
    }

    /// <summary>Stands in for the tasks plugin: tasks per campaign id.</summary>
    internal sealed class FakeTaskSource : ICampaignTaskSource
    {
        public Dictionary<long, List<CampaignTask>> ByCampaign { get; } = [];

        public Task<IReadOnlyList<CampaignTask>> ListAsync(long campaignId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CampaignTask>>(ByCampaign.GetValueOrDefault(campaignId) ?? []);
    }
}

internal static class CampaignReplies
{
    /// <summary>A field of the reply as plain text, as the reply's platform shows it.</summary>
    public static string Field(this TestReply reply, string name) =>
        reply.Meaning.Fields.Single(f => f.Name == name).Value;
}
