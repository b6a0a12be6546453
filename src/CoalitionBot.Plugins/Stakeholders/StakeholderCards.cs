using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Localization;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Builds the replies of the stakeholder commands.</summary>
internal static class StakeholderCards
{
    public static Reply Card(Stakeholder s, IReadOnlyList<StakeholderEvent> history, IReadOnlyList<ReplyField> sections, DateTimeOffset now, CommandContext context)
    {
        var reader = context.ReaderAt(now);
        var stance = new TrustedMarkup(StakeholderText.Stance(s.Stance).In(context));
        var fields = new List<ReplyField>
        {
            new(context.T("stakeholders.card.stance"), s.LastAssessedAt is { } assessed
                ? context.T("stakeholders.card.stance-assessed", new { stance, when = reader.Relative(assessed) })
                : stance.Value, Inline: true),
            new(context.T("stakeholders.card.influence"), StakeholderText.Influence(s.Influence).In(context), Inline: true),
            new(context.T("stakeholders.card.last-contact"), StakeholderText.Ago(s.LastContactAt, reader), Inline: true),
            new(context.T("stakeholders.card.owner"), s.OwnerId is null ? context.T("stakeholders.card.owner-none") : $"<@{s.OwnerId}>", Inline: true),
        };

        var contact = new[] { s.Phone, s.Email, s.Website }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Markup.Escape(v)).ToList();
        fields.Add(new(context.T("stakeholders.card.contact"), contact.Count == 0 ? context.T("stakeholders.card.contact-none") : string.Join(" · ", contact)));
        if (s.NextElection is { } election)
        {
            // A calendar date, not an instant: written as the date itself, whatever the coalition's zone.
            var day = new DateTimeOffset(election.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            fields.Add(new(context.T("stakeholders.card.next-election"), (reader with { Zone = TimeZoneInfo.Utc }).Date(day, DateStyle.Day).Value, Inline: true));
        }

        AddText(fields, StakeholderFields.Committees.Label.In(context), s.Committees);
        AddText(fields, StakeholderFields.Tags.Label.In(context), s.Tags);
        AddText(fields, StakeholderFields.Notes.Label.In(context), s.Notes);
        fields.AddRange(sections);
        if (history.Count > 0)
        {
            fields.Add(new(context.T("stakeholders.card.history"), string.Join('\n', history.Select(e => StakeholderText.HistoryLine(e, reader, context)))));
        }

        return new Reply
        {
            Title = s.Name,
            Text = StakeholderText.Summary(s, context),
            Fields = fields,
            Footer = context.T("stakeholders.card.footer"),
        };
    }

    /// <summary>The spectrum of allies: five columns with counts, the not-yet-assessed, and who to move next.</summary>
    public static Reply Map(IReadOnlyList<Stakeholder> people, string? jurisdiction, int recentDays, DateTimeOffset now, CommandContext context)
    {
        const int ShownPerColumn = 12;
        var reader = context.ReaderAt(now);
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
                names.Add(context.T("stakeholders.map.more", new { count = column.Count - ShownPerColumn }));
            }

            var heading = context.T("stakeholders.map.column", new { stance = new TrustedMarkup(StakeholderText.Stance(stance).In(context)), count = column.Count });
            fields.Add(new(heading, names.Count == 0 ? "—" : string.Join(", ", names), Inline: stance != Stance.Unknown));
        }

        var moveNext = MoveNext(people, recentDays, now);
        var moveable = moveNext
            .Select(p => p.Stance == Stance.Unknown
                ? context.T("stakeholders.map.move-unassessed", new { name = p.Name })
                : context.T("stakeholders.map.move", new { name = p.Name, stance = new TrustedMarkup(StakeholderText.Stance(p.Stance).In(context)), when = new TrustedMarkup(StakeholderText.Ago(p.LastContactAt, reader)) }))
            .ToList();
        var unassessed = people.Count(p => p.Stance == Stance.Unknown);
        var moveName = context.T("stakeholders.map.move-title", new { days = recentDays });
        var nobody = unassessed == 0
            ? context.T("stakeholders.map.move-nobody")
            : context.T("stakeholders.map.move-nobody-unassessed", new { count = unassessed });
        fields.Add(new(moveName, moveable.Count == 0 ? nobody : string.Join('\n', moveable)));
        var title = jurisdiction is null
            ? context.T("stakeholders.map.title")
            : context.T("stakeholders.map.title-jurisdiction", new { jurisdiction = new TrustedMarkup(jurisdiction) });
        return new Reply
        {
            Title = title,
            Text = context.T("stakeholders.map.count", new { count = people.Count }),
            Attachments = [SpectrumPicture.Render(people, moveNext.Select(p => p.Id).ToHashSet(), title, now, context).Image],
            Fields = fields,
            Footer = context.T("stakeholders.map.footer"),
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
