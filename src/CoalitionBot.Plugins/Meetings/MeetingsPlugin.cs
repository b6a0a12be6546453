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
        services.AddTenantDbContext<MeetingsDbContext>("meetings");
        services.AddScoped<MeetingPlanner>();
        services.AddHostedService<MeetingPlannerService>();
        services.AddSingleton<Core.Messaging.IPublicFeed, MeetingFeed>();
        services.AddPersonalDataProvider<MeetingsPersonalData>();
    }
}
