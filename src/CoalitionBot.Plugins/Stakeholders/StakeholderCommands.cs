using System.Globalization;
using System.Text.Json;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>/stakeholder …</c>: look people up, keep the map current, and see the spectrum of allies.</summary>
public sealed class StakeholderCommands(
    StakeholderDirectory directory,
    StakeholdersSettings settings,
    TimeProvider clock,
    IEnumerable<IStakeholderCardSection> sections) : CommandModule
{
    private const int HistoryOnCard = 5;
    private const int MaxPicks = 5;

    [Command("stakeholder find", "Search the power map by name, office, place or tag", DescriptionEs = "Buscar en el mapa de poder por nombre, cargo, lugar o etiqueta")]
    public async Task<CommandResult> FindAsync(
        [Option("Words to look for, like: ruiz, sheriff, budget", Remainder = true, MaxLength = 100, DescriptionEs = "Palabras a buscar, como: ruiz, alguacil, presupuesto")] string query,
        CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(cancellationToken);
        var found = StakeholderNames.Search(query, all, StakeholderText.KindWords);
        if (found.Count == 0)
        {
            return CommandResult.NotFound(Markup.Format($"{Context.Say("Nobody on the map matches", "Nadie en el mapa coincide con")} “{query}”."));
        }

        var shown = found.Take(10).ToList();
        return new Reply
        {
            Title = Context.Say($"{found.Count} found", $"{found.Count} encontrados"),
            Bullets = shown.Select(s => Markup.Format($"**{s.Name}** — {StakeholderText.Summary(s, Context)} · {StakeholderText.Stance(s.Stance).In(Context)}")).ToList(),
            // One button per line shown, so every person listed can be opened (not only the first few, which may all be template seats).
            Buttons = shown.Select(s => new ReplyButton("stakeholders.show", StakeholderText.PickLabel(s, Context), s.Id.ToString(CultureInfo.InvariantCulture))).ToList(),
            Footer = found.Count > shown.Count ? Context.Say("Showing the best 10; add words to narrow it down.", "Se muestran los 10 mejores; agregue palabras para afinar.") : null,
            Ephemeral = true,
        };
    }

    [Command("stakeholder show", "Card of an official or organization: stance, contact, history", DescriptionEs = "Ficha de un funcionario u organización: postura, contacto, historial")]
    public async Task<CommandResult> ShowAsync(
        [Option("Their name; titles and accents don't matter", Remainder = true, MaxLength = 100, DescriptionEs = "Su nombre; títulos y acentos no importan")] string name,
        CancellationToken cancellationToken)
    {
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Show, new PickPayload(), cancellationToken);
        return stakeholder is null ? answer! : await CardAsync(stakeholder, cancellationToken);
    }

    [Command("stakeholder add", "Add an official or organization (not community members)", Role = Role.Lead, DescriptionEs = "Agregar un funcionario u organización (no miembros de la comunidad)")]
    public async Task<CommandResult> AddAsync(
        [Option("Their name, like \"Ana Ruiz\"", MaxLength = StakeholderFields.NameMax, DescriptionEs = "Su nombre, como \"Ana Ruiz\"")] string name,
        [Option("Fields, like kind:mayor jurisdiction:Springfield stance:neutral influence:high", Remainder = true, DescriptionEs = "Campos, como kind:mayor jurisdiction:Springfield stance:neutral influence:high")] string? details = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = ParseDetails(name, details);
        if (parsed.Error is { } error)
        {
            return CommandResult.Invalid(error.In(Context));
        }

        var nameValue = StakeholderFields.Name.Parse(parsed.Name);
        if (nameValue.Error is { } badName)
        {
            return CommandResult.Invalid(badName.In(Context));
        }

        var changes = parsed.Changes;
        if (changes.FirstOrDefault(c => c.Field == StakeholderFields.Name) is { Field: not null } rename)
        {
            nameValue = FieldValue.Ok(rename.Value);
            changes = changes.Where(c => c.Field != StakeholderFields.Name).ToList();
        }

        var fullName = (string)nameValue.Value!;
        if (await directory.NameTakenAsync(fullName, 0, cancellationToken))
        {
            return CommandResult.Invalid(Markup.Format($"{fullName} {Context.Say("is already on the map: see", "ya está en el mapa: vea")} `/stakeholder show {fullName}`."));
        }

        var stakeholder = await directory.AddAsync([new(StakeholderFields.Name, fullName), .. changes], Context.User, note: null, cancellationToken);
        var card = await CardAsync(stakeholder, cancellationToken);
        return card.Reply with { Title = Context.Say($"Added: {stakeholder.Name}", $"Agregado: {stakeholder.Name}") };
    }

    [Command("stakeholder update", "Change fields of a stakeholder, like phone:… office:…", Role = Role.Lead, DescriptionEs = "Cambiar campos de un actor, como phone:… office:…")]
    public async Task<CommandResult> UpdateAsync(
        // Not "name": that is a field (name:"Maria Chen" renames a template seat), so the option naming who to change is "who".
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax, DescriptionEs = "Quién; use comillas si el nombre tiene espacios")] string who,
        [Option("Changes as field:value, like name:\"Ana Ruiz\" phone:555-0100 tags:budget,police", Remainder = true, DescriptionEs = "Cambios como campo:valor, como name:\"Ana Ruiz\" phone:555-0100 tags:budget,police")] string changes,
        CancellationToken cancellationToken = default)
    {
        var parsed = ParseDetails(who, changes);
        if (parsed.Error is { } error)
        {
            return CommandResult.Invalid(error.In(Context));
        }

        if (parsed.Changes.Count == 0)
        {
            return CommandResult.Invalid(Context.Say(
                $"Say what to change, like `/stakeholder update Ruiz phone:555-0100`. Fields: {ChatFieldNames}.",
                $"Diga qué cambiar, como `/stakeholder update Ruiz phone:555-0100`. Campos: {ChatFieldNames}."));
        }

        var payload = new PickPayload { Changes = parsed.Raw };
        var (stakeholder, answer) = await ResolveAsync(parsed.Name, PendingAction.Update, payload, cancellationToken);
        return stakeholder is null ? answer! : await ApplyUpdateAsync(stakeholder, parsed.Changes, cancellationToken);
    }

    [Command("stakeholder stance", "Set where someone stands on the spectrum of allies", Role = Role.Lead, DescriptionEs = "Indicar dónde está alguien en el espectro de aliados")]
    public async Task<CommandResult> StanceAsync(
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax, DescriptionEs = "Quién; use comillas si el nombre tiene espacios")] string name,
        [Option("Where they stand now", DescriptionEs = "Dónde está ahora")] Stance stance,
        [Option("Why, or what happened", Remainder = true, MaxLength = StakeholderFields.NotesMax, DescriptionEs = "Por qué, o qué pasó")] string? note = null,
        CancellationToken cancellationToken = default)
    {
        var payload = new PickPayload { Stance = Choices.Name(stance), Note = note };
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Stance, payload, cancellationToken);
        return stakeholder is null ? answer! : await ApplyStanceAsync(stakeholder, stance, note, cancellationToken);
    }

    [Command("stakeholder contact", "Log a call, meeting or email with a stakeholder", DescriptionEs = "Anotar una llamada, reunión o correo con un actor")]
    public async Task<CommandResult> ContactAsync(
        [Option("Who; quote names with spaces", MaxLength = StakeholderFields.NameMax, DescriptionEs = "Quién; use comillas si el nombre tiene espacios")] string name,
        [Option("What happened (about their office, not anyone's personal story)", Remainder = true, MaxLength = StakeholderFields.NotesMax, DescriptionEs = "Qué pasó (sobre su cargo, no historias personales)")] string note,
        CancellationToken cancellationToken = default)
    {
        (name, note) = await ExtendNameAsync(name, note, cancellationToken);
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Contact, new PickPayload { Note = note }, cancellationToken);
        return stakeholder is null ? answer! : await ApplyContactAsync(stakeholder, note, cancellationToken);
    }

    [Command("stakeholder remove", "Remove someone from the power map (asks first)", Role = Role.Lead, DescriptionEs = "Quitar a alguien del mapa de poder (pregunta antes)")]
    public async Task<CommandResult> RemoveAsync(
        [Option("Who", Remainder = true, MaxLength = StakeholderFields.NameMax, DescriptionEs = "Quién")] string name,
        CancellationToken cancellationToken)
    {
        var (stakeholder, answer) = await ResolveAsync(name, PendingAction.Remove, new PickPayload(), cancellationToken);
        return stakeholder is null ? answer! : ConfirmRemove(stakeholder);
    }

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
        var seats = settings.TemplateSeats;
        var seatNumbers = Enumerable.Range(1, seats);
        IEnumerable<(string Name, StakeholderKind Kind, Influence Influence)> roles = kind == TemplateKind.City
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

        var added = new List<string>();
        var skipped = new List<string>();
        foreach (var (roleName, roleKind, influence) in roles)
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

    [Button("stakeholders.show")]
    public async Task<CommandResult> ShowButtonAsync(string value, CancellationToken cancellationToken)
    {
        var stakeholder = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await directory.GetAsync(id, cancellationToken) : null;
        return stakeholder is null ? Gone() : await CardAsync(stakeholder, cancellationToken);
    }

    [Button("stakeholders.pick")]
    public async Task<CommandResult> PickAsync(string value, CancellationToken cancellationToken)
    {
        var parts = value.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pickId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stakeholderId))
        {
            return Expired();
        }

        var pick = await directory.FindPickAsync(pickId, cancellationToken);
        if (pick is null)
        {
            return Expired();
        }

        if (pick.UserId != Context.User.Id)
        {
            return CommandResult.Forbidden(Context.Say("This list is for the person who ran the command.", "Esta lista es para quien usó el comando."));
        }

        if (pick.Action is PendingAction.Stance or PendingAction.Update or PendingAction.Remove && Context.Role < Role.Lead)
        {
            return CommandResult.Forbidden(Context.Say("Only leads can do that.", "Solo los coordinadores pueden hacer eso."));
        }

        if (!pick.CandidateIds.Split(',').Contains(stakeholderId.ToString(CultureInfo.InvariantCulture)))
        {
            return Expired();
        }

        await directory.DeletePickAsync(pick, cancellationToken);
        var stakeholder = await directory.GetAsync(stakeholderId, cancellationToken);
        if (stakeholder is null)
        {
            return Gone();
        }

        var payload = JsonSerializer.Deserialize<PickPayload>(pick.Payload) ?? new PickPayload();
        var result = pick.Action switch
        {
            PendingAction.Stance when Choices.TryParse<Stance>(payload.Stance ?? string.Empty, out var stance) => await ApplyStanceAsync(stakeholder, stance, payload.Note, cancellationToken),
            PendingAction.Contact when !string.IsNullOrWhiteSpace(payload.Note) => await ApplyContactAsync(stakeholder, payload.Note, cancellationToken),
            PendingAction.Update => await ApplyUpdateAsync(stakeholder, ReadChanges(payload.Changes), cancellationToken),
            PendingAction.Remove => ConfirmRemove(stakeholder),
            _ => await CardAsync(stakeholder, cancellationToken),
        };
        return result.IsSuccess ? result with { UpdatesOriginal = true } : result;
    }

    [Button("stakeholders.remove", Role = Role.Lead)]
    public async Task<CommandResult> ConfirmRemoveAsync(string value, CancellationToken cancellationToken)
    {
        var stakeholder = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await directory.GetAsync(id, cancellationToken) : null;
        if (stakeholder is null)
        {
            return Gone();
        }

        await directory.RemoveAsync(stakeholder, Context.User, cancellationToken);
        return CommandResult.Update(new Reply
        {
            Text = Markup.Format($"{Context.Say("Removed from the map:", "Quitado del mapa:")} **{stakeholder.Name}**. {Context.Say("Their history is kept.", "Su historial se conserva.")}"),
        });
    }

    [Button("stakeholders.cancel")]
    public CommandResult Cancel(string value) =>
        CommandResult.Update(new Reply { Text = Context.Say("Nothing was removed.", "No se quitó nada."), Ephemeral = true });

    private static string ChatFieldNames => string.Join(", ", StakeholderFields.All.Where(f => f.InChat).Select(f => f.Name));

    private async Task<CommandResult> CardAsync(Stakeholder stakeholder, CancellationToken cancellationToken)
    {
        var history = await directory.HistoryAsync(stakeholder.Id, HistoryOnCard, cancellationToken);
        var extra = new List<ReplyField>();
        foreach (var section in sections)
        {
            if (await section.DescribeAsync(new StakeholderRef(stakeholder.Id, stakeholder.Name), Context, cancellationToken) is { } field)
            {
                extra.Add(field);
            }
        }

        return StakeholderCards.Card(stakeholder, history, extra, clock.GetUtcNow(), Context);
    }

    private async Task<CommandResult> ApplyStanceAsync(Stakeholder stakeholder, Stance stance, string? note, CancellationToken cancellationToken)
    {
        var before = stakeholder.Stance;
        await directory.UpdateAsync(stakeholder, [new(StakeholderFields.Stance, stance)], Context.User, note, cancellationToken);
        var now = StakeholderText.Stance(stance).In(Context);
        var text = before == stance
            ? Markup.Format($"**{stakeholder.Name}**: {Context.Say("stance confirmed as", "postura confirmada:")} {now}.")
            : Markup.Format($"**{stakeholder.Name}**: {StakeholderText.Stance(before).In(Context)} → **{now}**.");
        return new Reply { Text = text, Footer = Context.Say("Kept in their history.", "Guardado en su historial.") };
    }

    private async Task<CommandResult> ApplyContactAsync(Stakeholder stakeholder, string note, CancellationToken cancellationToken)
    {
        await directory.LogContactAsync(stakeholder.Id, Context.User, note, cancellationToken);
        return new Reply
        {
            Text = Markup.Format($"{Context.Say("Contact logged with", "Contacto anotado con")} **{stakeholder.Name}**. {Context.Say("Thank you!", "¡Gracias!")}"),
        };
    }

    private async Task<CommandResult> ApplyUpdateAsync(Stakeholder stakeholder, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        if (changes.FirstOrDefault(c => c.Field == StakeholderFields.Name) is { Field: not null } rename
            && await directory.NameTakenAsync((string)rename.Value!, stakeholder.Id, cancellationToken))
        {
            return CommandResult.Invalid(Markup.Format($"{Context.Say("Another stakeholder is already called", "Ya hay otro actor llamado")} {(string)rename.Value!}."));
        }

        var events = await directory.UpdateAsync(stakeholder, changes, Context.User, note: null, cancellationToken);
        if (events.Count == 0)
        {
            return new Reply { Text = Markup.Format($"**{stakeholder.Name}**: {Context.Say("nothing changed; those were already the values.", "nada cambió; ya tenía esos valores.")}") };
        }

        var now = clock.GetUtcNow();
        return new Reply
        {
            Title = Context.Say($"Updated: {stakeholder.Name}", $"Actualizado: {stakeholder.Name}"),
            Bullets = events.Select(e => StakeholderText.HistoryLine(e, now, Context)).ToList(),
            Footer = Context.Say("Every change is kept in their history.", "Cada cambio queda en su historial."),
        };
    }

    private CommandResult ConfirmRemove(Stakeholder stakeholder) => new Reply
    {
        Text = Markup.Format($"{Context.Say("Remove", "¿Quitar a")} **{stakeholder.Name}** {Context.Say("from the map? Their history is kept.", "del mapa? Su historial se conserva.")}"),
        Buttons =
        [
            new("stakeholders.remove", Context.Say("Remove", "Quitar"), stakeholder.Id.ToString(CultureInfo.InvariantCulture), ButtonStyle.Danger),
            new("stakeholders.cancel", Context.Say("Cancel", "Cancelar")),
        ],
        Ephemeral = true,
    };

    /// <summary>The one stakeholder a name means; otherwise the answer to give: a pick list (buttons) or "not found".</summary>
    private async Task<(Stakeholder? Found, CommandResult? Answer)> ResolveAsync(string name, PendingAction action, PickPayload payload, CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(cancellationToken);
        var candidates = StakeholderNames.Resolve(name, all);
        if (candidates.Count == 1)
        {
            return (candidates[0], null);
        }

        if (candidates.Count == 0)
        {
            var similar = StakeholderNames.Search(name, all, StakeholderText.KindWords).Take(3).Select(s => s.Name).ToList();
            var hint = similar.Count == 0
                ? Context.Say(" Try `/stakeholder find`.", " Pruebe `/stakeholder find`.")
                : Context.Say($" Did you mean: {string.Join(", ", similar)}?", $" ¿Quiso decir: {string.Join(", ", similar)}?");
            return (null, CommandResult.NotFound(Markup.Format($"{Context.Say("No stakeholder named", "Ningún actor se llama")} “{name}”.{hint}")));
        }

        var offered = candidates.OrderBy(c => c.NameKey, StringComparer.Ordinal).Take(MaxPicks).ToList();
        var pickId = await directory.SavePickAsync(action, JsonSerializer.Serialize(payload), offered, Context.User, cancellationToken);
        var more = candidates.Count > MaxPicks
            ? Context.Say($" Showing {MaxPicks} of {candidates.Count}; type more of the name to narrow it down.", $" Se muestran {MaxPicks} de {candidates.Count}; escriba más del nombre para afinar.")
            : string.Empty;
        return (null, CommandResult.Ok(new Reply
        {
            Text = Markup.Format($"{Context.Say("Several stakeholders match", "Varios actores coinciden con")} “{name}”. {Context.Say("Which one?", "¿Cuál?")}{more}"),
            Buttons = offered.Select(c => new ReplyButton(
                "stakeholders.pick", StakeholderText.PickLabel(c, Context), string.Create(CultureInfo.InvariantCulture, $"{pickId}:{c.Id}"))).ToList(),
            Ephemeral = true,
        }));
    }

    /// <summary>For an unquoted name that ran into the note ("contact Ana Ruiz called her office"): the longest name that finds someone.</summary>
    private async Task<(string Name, string Remaining)> ExtendNameAsync(string name, string rest, CancellationToken cancellationToken)
    {
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return (name, rest);
        }

        var all = await directory.ListAsync(cancellationToken);
        for (var take = Math.Min(4, words.Length - 1); take >= 1; take--)
        {
            var longer = $"{name} {string.Join(' ', words.Take(take))}";
            if (all.Any(s => s.NameKey == StakeholderNames.Key(longer) || StakeholderNames.StripTitles(s.NameKey).Core == StakeholderNames.StripTitles(StakeholderNames.Key(longer)).Core))
            {
                return (longer, string.Join(' ', words.Skip(take)));
            }
        }

        return (name, rest);
    }

    /// <summary>
    /// Reads <c>field:value</c> words. Plain words before the first field belong to the name (so quotes are optional),
    /// and plain words after a field continue its value (<c>notes:met at the forum</c>).
    /// </summary>
    private static ParsedDetails ParseDetails(string name, string? details)
    {
        var nameWords = new List<string> { name };
        var values = new List<(StakeholderField Field, List<string> Words)>();
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in Tokenizer.Tokenize(details))
        {
            if (token.Name is { } fieldName)
            {
                if (StakeholderFields.IsForbidden(fieldName))
                {
                    return ParsedDetails.Fail(StakeholderFields.ForbiddenMessage);
                }

                var field = StakeholderFields.Find(fieldName);
                if (field is null && values.Count == 0)
                {
                    return ParsedDetails.Fail(new(
                        $"There is no field `{Markup.Escape(fieldName)}`. Fields: {ChatFieldNames}.",
                        $"No existe el campo `{Markup.Escape(fieldName)}`. Campos: {ChatFieldNames}."));
                }

                if (field is not null)
                {
                    if (!field.InChat)
                    {
                        return ParsedDetails.Fail(new(
                            $"`{field.Name}` is set by `/stakeholder contact` and `/stakeholder stance`.",
                            $"`{field.Name}` se actualiza con `/stakeholder contact` y `/stakeholder stance`."));
                    }

                    if (values.Any(v => v.Field == field))
                    {
                        return ParsedDetails.Fail(new($"`{field.Name}` is given twice.", $"`{field.Name}` aparece dos veces."));
                    }

                    values.Add((field, [token.Value]));
                    continue;
                }
            }

            var word = token.Quoted ? token.Value : token.Raw;
            if (values.Count == 0)
            {
                nameWords.Add(word);
            }
            else
            {
                values[^1].Words.Add(word);
            }
        }

        var changes = new List<FieldChange>();
        foreach (var (field, words) in values)
        {
            var text = string.Join(' ', words);
            var parsed = field.Parse(text);
            if (parsed.Error is { } error)
            {
                return ParsedDetails.Fail(error);
            }

            changes.Add(new(field, parsed.Value));
            raw[field.Name] = text;
        }

        return new ParsedDetails(string.Join(' ', nameWords), changes, raw, null);
    }

    private static List<FieldChange> ReadChanges(IReadOnlyDictionary<string, string>? raw) =>
        (raw ?? new Dictionary<string, string>())
            .Select(p => (Field: StakeholderFields.Find(p.Key), Text: p.Value))
            .Where(p => p.Field is not null)
            .Select(p => (p.Field!, Value: p.Field!.Parse(p.Text)))
            .Where(p => p.Value.Error is null)
            .Select(p => new FieldChange(p.Item1, p.Value.Value))
            .ToList();

    private string EmptyMap() => Context.Say(
        "The map is empty. Leads can start with `/stakeholder template city <name>` or `/stakeholder add`.",
        "El mapa está vacío. Los coordinadores pueden empezar con `/stakeholder template city <nombre>` o `/stakeholder add`.");

    private CommandResult Expired() => CommandResult.Invalid(Context.Say(
        "That list has expired. Run the command again.", "Esa lista ya venció. Vuelva a usar el comando."));

    private CommandResult Gone() => CommandResult.NotFound(Context.Say(
        "That stakeholder is no longer on the map.", "Ese actor ya no está en el mapa."));

    private sealed record ParsedDetails(string Name, IReadOnlyList<FieldChange> Changes, IReadOnlyDictionary<string, string> Raw, Bi? Error)
    {
        public static ParsedDetails Fail(Bi error) => new(string.Empty, [], new Dictionary<string, string>(), error);
    }

    /// <summary>What a pick list completes once the person picks: stored as JSON with the pick.</summary>
    private sealed record PickPayload
    {
        public string? Stance { get; init; }

        public string? Note { get; init; }

        /// <summary>For an update: field name → value as typed; read again when the pick is made.</summary>
        public IReadOnlyDictionary<string, string>? Changes { get; init; }
    }
}
