using System.Text;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>One record of a CSV file and the row it starts on (the header is row 1, as spreadsheets count).</summary>
internal sealed record CsvRecord(int Row, IReadOnlyList<string> Fields);

/// <summary>A CSV file that cannot be read as CSV (a quoted value never closed).</summary>
internal sealed class CsvFormatException(string message) : Exception(message);

/// <summary>RFC 4180 CSV: comma-separated, double-quoted values may hold commas, quotes (doubled) and line breaks.</summary>
/// <remarks>Reading is lenient where it is safe: LF or CRLF line ends, a quote inside an unquoted value is kept as a character.</remarks>
internal static class Csv
{
    /// <summary>Reads every record; blank lines are skipped.</summary>
    /// <exception cref="CsvFormatException">A quoted value is not closed before the end of the file.</exception>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var recordRow = 1;
        var quoted = false;
        var fieldStarted = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        row++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordRow, fields.ToList());
                    }

                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    row++;
                    recordRow = row;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }

            // A new field starts after a comma: only its first character may open a quote.
            if (c == ',')
            {
                fieldStarted = false;
            }
        }

        if (quoted)
        {
            throw new CsvFormatException($"row {recordRow}: a quoted value is never closed (a \" is missing).");
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordRow, fields.ToList());
        }
    }

    /// <summary>Writes one record, quoting values that hold commas, quotes, line breaks or edge spaces; ends it with CRLF.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string?> values)
    {
        var all = values.ToList();
        if (all is [null or ""])
        {
            // A bare empty line is a blank line, which the reader skips: a record of one empty value is written as "".
            writer.Write("\"\"\r\n");
            return;
        }

        var first = true;
        foreach (var value in all)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            var text = value ?? string.Empty;
            var needsQuotes = text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
            if (needsQuotes)
            {
                writer.Write('"');
                writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(text);
            }
        }

        writer.Write("\r\n");
    }
}
