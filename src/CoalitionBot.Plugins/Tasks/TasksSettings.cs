using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>The <c>settings</c> of the tasks entry in plugins.json.</summary>
public sealed class TasksSettings : IValidatableObject
{
    /// <summary>How long before a task's due time the assignee gets a reminder. Default: 1 day.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "14.00:00:00")]
    public TimeSpan NudgeBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The local time of day the daily digest is posted, for coalitions that set none with <c>/task digest</c>. Default: <c>08:00</c>.</summary>
    [Required]
    public string DigestTime { get; set; } = "08:00";

    /// <summary>The local time of day given to a due date typed without a time (<c>friday</c>). Default: <c>17:00</c>.</summary>
    [Required]
    public string DefaultDueTime { get; set; } = "17:00";

    /// <summary>How often the digest planner looks whether a coalition's digest is due. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan DigestCheckEvery { get; set; } = TimeSpan.FromMinutes(5);

    internal TimeOnly DigestTimeOfDay => ParseTime(DigestTime) ?? new TimeOnly(8, 0);

    internal TimeOnly DefaultDueTimeOfDay => ParseTime(DefaultDueTime) ?? new TimeOnly(17, 0);

    internal static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ParseTime(DigestTime) is null)
        {
            yield return new ValidationResult($"\"{DigestTime}\" is not a time of day like 08:00.", [nameof(DigestTime)]);
        }

        if (ParseTime(DefaultDueTime) is null)
        {
            yield return new ValidationResult($"\"{DefaultDueTime}\" is not a time of day like 17:00.", [nameof(DefaultDueTime)]);
        }
    }
}
