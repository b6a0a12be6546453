namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>RFC 4180 CSV through CsvHelper: comma-separated, double-quoted values may hold commas, quotes (doubled) and line breaks.</summary>
/// <remarks>
/// Reading is lenient where it is safe: LF or CRLF line ends, blank lines skipped, a quote inside an unquoted value kept as a
/// character, text after a closing quote kept with the value. Text goes through UTF-8, as any CSV file does, so an unpaired
/// surrogate reads back as U+FFFD.
/// </remarks>
internal static class Csv
{
    private static readonly CsvHelper.CsvReaderOptions ReadOptions = new()
    {
        Separator = ',',
        DetectSeparatorHint = false,
        HasHeader = false,
        TrimWhitespace = false,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvHelper.CsvMalformedDataHandling.Recover,

        // Recovering from an unclosed quote would swallow the rest of the file into one value: refuse the file instead.
        OnMalformedRecord = malformed =>
        {
            if (malformed.Reason == CsvHelper.CsvMalformedReason.UnterminatedQuote)
            {
                throw new CsvFormatException((int)malformed.LineNumber, $"row {malformed.LineNumber}: a quoted value is never closed (a \" is missing).");
            }
        },
    };

    private static readonly CsvHelper.CsvWriterOptions WriteOptions = new()
    {
        Separator = ',',
        ValidateFieldCount = false,
    };

    /// <summary>Reads every record; blank lines are skipped.</summary>
    /// <exception cref="CsvFormatException">A quoted value is not closed before the end of the file.</exception>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        using var csv = CsvHelper.CsvReader.Create(reader, ReadOptions, leaveOpen: true);
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            yield return new CsvRecord(checked((int)csv.LineNumber), fields);
        }
    }

    /// <summary>Writes one record, quoting values that hold commas, quotes, line breaks or edge spaces; ends it with CRLF.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string?> values) => WriteRows(writer, [values]);

    /// <summary>Writes records as <see cref="WriteRow"/> does, through one writer.</summary>
    public static void WriteRows(TextWriter writer, IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvHelper.CsvWriter.Create(writer, WriteOptions, leaveOpen: true);
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(value, CsvHelper.CsvQuoting.WhenNeededOrWhitespace);
            }

            // A record of one empty value is written as "", so it does not read as a blank line.
            csv.EndRecord();
        }
    }
}
