namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>One record of a CSV file and the row it starts on (the header is row 1, as spreadsheets count).</summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);
