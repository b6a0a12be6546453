namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>A CSV file that cannot be read as CSV (a quoted value never closed at <paramref name="row"/>).</summary>
internal sealed class CsvFormatException(int row, string message) : Exception(message)
{
    /// <summary>The row (line) where the file stops being CSV.</summary>
    public int Row { get; } = row;
}
