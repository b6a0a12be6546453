using System.Text.Json;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;

namespace CoalitionBot.Testing;

/// <summary>Translations for a test's own commands: written as language folders, the way a coalition adds them.</summary>
public static class TestLanguages
{
    /// <summary>
    /// Writes <paramref name="translations"/> (key → text) into <c>&lt;folder&gt;/&lt;language&gt;/&lt;catalog&gt;.json</c>, one file per
    /// catalog, and returns the folder, for <c>CoalitionBot:LanguagesDirectory</c>.
    /// </summary>
    public static string Write(string folder, string language, params (string Key, string Text)[] translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        var directory = Path.Combine(folder, language);
        Directory.CreateDirectory(directory);
        foreach (var catalog in translations.GroupBy(t => t.Key.Split('.')[0]))
        {
            File.WriteAllText(Path.Combine(directory, catalog.Key + ".json"), JsonSerializer.Serialize(catalog.ToDictionary(t => t.Key, t => t.Text)));
        }

        return folder;
    }

    /// <summary>The built-in catalogs plus the descriptions of <paramref name="commands"/>, with <paramref name="spanish"/> as their Spanish.</summary>
    public static LanguageCatalogs WithSpanish(CommandCatalog commands, params (string Key, string Text)[] spanish) =>
        Load(commands, (LanguageCatalogs.Spanish, JsonSerializer.Serialize((spanish ?? []).ToDictionary(t => t.Key, t => t.Text))));

    /// <summary>
    /// The built-in catalogs plus the descriptions of <paramref name="commands"/>, with each of <paramref name="files"/> (a language
    /// code and a catalog file's JSON) dropped into a language folder, as a coalition adds them.
    /// </summary>
    public static LanguageCatalogs Load(CommandCatalog commands, params (string Language, string Json)[] files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folder = Directory.CreateTempSubdirectory("languages-").FullName;
        try
        {
            foreach (var (language, json) in files)
            {
                Directory.CreateDirectory(Path.Combine(folder, language));
                File.WriteAllText(Path.Combine(folder, language, "test.json"), json);
            }

            return LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], folder, [], commands);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
