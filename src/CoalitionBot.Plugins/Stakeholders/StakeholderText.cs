using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>How stakeholders, stances and history read, from the stakeholders catalog.</summary>
internal static class StakeholderText
{
    // Keys follow the choice names people type (stakeholders.stance.passive-ally), so every value has its text.
    public static Message Stance(Stance stance) => new($"stakeholders.stance.{Choices.Name(stance)}");

    public static Message Influence(Influence influence) => new($"stakeholders.influence.{Choices.Name(influence)}");

    public static Message Kind(StakeholderKind kind) => new($"stakeholders.kind.{Choices.Name(kind)}");

    public static Message Level(JurisdictionLevel level) => new($"stakeholders.level.{Choices.Name(level)}");

    /// <summary>
    /// The kind names of every loaded language and the choice name, so <c>find sheriff</c>, <c>find alguacil</c> (and a kind
    /// named in an added language) all find the sheriff whatever language the caller reads.
    /// </summary>
    public static Func<Stakeholder, string> KindWords(CommandContext context)
    {
        var languages = context.Languages;
        var names = Enum.GetValues<StakeholderKind>().ToDictionary(
            kind => kind,
            kind =>
            {
                var key = Kind(kind).Key;
                var translated = languages?.Languages.Where(l => l != LanguageCatalogs.Pseudo)
                    .Select(l => new CatalogStringLocalizer(languages, l, LanguageCatalogs.CultureFor(l)).Format(key)) ?? [];
                return string.Join(' ', [Kind(kind).In(context), .. translated, Choices.Name(kind)]);
            });
        return s => names[s.Kind];
    }

    /// <summary>"City council member · District 3 · Springfield (city)", in neutral markup.</summary>
    public static string Summary(Stakeholder s, CommandContext context)
    {
        var parts = new List<string> { Kind(s.Kind).In(context) };
        if (!string.IsNullOrWhiteSpace(s.Office))
        {
            parts.Add(Markup.Escape(s.Office));
        }

        if (!string.IsNullOrWhiteSpace(s.Jurisdiction))
        {
            parts.Add(s.Level is { } level
                ? context.T("stakeholders.summary.jurisdiction-level", new { jurisdiction = s.Jurisdiction, level = new TrustedMarkup(Level(level).In(context)) })
                : Markup.Escape(s.Jurisdiction));
        }

        // A list of the stakeholder's facts, not a sentence.
        return string.Join(" · ", parts);
    }

    /// <summary>"3 days ago" in the reader's language, or "never".</summary>
    public static string Ago(DateTimeOffset? at, Reader reader) =>
        at is { } when ? reader.Relative(when).Value : reader.T("stakeholders.never");

    /// <summary>A button label that fits every platform (plain text): the name and what tells it apart.</summary>
    public static string PickLabel(Stakeholder s, CommandContext context)
    {
        var name = new TrustedMarkup(s.Name);
        var kind = new TrustedMarkup(Kind(s.Kind).In(context));
        var label = string.IsNullOrWhiteSpace(s.Jurisdiction)
            ? context.T("stakeholders.pick.label", new { name, kind })
            : context.T("stakeholders.pick.label-jurisdiction", new { name, kind, jurisdiction = new TrustedMarkup(s.Jurisdiction) });
        return label.Length <= 80 ? label : label[..79] + "…";
    }

    /// <summary>One history line in neutral markup: "2 days ago — ana: stance Neutral → Passive ally (met at the forum)".</summary>
    public static string HistoryLine(StakeholderEvent e, Reader reader, CommandContext context)
    {
        var what = e.Kind switch
        {
            StakeholderEventKind.Added => context.T("stakeholders.history.added"),
            StakeholderEventKind.Removed => context.T("stakeholders.history.removed"),
            StakeholderEventKind.Contact => context.T("stakeholders.history.contact"),
            StakeholderEventKind.StanceChanged when e.OldValue == e.NewValue => context.T("stakeholders.history.stance-confirmed", new { stance = StanceName(e.NewValue, context) }),
            StakeholderEventKind.StanceChanged => context.T("stakeholders.history.stance", new { before = StanceName(e.OldValue, context), after = StanceName(e.NewValue, context) }),
            _ when e.Field == StakeholderFields.Notes.Name => context.T("stakeholders.history.notes"),
            _ => context.T("stakeholders.history.field", new { field = FieldLabel(e.Field, context), before = e.OldValue ?? "—", after = e.NewValue ?? "—" }),
        };
        var arguments = new { when = reader.Relative(e.At), by = e.ByName, what = new TrustedMarkup(what), note = e.Note is null ? null : Shorten(e.Note, 140) };
        return e.Note is null ? context.T("stakeholders.history.line", arguments) : context.T("stakeholders.history.line-note", arguments);
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static TrustedMarkup StanceName(string? choice, CommandContext context) =>
        choice is not null && Choices.TryParse<Stance>(choice, out var stance) ? new(Stance(stance).In(context)) : new(Markup.Escape(choice ?? "—"));

    private static TrustedMarkup FieldLabel(string? field, CommandContext context) =>
        field is null ? new("?") : StakeholderFields.Find(field) is { } known ? new(known.Label.In(context)) : new(Markup.Escape(field));
}
