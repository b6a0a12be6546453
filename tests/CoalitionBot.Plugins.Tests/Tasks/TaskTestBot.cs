using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Plugins.Shared;
using CoalitionBot.Plugins.Tasks;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests.Tasks;

/// <summary>A bot with the tasks plugin, a recording messenger for every platform, and helpers to read its tables and run its schedulers.</summary>
internal sealed class TaskTestBot : IAsyncDisposable
{
    private TaskTestBot(TestBot bot, Recorder messages)
    {
        Bot = bot;
        Messages = messages;
    }

    public TestBot Bot { get; }

    public Recorder Messages { get; }

    public FakeTimeProvider Clock => Bot.Clock;

    // Monday 2026-03-02 15:00 UTC unless told otherwise.
    public static async Task<TaskTestBot> StartAsync(
        FakeTimeProvider? clock = null,
        string[]? plugins = null,
        ICampaignLookup? campaigns = null,
        DatabaseProvider database = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? configuration = null)
    {
        var recorder = new Recorder();
        var bot = await TestBot.StartAsync(clock, plugins ?? ["tasks"], configure: services =>
        {
            foreach (var platform in Enum.GetValues<Platform>())
            {
                services.AddSingleton<IMessenger>(new PlatformRecorder(recorder, platform));
            }

            if (campaigns is not null)
            {
                services.AddSingleton(campaigns);
            }
        }, configuration: configuration, database: database);
        return new TaskTestBot(bot, recorder);
    }

    public TestUser Lead(Platform platform = Platform.Slack, string? locale = null) => Bot.As(platform, Role.Lead, user: "lena", locale: locale);

    public TestUser Member(string user, Platform platform = Platform.Slack, string? locale = null) => Bot.As(platform, Role.Member, user: user, locale: locale);

    /// <summary>Delivers the outbox messages that are due now.</summary>
    public Task DispatchAsync() => Bot.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

    /// <summary>Runs the digest planner once, as its hosted service does every few minutes.</summary>
    public Task<int> PlanDigestsAsync() =>
        Bot.Services.GetServices<IHostedService>().OfType<TaskDigestService>().Single().RunOnceAsync(CancellationToken.None);

    public Task<List<OutreachTask>> TasksAsync(Platform platform = Platform.Slack) =>
        Bot.InTenantAsync(TestBot.DefaultTenant(platform), sp => sp.GetRequiredService<TasksDbContext>().Tasks.AsNoTracking().OrderBy(t => t.Number).ToListAsync());

    public Task<List<OutboxMessage>> OutboxAsync(Platform platform = Platform.Slack) =>
        Bot.InTenantAsync(TestBot.DefaultTenant(platform), sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Sets the coalition's time zone and/or language.</summary>
    public Task SetCoalitionAsync(string? timeZone = null, string? language = null, Platform platform = Platform.Slack) =>
        Bot.InTenantAsync(TestBot.DefaultTenant(platform), async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            var settings = await db.TenantSettings.FirstOrDefaultAsync();
            if (settings is null)
            {
                settings = new TenantSettings();
                db.TenantSettings.Add(settings);
            }

            settings.TimeZone = timeZone ?? settings.TimeZone;
            settings.Language = language ?? settings.Language;
            return await db.SaveChangesAsync();
        });

    /// <summary>Records a person's own language preference.</summary>
    public Task SetLanguageAsync(string userId, string language, Platform platform = Platform.Slack) =>
        Bot.InTenantAsync(TestBot.DefaultTenant(platform), async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.UserPreferences.Add(new UserPreference { UserId = userId, Language = language });
            return await db.SaveChangesAsync();
        });

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    /// <summary>Every message the bot posted on its own, on any platform.</summary>
    internal sealed class Recorder
    {
        private readonly List<(Platform Platform, MessageTarget Target, Reply Message)> _sent = [];

        public IReadOnlyList<(Platform Platform, MessageTarget Target, Reply Message)> Sent
        {
            get
            {
                lock (_sent)
                {
                    return _sent.ToList();
                }
            }
        }

        public IReadOnlyList<Reply> To(string userId) => Sent.Where(s => s.Target.DirectTo?.Id == userId).Select(s => s.Message).ToList();

        public void Add(Platform platform, MessageTarget target, Reply message)
        {
            lock (_sent)
            {
                _sent.Add((platform, target, message));
            }
        }
    }

    private sealed class PlatformRecorder(Recorder recorder, Platform platform) : IMessenger
    {
        public Platform Platform => platform;

        public Task<SendResult> SendAsync(TenantId tenant, MessageTarget target, Reply message, CancellationToken cancellationToken)
        {
            recorder.Add(platform, target, message);
            return Task.FromResult(SendResult.Ok);
        }
    }
}
