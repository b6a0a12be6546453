using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One default checklist item of the organizing toolkit: its id (<c>1.practice</c>) and step; its text is the catalog's <c>campaigns.checklist.1.practice</c>.</summary>
internal sealed record DefaultItem(string Key, CampaignStep Step)
{
    /// <summary>The catalog key of the item's text.</summary>
    public string TextKey => CampaignSteps.ChecklistKey(Key);
}

/// <summary>The six steps' names and the toolkit's default checklist; their words are catalog strings (<c>campaigns.step.4</c>, <c>campaigns.checklist.1.practice</c>).</summary>
internal static class CampaignSteps
{
    public static readonly IReadOnlyList<CampaignStep> All = Enum.GetValues<CampaignStep>();

    /// <summary>The catalog key of a step's name: <c>campaigns.step.4</c>.</summary>
    public static string NameKey(CampaignStep step) => $"campaigns.step.{(int)step}";

    /// <summary>The catalog key of a default checklist item's text: <c>campaigns.checklist.1.practice</c>.</summary>
    public static string ChecklistKey(string seedKey) => $"campaigns.checklist.{seedKey}";

    /// <summary>"Negotiation".</summary>
    public static TrustedMarkup Name(CampaignStep step, IStringLocalizer strings) => new(strings.T(NameKey(step)));

    /// <summary>"Step 4: Negotiation".</summary>
    public static TrustedMarkup Label(CampaignStep step, IStringLocalizer strings) =>
        new(strings.T("campaigns.step.label", new { number = (int)step, name = Name(step, strings) }));

    /// <summary>The toolkit's checklist every new campaign starts with, by step in order; leads edit it per campaign.</summary>
    public static readonly IReadOnlyList<DefaultItem> Defaults =
    [
        new("1.decision-makers", CampaignStep.InformationGathering),
        new("1.practice", CampaignStep.InformationGathering),
        new("1.data", CampaignStep.InformationGathering),
        new("1.deadlines", CampaignStep.InformationGathering),
        new("1.stories", CampaignStep.InformationGathering),
        new("2.talking-points", CampaignStep.Education),
        new("2.community-meetings", CampaignStep.Education),
        new("2.allies", CampaignStep.Education),
        new("2.media", CampaignStep.Education),
        new("3.pledges", CampaignStep.PersonalCommitment),
        new("3.roles", CampaignStep.PersonalCommitment),
        new("3.nonviolence", CampaignStep.PersonalCommitment),
        new("4.one-on-ones", CampaignStep.Negotiation),
        new("4.demands", CampaignStep.Negotiation),
        new("4.responses", CampaignStep.Negotiation),
        new("5.petition", CampaignStep.DirectAction),
        new("5.public-comment", CampaignStep.DirectAction),
        new("5.rallies", CampaignStep.DirectAction),
        new("5.tactics", CampaignStep.DirectAction),
        new("6.policy", CampaignStep.Reconciliation),
        new("6.monitoring", CampaignStep.Reconciliation),
        new("6.relationships", CampaignStep.Reconciliation),
    ];

    private static readonly Dictionary<string, DefaultItem> ByKey = Defaults.ToDictionary(d => d.Key, StringComparer.Ordinal);

    /// <summary>The item's text for a reader, as markup: a toolkit item in their language (English where it lacks one), a typed one as typed.</summary>
    public static TrustedMarkup TextOf(CampaignItem item, IStringLocalizer strings) =>
        new(item.SeedKey is { } key && ByKey.TryGetValue(key, out var seeded) ? strings.T(seeded.TextKey) : Markup.Escape(item.Text));

    /// <summary>Every text the item is known by (a toolkit item's text in every loaded language), for matching what people type.</summary>
    public static IEnumerable<string> TextsOf(CampaignItem item, LanguageCatalogs? languages) =>
        item.SeedKey is { } key && ByKey.TryGetValue(key, out var seeded) && languages is not null
            ? languages.Languages.Select(l => languages.Find(l, seeded.TextKey)?.Entry.Template.Text).OfType<string>().Append(item.Text).Distinct(StringComparer.Ordinal)
            : [item.Text];
}
