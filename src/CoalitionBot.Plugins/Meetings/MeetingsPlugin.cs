using System.ComponentModel.DataAnnotations;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Plugins.Shared;
using Microsoft.AspNetCore.DataProtection;
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

    /// <summary>The Legistar Web API that <c>/meeting watch</c> reads (tests point it at a fake). Default: <c>https://webapi.legistar.com/v1/</c>.</summary>
    [Required]
    public string LegistarBaseUrl { get; set; } = "https://webapi.legistar.com/v1/";

    /// <summary>How often each agenda watch asks Legistar for changes. Default: 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "1.00:00:00")]
    public TimeSpan WatchEvery { get; set; } = TimeSpan.FromMinutes(30);

    internal IReadOnlyList<TimeSpan> Defaults => Recurrence.ParseLeadTimes(DefaultReminders, out _) ?? [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Recurrence.ParseLeadTimes(DefaultReminders, out _) is null)
        {
            yield return new ValidationResult($"\"{DefaultReminders}\" is not a list of reminder times like 7d,1d,2h (durations up to 60 days, separated by commas).", [nameof(DefaultReminders)]);
        }

        if (!Uri.TryCreate(LegistarBaseUrl, UriKind.Absolute, out var legistar) || (legistar.Scheme != Uri.UriSchemeHttp && legistar.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"\"{LegistarBaseUrl}\" is not an http(s) address like https://webapi.legistar.com/v1/.", [nameof(LegistarBaseUrl)]);
        }
    }
}

/// <summary><c>/meeting</c>: council meetings, hearings and coalition calls, with reminders that are never lost.</summary>
/// <remarks>Registers <see cref="IMeetingCalendar"/> for the other plugins.</remarks>
public sealed class MeetingsPlugin : BotPlugin<MeetingsSettings>
{
    public override string Name => "meetings";

    public override string Description => "Council meetings, hearings and calls, with reminders and RSVPs";



    public override IEnumerable<Type> Modules =>
        [
            typeof(MeetingCommands), typeof(UpcomingMeetingCommands), typeof(ReminderDeliveryCommands), typeof(CalendarLinkCommands),
            typeof(MeetingSubscriptionCommands), typeof(AgendaWatchCommands), typeof(AgendaAlertCommands),
        ];

    protected override void ConfigureServices(IServiceCollection services, MeetingsSettings settings)
    {
        services.AddTenantDbContext<MeetingsDbContext, PostgresMeetingsDbContext>("meetings");
        services.AddScoped<MeetingPlanner>();
        services.AddScoped<IMeetingCalendar, MeetingCalendar>();
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
        services.AddDataProtection();
        services.AddSingleton<AgendaWatchTokens>();
        services.AddSingleton<LegistarClient>();
        services.AddScoped<AgendaWatcher>();
        services.AddSingleton<AgendaWatchSignal>();
        services.AddSingleton<AgendaWatchRunner>();
        services.AddHostedService<AgendaWatchService>();
        services.AddPersonalDataProvider<MeetingsPersonalData>();
    }
}
