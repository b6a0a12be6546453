namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>A CSV file that cannot be read as CSV (a quoted value never closed).</summary>
internal sealed class CsvFormatException(string message) : Exception(message);
