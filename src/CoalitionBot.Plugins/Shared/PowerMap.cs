using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Shared;

/// <summary>A stakeholder on the power map as other plugins refer to them.</summary>
public sealed record StakeholderRef(long Id, string Name);

/// <summary>A logged call, meeting or email with a stakeholder.</summary>
/// <param name="StakeholderId">Who was contacted.</param>
/// <param name="At">When it was logged.</param>
/// <param name="Note">What the person who logged it wrote, if anything.</param>
public sealed record StakeholderContact(long StakeholderId, DateTimeOffset At, string? Note);

/// <summary>How a name typed in chat found stakeholders: one, several (ask which), or none.</summary>
public sealed record StakeholderLookupResult(IReadOnlyList<StakeholderRef> Candidates)
{
    /// <summary>The one stakeholder the name means, when it is not ambiguous.</summary>
    public StakeholderRef? Single => Candidates.Count == 1 ? Candidates[0] : null;

    public bool IsAmbiguous => Candidates.Count > 1;

    public bool IsEmpty => Candidates.Count == 0;
}

/// <summary>
/// The coalition's power map as other plugins see it (the tasks plugin links tasks to stakeholders, the campaigns plugin
/// picks targets). Implemented by the stakeholders plugin; not registered when that plugin is off, so take it as
/// <c>IEnumerable&lt;IPowerMap&gt;</c>. Scoped: it works for the current command's coalition.
/// </summary>
public interface IPowerMap
{
    /// <summary>Every stakeholder of the coalition, by name.</summary>
    Task<IReadOnlyList<StakeholderRef>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The stakeholders a typed name means, matched forgivingly (case, accents, titles).</summary>
    Task<StakeholderLookupResult> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Records a contact in the stakeholder's history and moves their last contact to now.</summary>
    /// <returns>False when no stakeholder has that id in this coalition (nothing is written then).</returns>
    /// <exception cref="ArgumentException">The note is empty or too long for a contact note.</exception>
    Task<bool> LogContactAsync(long stakeholderId, UserRef by, string note, CancellationToken cancellationToken);

    /// <summary>The contacts logged with these stakeholders at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<StakeholderContact>> ContactsAsync(IReadOnlyCollection<long> stakeholderIds, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Adds a section to a stakeholder's card; other plugins register one (the campaigns plugin says whose target they are).</summary>
public interface IStakeholderCardSection
{
    /// <summary>A field for the card, or null to add nothing.</summary>
    Task<ReplyField?> DescribeAsync(StakeholderRef stakeholder, CommandContext context, CancellationToken cancellationToken);
}
