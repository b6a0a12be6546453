using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>/stakeholder …</c> for the whole map: the spectrum of allies, who has gone stale, and a city's or county's seats to fill in.</summary>
public sealed class StakeholderMapCommands(
    StakeholderDirectory directory,
    StakeholdersSettings settings,
    TimeProvider clock) : CommandModule
{
    [Command("stakeholder map", "The spectrum of allies: who stands where, who to move next", DescriptionEs = "El espectro de aliados: quién está dónde, a quién mover")]
    public async Task<CommandResult> MapAsync(
        [Option("Only this city, county or state", Remainder = true, MaxLength = 100, DescriptionEs = "Solo esta ciudad, condado o estado")] string? jurisdiction = null,
        CancellationToken cancellationToken = default)
    {
        var all = await directory.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return CommandResult.NotFound(EmptyMap());
        }

        var people = all;
        string? shown = null;
        if (!string.IsNullOrWhiteSpace(jurisdiction))
        {
            var words = StakeholderNames.Key(jurisdiction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            people = all.Where(s => words.All(w => StakeholderNames.HasWord(StakeholderNames.Key(s.Jurisdiction).Split(' '), w))).ToList();
            if (people.Count == 0)
            {
                var known = string.Join(", ", all.Select(s => s.Jurisdiction).Where(j => !string.IsNullOrWhiteSpace(j)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
                return CommandResult.NotFound(Markup.Format($"{Context.Say("Nobody on the map in", "Nadie en el mapa en")} “{jurisdiction}”. {Context.Say("Jurisdictions:", "Jurisdicciones:")} {(known.Length == 0 ? "—" : known)}"));
            }

            shown = people.Select(p => p.Jurisdiction).First(j => !string.IsNullOrWhiteSpace(j));
        }

        return StakeholderCards.Map(people, shown, settings.StaleDays, clock.GetUtcNow(), Context);
    }

    [Command("stakeholder stale", "Who has not been contacted or re-assessed lately", DescriptionEs = "Quién no ha tenido contacto ni evaluación últimamente")]
    public async Task<CommandResult> StaleAsync(
        [Option("Days without contact or re-assessment (default 30)", MinValue = 1, MaxValue = 3650, DescriptionEs = "Días sin contacto ni evaluación (30 si no se indica)")] int? days = null,
        CancellationToken cancellationToken = default)
    {
        var window = days ?? settings.StaleDays;
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-window);
        var all = await directory.ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return CommandResult.NotFound(EmptyMap());
        }

        var stale = all
            .Where(s => s.LastTouchedAt is null || s.LastTouchedAt < cutoff)
            .OrderBy(s => s.LastTouchedAt ?? DateTimeOffset.MinValue).ThenBy(s => s.NameKey, StringComparer.Ordinal)
            .ToList();
        if (stale.Count == 0)
        {
            return new Reply { Text = Context.Say($"Everyone was contacted or re-assessed in the last {window} days.", $"Todos tuvieron contacto o evaluación en los últimos {window} días.") };
        }

        const int Shown = 25;
        return new Reply
        {
            Title = Context.Say($"Not touched in {window} days ({stale.Count})", $"Sin contacto ni evaluación en {window} días ({stale.Count})"),
            Bullets = stale.Take(Shown).Select(s => Markup.Format(
                $"**{s.Name}** — {StakeholderText.Stance(s.Stance).In(Context)} · {Context.Say("last contact", "último contacto")} {StakeholderText.Ago(s.LastContactAt, now, Context)} · {Context.Say("assessed", "evaluado")} {StakeholderText.Ago(s.LastAssessedAt, now, Context)}")).ToList(),
            Footer = stale.Count > Shown
                ? Context.Say($"+{stale.Count - Shown} more. Log contacts with `/stakeholder contact`.", $"+{stale.Count - Shown} más. Anote contactos con `/stakeholder contact`.")
                : Context.Say("Log contacts with `/stakeholder contact`.", "Anote contactos con `/stakeholder contact`."),
        };
    }

    [Command("stakeholder template", "Add a city's or county's decision makers as placeholders", Role = Role.Lead, DescriptionEs = "Agregar a quienes deciden en una ciudad o condado, para completar")]
    public async Task<CommandResult> TemplateAsync(
        [Option("city or county", DescriptionEs = "city (ciudad) o county (condado)")] TemplateKind kind,
        [Option("The city's or county's name", Remainder = true, MaxLength = 60, DescriptionEs = "El nombre de la ciudad o condado")] string name,
        CancellationToken cancellationToken = default)
    {
        var place = StakeholderFields.Jurisdiction.Parse(name);
        if (place.Error is not null || place.Value is not string jurisdiction)
        {
            return CommandResult.Invalid(Context.Say("Give the city's or county's name.", "Indique el nombre de la ciudad o condado."));
        }

        var level = kind == TemplateKind.City ? JurisdictionLevel.City : JurisdictionLevel.County;
        var added = new List<string>();
        var skipped = new List<string>();
        foreach (var (roleName, roleKind, influence) in Seats(kind, jurisdiction))
        {
            if (await directory.NameTakenAsync(roleName, 0, cancellationToken))
            {
                skipped.Add(roleName);
                continue;
            }

            await directory.AddAsync(
                [
                    new(StakeholderFields.Name, roleName), new(StakeholderFields.Kind, roleKind), new(StakeholderFields.Level, level),
                    new(StakeholderFields.Jurisdiction, jurisdiction), new(StakeholderFields.Influence, influence),
                ],
                Context.User,
                Context.Say("template placeholder", "plantilla"),
                cancellationToken);
            added.Add(roleName);
        }

        return new Reply
        {
            Title = Context.Say($"{jurisdiction}: {added.Count} decision makers added", $"{jurisdiction}: {added.Count} personas que deciden agregadas"),
            Bullets = added.Select(Markup.Escape).ToList(),
            Text = skipped.Count == 0 ? null : Markup.Escape(Context.Say($"Already on the map: {string.Join(", ", skipped)}.", $"Ya en el mapa: {string.Join(", ", skipped)}.")),
            Footer = Context.Say(
                "Fill them in with `/stakeholder update \"Council seat 1 (…)\" name:\"Ana Ruiz\" stance:neutral`; add or remove seats as your body has them.",
                "Complételos con `/stakeholder update \"Concejo, puesto 1 (…)\" name:\"Ana Ruiz\" stance:neutral`; agregue o quite puestos según corresponda."),
        };
    }

    /// <summary>The seats of a city's or county's decision makers, named for <paramref name="jurisdiction"/> in the caller's language.</summary>
    private IEnumerable<(string Name, StakeholderKind Kind, Influence Influence)> Seats(TemplateKind kind, string jurisdiction)
    {
        var seatNumbers = Enumerable.Range(1, settings.TemplateSeats);
        return kind == TemplateKind.City
            ?
            [
                (Context.Say($"Mayor ({jurisdiction})", $"Alcaldía ({jurisdiction})"), StakeholderKind.Mayor, Influence.High),
                .. seatNumbers.Select(i => (Context.Say($"Council seat {i} ({jurisdiction})", $"Concejo, puesto {i} ({jurisdiction})"), StakeholderKind.CityCouncilMember, Influence.Medium)),
                (Context.Say($"Police chief ({jurisdiction})", $"Jefatura de policía ({jurisdiction})"), StakeholderKind.PoliceChief, Influence.High),
                (Context.Say($"City attorney ({jurisdiction})", $"Abogado de la ciudad ({jurisdiction})"), StakeholderKind.CityAttorney, Influence.Medium),
            ]
            :
            [
                (Context.Say($"Sheriff ({jurisdiction})", $"Alguacil ({jurisdiction})"), StakeholderKind.Sheriff, Influence.High),
                (Context.Say($"District attorney ({jurisdiction})", $"Fiscal de distrito ({jurisdiction})"), StakeholderKind.DistrictAttorney, Influence.High),
                .. seatNumbers.Select(i => (Context.Say($"Commissioner seat {i} ({jurisdiction})", $"Comisión, puesto {i} ({jurisdiction})"), StakeholderKind.CountyCommissioner, Influence.Medium)),
            ];
    }

    private string EmptyMap() => Context.Say(
        "The map is empty. Leads can start with `/stakeholder template city <name>` or `/stakeholder add`.",
        "El mapa está vacío. Los coordinadores pueden empezar con `/stakeholder template city <nombre>` o `/stakeholder add`.");
}
