using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoalitionBot.Core.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Localization;

/// <summary>
/// A translator's tools: <c>languages status</c> prints how complete each language is per catalog; <c>languages export ht
/// languages/ht-todo.json</c> writes the strings a language still lacks, with their English text and notes, as a file to fill in
/// and drop into <c>languages/ht/</c>.
/// </summary>
internal sealed class LanguagesCliCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "languages";

    public string Usage => "languages status | languages export <language code> <file> [--force]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var catalogs = services.GetRequiredService<LanguageCatalogs>();
        if (args.Count == 1 && args[0] == "status")
        {
            await StatusAsync(catalogs, services.GetServices<ITranslatedContent>().ToList(), output);
            return CliExitCode.Ok;
        }

        if (args.Count is 3 or 4 && args[0] == "export" && (args.Count == 3 || args[3] == "--force"))
        {
            return await ExportAsync(catalogs, args[1], args[2], force: args.Count == 4, output, error, cancellationToken);
        }

        await error.WriteLineAsync($"usage: {Usage}");
        return CliExitCode.Failed;
    }

    private static async Task StatusAsync(LanguageCatalogs catalogs, List<ITranslatedContent> contents, TextWriter output)
    {
        var names = catalogs.Catalogs;
        List<string[]> rows = [["language", .. names, "all"]];
        foreach (var language in catalogs.Languages)
        {
            var counts = names.Select(n => catalogs.Completeness(language, n)).ToList();
            rows.Add([language, .. counts.Select(Percent), Percent((counts.Sum(c => c.Translated), counts.Sum(c => c.Total)))]);
        }

        await WriteTableAsync(rows, output);
        if (contents.Count > 0)
        {
            // Content in files of its own (talking points), counted in items rather than strings: a table of its own.
            await output.WriteLineAsync();
            List<string[]> items = [["language", .. contents.Select(c => c.Name)]];
            items.AddRange(catalogs.Languages.Select(language => (string[])[language, .. contents.Select(c => Percent(c.Completeness(language)))]));
            await WriteTableAsync(items, output);
        }

        foreach (var problem in catalogs.Problems)
        {
            await output.WriteLineAsync($"skipped: {problem}");
        }
    }

    private static async Task WriteTableAsync(List<string[]> rows, TextWriter output)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToList();
        foreach (var row in rows)
        {
            var line = new StringBuilder(row[0].PadRight(widths[0]));
            for (var i = 1; i < row.Length; i++)
            {
                line.Append("  ").Append(row[i].PadLeft(widths[i]));
            }

            await output.WriteLineAsync(line.ToString().TrimEnd());
        }
    }

    private static async Task<int> ExportAsync(LanguageCatalogs catalogs, string code, string file, bool force, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (CodeProblem(code) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return CliExitCode.Failed;
        }

        var language = catalogs.Match(code) is { } loaded && string.Equals(loaded, code, StringComparison.OrdinalIgnoreCase) ? loaded : code;
        var path = Path.GetFullPath(file);
        if (File.Exists(path) && !force)
        {
            await error.WriteLineAsync($"{file} already exists; nothing was written. Choose another file, or add --force to replace it.");
            return CliExitCode.Failed;
        }

        var missing = catalogs.Missing(language);
        var document = missing.ToDictionary(
            e => e.Key,
            e => new ExportedEntry(string.Empty, e.Template.Text, e.Note),
            StringComparer.Ordinal);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json) + "\n", new UTF8Encoding(false), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{file} cannot be written: {ex.Message}");
            return CliExitCode.Failed;
        }

        await output.WriteLineAsync(missing.Count == 0
            ? $"{language} has every string; wrote an empty list to {file}."
            : $"Wrote {missing.Count} string(s) {language} still lacks to {file}. Fill in each \"text\", then put the file in languages/{language}/.");
        return CliExitCode.Ok;
    }

    /// <summary>A share as a whole percentage, rounded down so that 100% means every string, and "&lt;1%" rather than 0% once a string is done.</summary>
    private static string Percent((int Translated, int Total) count) =>
        count.Total == 0 ? "-"
        : count.Translated > 0 && count.Translated * 100 < count.Total ? "<1%"
        : (count.Translated * 100 / count.Total).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>Why <paramref name="code"/> cannot be exported for, or null when it can.</summary>
    private static string? CodeProblem(string code)
    {
        if (!LanguageCatalogs.IsLanguageCode(code))
        {
            return $"\"{code}\" is not a language code. Use a code like ht (Haitian Creole), so (Somali), hmn (Hmong), vi (Vietnamese) or zh-Hant.";
        }

        if (string.Equals(code, LanguageCatalogs.English, StringComparison.OrdinalIgnoreCase) || code.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return "English is the source language: every string is written in English first, so there is nothing to export.";
        }

        if (string.Equals(code, LanguageCatalogs.Pseudo, StringComparison.OrdinalIgnoreCase))
        {
            return "qps-ploc is made from English automatically, for testing; it has nothing to translate.";
        }

        if (PluralRules.IsKnown(code))
        {
            return null;
        }

        try
        {
            // Languages whose plural rule the bot has no row for are accepted when the system's ICU data knows them.
            return string.IsNullOrEmpty(CultureInfo.GetCultureInfo(code, predefinedOnly: true).Name) ? Unknown(code) : null;
        }
        catch (CultureNotFoundException)
        {
            return Unknown(code);
        }
    }

    private static string Unknown(string code) =>
        $"\"{code}\" is not a language code this system knows. Use an ISO 639 code like ht (Haitian Creole), so (Somali), hmn (Hmong), vi (Vietnamese), ti (Tigrinya) or zh-Hant.";

    private sealed record ExportedEntry(
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("english")] string English,
        [property: System.Text.Json.Serialization.JsonPropertyName("note")] string? Note);
}
