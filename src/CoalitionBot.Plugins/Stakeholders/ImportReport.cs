
namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>What an import did: rows added, updated or unchanged, and each rejected row with the reason.</summary>
public sealed record ImportReport(int Added, int Updated, int Unchanged, IReadOnlyList<RejectedRow> Rejected, string? FileError)
{
    public int Accepted => Added + Updated + Unchanged;

    /// <summary>A file that could not be read at all (no header, unknown column); nothing was imported.</summary>
    public static ImportReport Unreadable(string error) => new(0, 0, 0, [], error);
}

/// <summary>A row the import left out, and why; a rejected row changes nothing.</summary>
public sealed record RejectedRow(int Row, string? Name, string Reason);
