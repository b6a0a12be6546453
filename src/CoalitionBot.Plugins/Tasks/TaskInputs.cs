using System.Globalization;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Tasks;

/// <summary>
/// Reads what people type into the task commands (due times, task numbers, stakeholders, campaigns) in the caller's language
/// and time zone; each read gives the value or the short answer to give instead.
/// </summary>
public sealed class TaskInputs(
    TaskBoard board,
    TasksSettings settings,
    IDateTimeParser dates,
    TimeProvider clock,
    IEnumerable<ICampaignLookup> campaigns,
    IEnumerable<IPowerMap> powerMaps)
{
    /// <summary>A due time typed in the caller's language and time zone; the error when it cannot be read or is in the past.</summary>
    public (DateTimeOffset? Due, string? Error) ParseDue(string? due, CommandContext context)
    {
        if (string.IsNullOrWhiteSpace(due))
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        var parsing = ParseContext.For(context, now) with { DefaultTimeOfDay = settings.DefaultDueTimeOfDay };
        var value = dates.Parse(due, parsing, out var error);
        if (value is null)
        {
            return (null, error is null ? context.T("tasks.due.unreadable") : context.T("tasks.due.error", new { error = new TrustedMarkup(error) }));
        }

        if (value <= now)
        {
            return (null, context.T("tasks.due.past", new { date = TaskCards.When(value.Value, context.ReaderAt(now)) }));
        }

        return (value, null);
    }

    /// <summary>The one stakeholder of the power map a typed name means; the error when none, several or no power map.</summary>
    public async Task<(StakeholderRef? Stakeholder, string? Error)> StakeholderAsync(string? name, CommandContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var directory = powerMaps.FirstOrDefault();
        if (directory is null)
        {
            return (null, context.T("tasks.stakeholder.off"));
        }

        var match = await directory.FindAsync(name, cancellationToken);
        if (match.Single is { } one)
        {
            return (one, null);
        }

        if (match.IsAmbiguous)
        {
            var names = string.Join(", ", match.Candidates.Take(5).Select(c => $"“{c.Name}”"));
            return (null, context.T("tasks.stakeholder.ambiguous", new { name, names }));
        }

        return (null, context.T("tasks.stakeholder.unknown", new { name }));
    }

    /// <summary>
    /// The campaign a step links the task to. A campaign named with <c>campaign:</c> must exist (else the error); without one,
    /// a step that finds no single active campaign stays on the task unlinked, and <c>Unlinked</c> says why.
    /// </summary>
    public async Task<(long? CampaignId, string? Error, string? Unlinked)> CampaignAsync(CampaignStep? step, string? campaign, CommandContext context, CancellationToken cancellationToken)
    {
        if (step is null && campaign is null)
        {
            return (null, null, null);
        }

        if (step is null)
        {
            return (null, context.T("tasks.campaign.no-step"), null);
        }

        var lookup = campaigns.FirstOrDefault();
        if (lookup is null)
        {
            // Without the campaigns plugin the step is still worth keeping and showing.
            return campaign is null
                ? (null, null, null)
                : (null, context.T("tasks.campaign.off"), null);
        }

        var named = !string.IsNullOrWhiteSpace(campaign);
        var found = await lookup.FindAsync(named ? campaign!.Trim() : null, context, cancellationToken);
        if (found.Campaign is { } c)
        {
            return (c.Id, null, null);
        }

        var why = found.Error ?? context.T("tasks.campaign.unknown");
        return named ? (null, why, null) : (null, null, why);
    }

    /// <summary>The task a typed number (<c>12</c> or <c>#12</c>) means; the answer to give when it is not a number or no such task exists.</summary>
    public async Task<(OutreachTask? Task, CommandResult? Missing)> FindAsync(string id, CommandContext context, CancellationToken cancellationToken)
    {
        var text = id.Trim().TrimStart('#');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return (null, CommandResult.Invalid(context.T("tasks.number.invalid", new { id })));
        }

        var task = await board.FindAsync(number, cancellationToken);
        return task is null
            ? (null, CommandResult.NotFound(context.T("tasks.number.unknown", new { number })))
            : (task, null);
    }
}
