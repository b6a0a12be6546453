using System.ComponentModel.DataAnnotations;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Meetings;

/// <summary>Settings of the meetings plugin (<c>"meetings"</c> in plugins.json).</summary>
public sealed class MeetingsSettings : IValidatableObject
{
    /// <summary>Reminder lead times for meetings that set none. Default: <c>7d,1d,2h</c>.</summary>
    [Required]
    public string DefaultReminders { get; set; } = "7d,1d,2h";

    /// <summary>How far ahead reminders of recurring meetings are written to the outbox. Default: 35 days.</summary>
    [Range(8, 120)]
    public int HorizonDays { get; set; } = 35;

    /// <summary>How often the planner extends the horizon for recurring meetings. Default: 6 hours.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PlanEvery { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often subscribed calendar feeds are fetched again. Default: 2 hours.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "1.00:00:00")]
    public TimeSpan FeedRefreshEvery { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long one feed fetch may take. Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan FeedTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest feed accepted, in bytes. Default: 5 MiB.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int FeedMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Allow feeds on loopback, private and link-local addresses (off by default, so a feed link cannot reach the bot's own network). Default: false.</summary>
    public bool AllowPrivateFeedHosts { get; set; }

    internal IReadOnlyList<TimeSpan> Defaults => Recurrence.ParseLeadTimes(DefaultReminders, out _) ?? [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Recurrence.ParseLeadTimes(DefaultReminders, out var error) is null)
        {
            yield return new ValidationResult(error, [nameof(DefaultReminders)]);
        }
    }
}

/// <summary><c>/meeting</c>: council meetings, hearings and coalition calls, with reminders that are never lost.</summary>
public sealed class MeetingsPlugin : BotPlugin<MeetingsSettings>
{
    public override string Name => "meetings";

    public override string Description => "Council meetings, hearings and calls, with reminders and RSVPs";

    public override IEnumerable<Type> Modules => [typeof(MeetingCommands)];

    protected override void ConfigureServices(IServiceCollection services, MeetingsSettings settings)
    {
        services.AddTenantDbContext<MeetingsDbContext, PostgresMeetingsDbContext>("meetings");
        services.AddScoped<MeetingPlanner>();
        services.AddHostedService<MeetingPlannerService>();
        services.AddSingleton<Core.Messaging.IPublicFeed, MeetingFeed>();
        services.AddHttpClient(FeedFetcher.HttpClientName, client =>
            {
                client.Timeout = settings.FeedTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CoalitionBot-Meetings/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => FeedFetcher.CreateHandler(settings.AllowPrivateFeedHosts))
            .RemoveAllLoggers();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedRefreshSignal>();
        services.AddScoped<FeedSync>();
        services.AddScoped<FeedSubscriptions>();
        services.AddSingleton<FeedRefresher>();
        services.AddHostedService<FeedRefreshService>();
        services.AddPersonalDataProvider<MeetingsPersonalData>();
    }
}
