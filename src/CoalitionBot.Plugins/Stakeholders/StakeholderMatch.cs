
namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>How a name typed in chat found stakeholders: one, several (ask which), or none.</summary>
public sealed record StakeholderMatch(IReadOnlyList<Stakeholder> Candidates)
{
    /// <summary>The one stakeholder the name means, when it is not ambiguous.</summary>
    public Stakeholder? Single => Candidates.Count == 1 ? Candidates[0] : null;

    public bool IsAmbiguous => Candidates.Count > 1;

    public bool IsEmpty => Candidates.Count == 0;
}
