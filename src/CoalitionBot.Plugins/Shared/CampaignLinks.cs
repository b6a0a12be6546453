using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Shared;

/// <summary>The six steps of nonviolent social change, numbered as organizers say them.</summary>
/// <remarks>The tasks plugin tags a task with a step; the campaigns plugin moves a campaign through them.</remarks>
public enum CampaignStep
{
    [Choice("1-information", "1", "information", "informacion", "información")]
    InformationGathering = 1,

    [Choice("2-education", "2", "education", "educacion", "educación")]
    Education = 2,

    [Choice("3-commitment", "3", "commitment", "compromiso")]
    PersonalCommitment = 3,

    [Choice("4-negotiation", "4", "negotiation", "negociacion", "negociación")]
    Negotiation = 4,

    [Choice("5-direct-action", "5", "direct-action", "action", "accion", "acción")]
    DirectAction = 5,

    [Choice("6-reconciliation", "6", "reconciliation", "reconciliacion", "reconciliación")]
    Reconciliation = 6,
}

/// <summary>A campaign of the coalition as other plugins refer to it.</summary>
public sealed record CampaignRef(long Id, string Name);

/// <summary>The campaign a lookup found, or a message in the caller's language saying what to type instead.</summary>
public sealed record CampaignLookupResult(CampaignRef? Campaign, string? Error)
{
    public static CampaignLookupResult Found(CampaignRef campaign) => new(campaign, null);

    public static CampaignLookupResult Failed(string error) => new(null, error);
}

/// <summary>Finds the campaign a task counts toward. Implemented by the campaigns plugin; not registered when that plugin is off.</summary>
public interface ICampaignLookup
{
    /// <summary>The campaign with this name (matched forgivingly), or with no name the coalition's only active campaign.</summary>
    Task<CampaignLookupResult> FindAsync(string? name, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>A task tagged with a campaign and a step, as the campaign's status shows it.</summary>
/// <param name="Number">The task's short per-coalition number (<c>#12</c>).</param>
/// <param name="Step">The step the task counts toward.</param>
/// <param name="Title">What the task asks.</param>
/// <param name="AssigneeName">Who does it, as shown to people.</param>
/// <param name="Done">True once finished.</param>
/// <param name="DueAt">When it is due, if it has a due time.</param>
public sealed record CampaignTask(int Number, CampaignStep Step, string Title, string AssigneeName, bool Done, DateTimeOffset? DueAt);

/// <summary>The tasks that count toward a campaign. Implemented by the tasks plugin; not registered when that plugin is off.</summary>
public interface ICampaignTaskSource
{
    /// <summary>The campaign's open and finished tasks (cancelled ones left out), in the current coalition.</summary>
    Task<IReadOnlyList<CampaignTask>> ListAsync(long campaignId, CancellationToken cancellationToken);
}
