using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using Humanizer;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>How stakeholders, stances and history read in English and Spanish.</summary>
internal static class StakeholderText
{
    public static Bi Stance(Stance stance) => stance switch
    {
        Stakeholders.Stance.ActiveAlly => new("Active ally", "Aliado activo"),
        Stakeholders.Stance.PassiveAlly => new("Passive ally", "Aliado pasivo"),
        Stakeholders.Stance.Neutral => new("Neutral", "Neutral"),
        Stakeholders.Stance.PassiveOpponent => new("Passive opponent", "Opositor pasivo"),
        Stakeholders.Stance.ActiveOpponent => new("Active opponent", "Opositor activo"),
        _ => new("Not yet assessed", "Sin evaluar"),
    };

    public static Bi Influence(Influence influence) => influence switch
    {
        Stakeholders.Influence.High => new("High", "Alta"),
        Stakeholders.Influence.Low => new("Low", "Baja"),
        _ => new("Medium", "Media"),
    };

    public static Bi Kind(StakeholderKind kind) => kind switch
    {
        StakeholderKind.Mayor => new("Mayor", "Alcaldía"),
        StakeholderKind.CityCouncilMember => new("City council member", "Concejal"),
        StakeholderKind.CountyCommissioner => new("County commissioner", "Comisionado del condado"),
        StakeholderKind.Sheriff => new("Sheriff", "Alguacil"),
        StakeholderKind.PoliceChief => new("Police chief", "Jefe de policía"),
        StakeholderKind.DistrictAttorney => new("District attorney", "Fiscal de distrito"),
        StakeholderKind.CityAttorney => new("City attorney", "Abogado de la ciudad"),
        StakeholderKind.StateLegislator => new("State legislator", "Legislador estatal"),
        StakeholderKind.Union => new("Union", "Sindicato"),
        StakeholderKind.FaithCommunity => new("Faith community", "Comunidad de fe"),
        StakeholderKind.Business => new("Business", "Negocio"),
        StakeholderKind.CommunityOrganization => new("Community organization", "Organización comunitaria"),
        StakeholderKind.Media => new("Media", "Medios"),
        _ => new("Other", "Otro"),
    };

    public static Bi Level(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.City => new("city", "ciudad"),
        JurisdictionLevel.County => new("county", "condado"),
        _ => new("state", "estado"),
    };

    /// <summary>Both languages' kind names, so <c>find sheriff</c> and <c>find alguacil</c> both work.</summary>
    public static string KindWords(Stakeholder s) => $"{Kind(s.Kind).En} {Kind(s.Kind).Es} {Choices.Name(s.Kind)}";

    /// <summary>"City council member · District 3 · Springfield (city)".</summary>
    public static string Summary(Stakeholder s, CommandContext context)
    {
        var parts = new List<string> { Kind(s.Kind).In(context) };
        if (!string.IsNullOrWhiteSpace(s.Office))
        {
            parts.Add(s.Office);
        }

        if (!string.IsNullOrWhiteSpace(s.Jurisdiction))
        {
            parts.Add(s.Level is { } level ? $"{s.Jurisdiction} ({Level(level).In(context)})" : s.Jurisdiction);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>"3 weeks ago" in the reader's language, or "never".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now, CommandContext context) =>
        at is { } when ? when.Humanize(now, context.Culture) : context.Say("never", "nunca");

    /// <summary>A button label that fits every platform: the name and what tells it apart.</summary>
    public static string PickLabel(Stakeholder s, CommandContext context)
    {
        var label = $"{s.Name} — {Kind(s.Kind).In(context)}{(string.IsNullOrWhiteSpace(s.Jurisdiction) ? string.Empty : ", " + s.Jurisdiction)}";
        return label.Length <= 80 ? label : label[..79] + "…";
    }

    /// <summary>One history line in neutral markup: "2 days ago — ana: stance Neutral → Passive ally (met at the forum)".</summary>
    public static string HistoryLine(StakeholderEvent e, DateTimeOffset now, CommandContext context)
    {
        var what = e.Kind switch
        {
            StakeholderEventKind.Added => context.Say("added to the map", "agregado al mapa"),
            StakeholderEventKind.Removed => context.Say("removed from the map", "quitado del mapa"),
            StakeholderEventKind.Contact => context.Say("contact", "contacto"),
            StakeholderEventKind.StanceChanged when e.OldValue == e.NewValue => context.Say($"stance confirmed: {StanceName(e.NewValue, context)}", $"postura confirmada: {StanceName(e.NewValue, context)}"),
            StakeholderEventKind.StanceChanged => context.Say($"stance {StanceName(e.OldValue, context)} → {StanceName(e.NewValue, context)}", $"postura {StanceName(e.OldValue, context)} → {StanceName(e.NewValue, context)}"),
            _ when e.Field == StakeholderFields.Notes.Name => context.Say("notes edited", "notas editadas"),
            _ => $"{FieldLabel(e.Field, context)}: {e.OldValue ?? "—"} → {e.NewValue ?? "—"}",
        };
        var note = e.Note is null ? string.Empty : $" ({Shorten(e.Note, 140)})";
        return Markup.Format($"{e.At.Humanize(now, context.Culture)} — {e.ByName}: {what}{note}");
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string StanceName(string? choice, CommandContext context) =>
        choice is not null && Choices.TryParse<Stance>(choice, out var stance) ? Stance(stance).In(context) : choice ?? "—";

    private static string FieldLabel(string? field, CommandContext context) =>
        field is null ? "?" : StakeholderFields.Find(field)?.Label.In(context) ?? field;
}

/// <summary>Builds the replies of the stakeholder commands.</summary>
internal static class StakeholderCards
{
    public static Reply Card(Stakeholder s, IReadOnlyList<StakeholderEvent> history, IReadOnlyList<ReplyField> sections, DateTimeOffset now, CommandContext context)
    {
        var fields = new List<ReplyField>
        {
            new(context.Say("Stance", "Postura"), Markup.Escape(StakeholderText.Stance(s.Stance).In(context))
                + (s.LastAssessedAt is { } assessed ? Markup.Escape(context.Say($" (assessed {StakeholderText.Ago(assessed, now, context)})", $" (evaluada {StakeholderText.Ago(assessed, now, context)})")) : string.Empty), Inline: true),
            new(context.Say("Influence", "Influencia"), Markup.Escape(StakeholderText.Influence(s.Influence).In(context)), Inline: true),
            new(context.Say("Last contact", "Último contacto"), Markup.Escape(StakeholderText.Ago(s.LastContactAt, now, context)), Inline: true),
            new(context.Say("Owner", "Responsable"), s.OwnerId is null ? Markup.Escape(context.Say("nobody yet", "nadie todavía")) : $"<@{s.OwnerId}>", Inline: true),
        };

        var contact = new[] { s.Phone, s.Email, s.Website }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Markup.Escape(v)).ToList();
        fields.Add(new(context.Say("Public contact", "Contacto público"), contact.Count == 0 ? Markup.Escape(context.Say("none yet", "ninguno todavía")) : string.Join(" · ", contact)));
        if (s.NextElection is { } election)
        {
            fields.Add(new(context.Say("Next election", "Próxima elección"), Markup.Escape(election.ToString("d MMM yyyy", context.Culture)), Inline: true));
        }

        AddText(fields, context.Say("Committees", "Comités"), s.Committees);
        AddText(fields, context.Say("Tags", "Etiquetas"), s.Tags);
        AddText(fields, context.Say("Notes", "Notas"), s.Notes);
        fields.AddRange(sections);
        if (history.Count > 0)
        {
            fields.Add(new(context.Say("Recent history", "Historial reciente"), string.Join('\n', history.Select(e => StakeholderText.HistoryLine(e, now, context)))));
        }

        return new Reply
        {
            Title = s.Name,
            Text = Markup.Escape(StakeholderText.Summary(s, context)),
            Fields = fields,
            Footer = context.Say(
                "Officials and organizations only; never record anyone's immigration status or personal stories.",
                "Solo funcionarios y organizaciones; nunca anote el estatus migratorio ni historias personales de nadie."),
        };
    }

    /// <summary>The spectrum of allies: five columns with counts, the not-yet-assessed, and who to move next.</summary>
    public static Reply Map(IReadOnlyList<Stakeholder> people, string? jurisdiction, int recentDays, DateTimeOffset now, CommandContext context)
    {
        const int ShownPerColumn = 12;
        var fields = new List<ReplyField>();
        foreach (var stance in new[] { Stance.ActiveAlly, Stance.PassiveAlly, Stance.Neutral, Stance.PassiveOpponent, Stance.ActiveOpponent, Stance.Unknown })
        {
            var column = people.Where(p => p.Stance == stance).OrderByDescending(p => p.Influence).ThenBy(p => p.NameKey, StringComparer.Ordinal).ToList();
            if (stance == Stance.Unknown && column.Count == 0)
            {
                continue;
            }

            var names = column.Take(ShownPerColumn).Select(p => Markup.Escape(p.Name) + (p.Influence == Influence.High ? " ★" : string.Empty)).ToList();
            if (column.Count > ShownPerColumn)
            {
                names.Add(Markup.Escape(context.Say($"+{column.Count - ShownPerColumn} more", $"+{column.Count - ShownPerColumn} más")));
            }

            fields.Add(new($"{StakeholderText.Stance(stance).In(context)} ({column.Count})", names.Count == 0 ? "—" : string.Join(", ", names), Inline: stance != Stance.Unknown));
        }

        var moveNext = MoveNext(people, recentDays, now);
        var moveable = moveNext
            .Select(p => p.Stance == Stance.Unknown
                ? Markup.Format($"**{p.Name}** — {context.Say("not yet assessed: find out where they stand", "sin evaluar: averigüe dónde está")} (`/stakeholder stance`)")
                : Markup.Format($"**{p.Name}** — {StakeholderText.Stance(p.Stance).In(context)}, {context.Say("last contact", "último contacto")} {StakeholderText.Ago(p.LastContactAt, now, context)}"))
            .ToList();
        var unassessed = people.Count(p => p.Stance == Stance.Unknown);
        var moveName = context.Say(
            $"Move next: high influence ★, moveable, no contact in {recentDays} days",
            $"Mover ahora: alta influencia ★, movibles, sin contacto en {recentDays} días");
        var nobody = unassessed == 0
            ? context.Say("Nobody: well done.", "Nadie: buen trabajo.")
            : context.Say(
                $"Nobody with high influence yet, but {unassessed} not yet assessed: set where they stand with `/stakeholder stance`.",
                $"Nadie con alta influencia por ahora, pero {unassessed} sin evaluar: indique dónde están con `/stakeholder stance`.");
        fields.Add(new(moveName, moveable.Count == 0 ? nobody : string.Join('\n', moveable)));
        var title = jurisdiction is null
            ? context.Say("Spectrum of allies", "Espectro de aliados")
            : context.Say($"Spectrum of allies — {jurisdiction}", $"Espectro de aliados — {jurisdiction}");
        return new Reply
        {
            Title = title,
            Text = Markup.Escape(context.Say($"{people.Count} on the map.", $"{people.Count} en el mapa.")),
            Attachments = [SpectrumPicture.Render(people, moveNext.Select(p => p.Id).ToHashSet(), title, now, context).Image],
            Fields = fields,
            Footer = context.Say(
                "Aim to move each person one step; active opponents are not a target.",
                "Busque mover a cada persona un paso; los opositores activos no son un objetivo."),
        };
    }

    /// <summary>Who to move next: high influence, moveable (passive, neutral or not yet assessed), no contact in <paramref name="recentDays"/> days; at most ten, longest without contact first.</summary>
    public static IReadOnlyList<Stakeholder> MoveNext(IReadOnlyList<Stakeholder> people, int recentDays, DateTimeOffset now)
    {
        var cutoff = now.AddDays(-recentDays);
        return people
            // Someone not yet assessed may be moveable too: find out where they stand first (the mayor of a new template is).
            .Where(p => p.Stance is Stance.PassiveAlly or Stance.Neutral or Stance.PassiveOpponent or Stance.Unknown && p.Influence == Influence.High)
            .Where(p => p.LastContactAt is null || p.LastContactAt < cutoff)
            .OrderBy(p => p.Stance == Stance.Unknown ? 1 : 0).ThenBy(p => p.LastContactAt ?? DateTimeOffset.MinValue).ThenBy(p => p.NameKey, StringComparer.Ordinal)
            .Take(10)
            .ToList();
    }

    private static void AddText(List<ReplyField> fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields.Add(new(name, Markup.Escape(value)));
        }
    }
}
