using System.Globalization;
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
        var parsing = new ParseContext(now, context.TimeZone, context.Culture) { DefaultTimeOfDay = settings.DefaultDueTimeOfDay };
        var value = dates.Parse(due, parsing, out var error);
        if (value is null)
        {
            return (null, "`due`: " + (error ?? context.Say("I couldn't read that date.", "No entendí esa fecha.")));
        }

        if (value <= now)
        {
            return (null, context.Say(
                $"`due`: {TaskCards.When(value.Value, Reader(context))} is in the past. Give a later time, like tomorrow 5pm. Nothing was changed.",
                $"`due`: {TaskCards.When(value.Value, Reader(context))} ya pasó. Indique una hora futura, como mañana a las 5. No se cambió nada."));
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
            return (null, context.Say("The power map (the stakeholders plugin) is off here, so tasks can't name a stakeholder.", "El mapa de poder (el plugin stakeholders) está desactivado aquí, así que las tareas no pueden vincularse a un actor."));
        }

        var match = await directory.FindAsync(name, cancellationToken);
        if (match.Single is { } one)
        {
            return (one, null);
        }

        if (match.IsAmbiguous)
        {
            var names = string.Join(", ", match.Candidates.Take(5).Select(c => $"“{c.Name}”"));
            return (null, context.Say(
                Markup.Format($"“{name}” matches several stakeholders: ") + Markup.Escape(names) + ". Say which one, like stakeholder:\"full name\".",
                Markup.Format($"“{name}” coincide con varios actores: ") + Markup.Escape(names) + ". Diga cuál, como stakeholder:\"nombre completo\"."));
        }

        return (null, context.Say(
            Markup.Format($"Nobody on the power map matches “{name}”. Check with `/stakeholder find {name}`, or add them with `/stakeholder add`."),
            Markup.Format($"Nadie en el mapa de poder coincide con “{name}”. Verifique con `/stakeholder find {name}` o agréguelo con `/stakeholder add`.")));
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
            return (null, context.Say("Say which step of the campaign the task counts toward, like `step:2-education`.", "Diga a qué paso de la campaña contribuye la tarea, como `step:2-education`."), null);
        }

        var lookup = campaigns.FirstOrDefault();
        if (lookup is null)
        {
            // Without the campaigns plugin the step is still worth keeping and showing.
            return campaign is null
                ? (null, null, null)
                : (null, context.Say("Campaigns are not turned on here, so `campaign` can't be used; the step alone is fine.", "Las campañas no están activadas aquí, así que no se puede usar `campaign`; puede indicar solo el paso."), null);
        }

        var named = !string.IsNullOrWhiteSpace(campaign);
        var found = await lookup.FindAsync(named ? campaign!.Trim() : null, context, cancellationToken);
        if (found.Campaign is { } c)
        {
            return (c.Id, null, null);
        }

        var why = found.Error ?? context.Say("I couldn't find that campaign.", "No encontré esa campaña.");
        return named ? (null, why, null) : (null, null, why);
    }

    /// <summary>The task a typed number (<c>12</c> or <c>#12</c>) means; the answer to give when it is not a number or no such task exists.</summary>
    public async Task<(OutreachTask? Task, CommandResult? Missing)> FindAsync(string id, CommandContext context, CancellationToken cancellationToken)
    {
        var text = id.Trim().TrimStart('#');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return (null, CommandResult.Invalid(context.Say(Markup.Format($"`{id}` is not a task number; use the number shown, like 12 or #12."),
                Markup.Format($"`{id}` no es un número de tarea; use el número que se muestra, como 12 o #12."))));
        }

        var task = await board.FindAsync(number, cancellationToken);
        return task is null
            ? (null, CommandResult.NotFound(context.Say($"There is no task #{number}. See them with `/task list`.", $"No existe la tarea #{number}. Vea la lista con `/task list`.")))
            : (task, null);
    }

    private TaskReader Reader(CommandContext context) => TaskReader.For(context, clock.GetUtcNow());
}
