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
