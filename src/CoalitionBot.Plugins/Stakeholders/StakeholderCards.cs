using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using Humanizer;

namespace CoalitionBot.Plugins.Stakeholders;

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
