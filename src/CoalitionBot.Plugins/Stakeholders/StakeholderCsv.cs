using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>
/// The whole power map as CSV (RFC 4180, UTF-8): one row per stakeholder, one column per field.
/// Import matches rows to stakeholders by name (ignoring case and accents): new names are added, known names updated;
/// each row is checked completely before it is saved, so a bad row never half-imports.
/// </summary>
/// <remarks>
/// The column names are the file format (the same in every language, like the field names typed in chat), so they are not
/// translated. What the import reports comes from the stakeholders catalog in English, the command line's language.
/// </remarks>
public sealed partial class StakeholderCsv(StakeholderDirectory directory, ILogger<StakeholderCsv> logger, LanguageCatalogs languages)
{
    private readonly CatalogStringLocalizer _strings = languages.For(CultureInfo.GetCultureInfo("en-US"));

    private const string OwnerId = "owner-id";
    private const string OwnerName = "owner-name";

    /// <summary>The columns, in the order export writes them; import accepts any subset that includes <c>name</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        StakeholderFields.All.SelectMany(f => f == StakeholderFields.Owner ? new[] { OwnerId, OwnerName } : [f.Name]).ToList();

    /// <summary>Writes every stakeholder of the coalition, by name; returns how many.</summary>
    public async Task<int> ExportAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var all = await directory.ListAsync(cancellationToken);
        var rows = all.Select(s => StakeholderFields.All
            .SelectMany(f => f == StakeholderFields.Owner ? new[] { s.OwnerId, s.OwnerName } : [f.Get(s)])
            .Select(GuardFormula));
        Csv.WriteRows(writer, rows.Prepend(Columns));
        return all.Count;
    }

    /// <summary>Imports rows; <paramref name="by"/> is recorded in every history entry it writes.</summary>
    public async Task<ImportReport> ImportAsync(TextReader reader, UserRef by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (records, columns, fileError) = ReadTable(reader);
        if (fileError is not null)
        {
            return ImportReport.Unreadable(fileError);
        }

        int added = 0, updated = 0, unchanged = 0;
        var rejected = new List<RejectedRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var (values, name, problem) = ReadRow(record, columns);
            problem ??= SameNameAsEarlierRow(record, name, seen);
            if (problem is not null)
            {
                rejected.Add(new RejectedRow(record.Row, name, problem));
                continue;
            }

            try
            {
                switch (await SaveRowAsync(values, name!, by, cancellationToken))
                {
                    case RowOutcome.Added:
                        added++;
                        break;
                    case RowOutcome.Updated:
                        updated++;
                        break;
                    default:
                        unchanged++;
                        break;
                }
            }
            catch (DbUpdateException ex)
            {
                // The row is reported as rejected to the importer; why the database refused it is for the operator's log.
                LogRefused(logger, ex, record.Row);
                directory.DiscardChanges();
                rejected.Add(new RejectedRow(record.Row, name, Report("stakeholders.csv.refused")));
            }
        }

        return new ImportReport(added, updated, unchanged, rejected, null);
    }

    private enum RowOutcome
    {
        Added,
        Updated,
        Unchanged,
    }

    /// <summary>The file's records and its columns (from the first row), or why the file cannot be imported at all.</summary>
    private (List<CsvRecord> Records, IReadOnlyList<string> Columns, string? Error) ReadTable(TextReader reader)
    {
        List<CsvRecord> records;
        try
        {
            records = Csv.Read(reader).ToList();
        }
        catch (CsvFormatException ex)
        {
            return ([], [], Report("stakeholders.csv.unclosed-quote", new { row = ex.Row }));
        }

        if (records.Count == 0)
        {
            return ([], [], Report("stakeholders.csv.empty", new { columns = string.Join(",", Columns.Take(6)) }));
        }

        var (columns, headerError) = ReadHeader(records[0]);
        return (records, columns, headerError);
    }

    /// <summary>Why a row cannot be imported when an earlier row has the same name; remembers the row's name otherwise.</summary>
    private string? SameNameAsEarlierRow(CsvRecord record, string? name, Dictionary<string, int> seen)
    {
        if (name is null)
        {
            return null;
        }

        var key = StakeholderNames.Key(name);
        if (seen.TryGetValue(key, out var firstRow))
        {
            return Report("stakeholders.csv.same-name", new { row = firstRow });
        }

        seen[key] = record.Row;
        return null;
    }

    /// <summary>Adds the row's stakeholder, or updates the one with its name.</summary>
    private async Task<RowOutcome> SaveRowAsync(IReadOnlyList<FieldChange> values, string name, UserRef by, CancellationToken cancellationToken)
    {
        var existing = await directory.FindByKeyAsync(StakeholderNames.Key(name), cancellationToken);
        if (existing is null)
        {
            await directory.AddImportedAsync(values, by, Report("stakeholders.csv.history-note"), cancellationToken);
            return RowOutcome.Added;
        }

        return (await directory.UpdateImportedAsync(existing, values, by, Report("stakeholders.csv.history-note"), cancellationToken)).Count > 0 ? RowOutcome.Updated : RowOutcome.Unchanged;
    }

    private (IReadOnlyList<string> Columns, string? Error) ReadHeader(CsvRecord header)
    {
        var columns = new List<string>();
        foreach (var cell in header.Fields)
        {
            var key = StakeholderField.FieldKey(cell);
            if (StakeholderFields.IsForbidden(cell))
            {
                return ([], Report("stakeholders.csv.forbidden-column", new { column = cell.Trim(), why = new TrustedMarkup(StakeholderFields.ForbiddenMessage.In(_strings)) }));
            }

            var column = key == StakeholderField.FieldKey(OwnerId) ? OwnerId
                : key == StakeholderField.FieldKey(OwnerName) ? OwnerName
                : StakeholderFields.Find(cell)?.Name;
            if (column is null || column == StakeholderFields.Owner.Name)
            {
                return ([], Report("stakeholders.csv.unknown-column", new { column = cell.Trim(), columns = string.Join(", ", Columns) }));
            }

            if (columns.Contains(column))
            {
                return ([], Report("stakeholders.csv.column-twice", new { column }));
            }

            columns.Add(column);
        }

        if (!columns.Contains(StakeholderFields.Name.Name))
        {
            return ([], Report("stakeholders.csv.no-name-column", new { columns = string.Join(", ", Columns) }));
        }

        if (columns.Contains(OwnerName) && !columns.Contains(OwnerId))
        {
            return ([], Report("stakeholders.csv.owner-name-column"));
        }

        return (columns, null);
    }

    /// <summary>Reads and checks every value of a row; nothing is saved unless all of it is good.</summary>
    private (IReadOnlyList<FieldChange> Values, string? Name, string? Problem) ReadRow(CsvRecord record, IReadOnlyList<string> columns)
    {
        var cells = record.Fields;
        var nameIndex = columns.ToList().IndexOf(StakeholderFields.Name.Name);
        var rawName = nameIndex < cells.Count ? cells[nameIndex].Trim() : string.Empty;
        string? name = rawName.Length == 0 ? null : rawName;
        if (cells.Count > columns.Count)
        {
            return ([], name, Report("stakeholders.csv.too-many-values", new { values = cells.Count, columns = columns.Count }));
        }

        var values = new List<FieldChange>();
        string? ownerId = null, ownerName = null;
        for (var i = 0; i < columns.Count; i++)
        {
            var text = UnguardFormula(i < cells.Count ? cells[i] : string.Empty);
            var column = columns[i];
            if (column == OwnerId)
            {
                ownerId = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                continue;
            }

            if (column == OwnerName)
            {
                ownerName = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                continue;
            }

            var field = StakeholderFields.Find(column)!;
            if (string.IsNullOrWhiteSpace(text) && field.Get(new Stakeholder()) is not null)
            {
                // An empty cell for a field that always has a value (kind, stance, influence): keep what is there.
                if (field == StakeholderFields.Name)
                {
                    return ([], null, Report("stakeholders.csv.no-name"));
                }

                continue;
            }

            var parsed = field.Parse(text);
            if (parsed.Error is { } error)
            {
                return ([], name, PlainText(error.In(_strings)));
            }

            values.Add(new FieldChange(field, parsed.Value));
        }

        if (columns.Contains(OwnerId))
        {
            if (ownerId is null && ownerName is not null)
            {
                return ([], name, Report("stakeholders.csv.owner-name-alone"));
            }

            if (ownerId is not null && (ownerId.Length > 64 || ownerId.Any(char.IsWhiteSpace) || ownerName?.Length > 100))
            {
                return ([], name, Report("stakeholders.csv.owner-bad"));
            }

            values.Add(new FieldChange(StakeholderFields.Owner, ownerId is null ? null : new UserRef(ownerId, ownerName)));
        }

        return (values, name, null);
    }

    /// <summary>The import's report text of <paramref name="key"/>: catalog markup as the plain text the command line prints.</summary>
    private string Report(string key, object? arguments = null) => Markup.ToPlainText(_strings.Format(key, arguments));

    /// <summary>A chat message (markup) for the command line: "`stance`: `x` is not…" → "stance: "x" is not…".</summary>
    private static string PlainText(string message) =>
        Markup.ToPlainText(FieldPrefix().Replace(message, "$1:").Replace("`", "\"", StringComparison.Ordinal));

    /// <summary>Keeps spreadsheet programs from running a value as a formula; phone numbers like +1 555… are left alone.</summary>
    private static string? GuardFormula(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var risky = value[0] is '=' or '@' or '\t' or '\r'
            || (value[0] is '+' or '-' && !value.All(c => char.IsDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'));
        return risky ? "'" + value : value;
    }

    private static string UnguardFormula(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '@' or '+' or '-' or '\t' or '\r' ? value[1..] : value;

    [GeneratedRegex("^`([a-z-]+)`:")]
    private static partial Regex FieldPrefix();

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Stakeholder CSV import: the database refused row {Row}; it was reported as rejected")]
    private static partial void LogRefused(ILogger logger, Exception exception, int row);
}
