using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoalitionBot.Core.Localization;

/// <summary>One string of a catalog: its key (<c>coalition.setup.title</c>), its text and the note that tells a translator where it shows.</summary>
/// <param name="Key">The key; its first part names the catalog (a plugin's name, or <c>core</c>).</param>
/// <param name="Template">The parsed text.</param>
/// <param name="Note">The context note of the English entry, if any.</param>
public sealed record CatalogEntry(string Key, MessageTemplate Template, string? Note)
{
    /// <summary>The catalog the key belongs to: the part before its first dot.</summary>
    public string Catalog => CatalogOf(Key);

    internal static string CatalogOf(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? key : key[..dot];
    }
}

/// <summary>A catalog that comes with the bot: its name, its language and how to read it.</summary>
internal sealed record BuiltInCatalog(string Catalog, string Language, Func<Stream> Open)
{
    public string Source => $"built-in {Catalog}.{Language}.json";
}

/// <summary>
/// Every language the bot speaks: the catalogs built into Core and the plugins (English, the source, and Spanish), the
/// pseudo-locale <c>qps-ploc</c>, and translations dropped as files into <c>CoalitionBot:LanguagesDirectory</c>
/// (<c>languages/ht/*.json</c>). Loaded once at start; a bad entry is reported in <see cref="Problems"/> and skipped, never fatal.
/// </summary>
/// <remarks>
/// A catalog file is a JSON object of key to text, or key to <c>{"text": …, "note": …}</c>; an empty text means "not translated yet"
/// (what <c>languages export</c> writes). Built-in files are embedded resources named <c>CoalitionBot.Languages.&lt;catalog&gt;.&lt;language&gt;.json</c>.
/// </remarks>
public sealed partial class LanguageCatalogs
{
    /// <summary>The source language: every key exists in English.</summary>
    public const string English = "en";

    /// <summary>The other built-in language.</summary>
    public const string Spanish = "es";

    /// <summary>The built-in pseudo-locale: English accented and bracketed, to see which text does not come from a catalog.</summary>
    public const string Pseudo = "qps-ploc";

    /// <summary>The prefix of built-in catalogs' embedded resource names.</summary>
    public const string ResourcePrefix = "CoalitionBot.Languages.";

    private readonly Dictionary<string, CatalogEntry> _english = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CatalogEntry>> _translations = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];

    private LanguageCatalogs()
    {
    }

    /// <summary>The English entries by key.</summary>
    public IReadOnlyDictionary<string, CatalogEntry> EnglishEntries => _english;

    /// <summary>The loaded languages' codes: English first, then the others in order, the pseudo-locale last.</summary>
    public IReadOnlyList<string> Languages =>
        [English, .. _translations.Keys.Where(k => k != Pseudo).Order(StringComparer.Ordinal), Pseudo];

    /// <summary>The catalogs' names (<c>core</c>, <c>coalition</c>, <c>help</c>, …) in order.</summary>
    public IReadOnlyList<string> Catalogs => _english.Values.Select(e => e.Catalog).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>One line per entry or file that was skipped, naming the file, the key and what is wrong.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Loads the catalogs embedded in <paramref name="assemblies"/> and the language folders under <paramref name="directory"/>.</summary>
    public static LanguageCatalogs Load(IEnumerable<Assembly> assemblies, string? directory) => Load(assemblies, directory, []);

    /// <summary>As <see cref="Load(IEnumerable{Assembly}, string?)"/>, plus the loaded plugins' command descriptions (see <see cref="CommandTexts"/>).</summary>
    /// <remarks>
    /// A translation of a command or plugin description (<c>campaigns.command.campaign.start</c>, <c>campaigns.plugin</c>) whose
    /// plugin is not loaded is skipped without a problem: the plugin is off, not misspelled.
    /// </remarks>
    public static LanguageCatalogs Load(IEnumerable<Assembly> assemblies, string? directory, IReadOnlyList<Plugins.LoadedPlugin> plugins, Commands.CommandCatalog? commands = null) =>
        Load(Embedded(assemblies), directory, CommandTexts.Describe(plugins, commands));

    private static IEnumerable<BuiltInCatalog> Embedded(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var embedded = assemblies.Distinct()
            .SelectMany(a => a.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
                .Select(n =>
                {
                    var stem = n[ResourcePrefix.Length..^".json".Length];
                    var dot = stem.LastIndexOf('.');
                    return new BuiltInCatalog(dot > 0 ? stem[..dot] : stem, dot > 0 ? stem[(dot + 1)..] : string.Empty, () => a.GetManifestResourceStream(n)!);
                }));
        return embedded;
    }

    /// <summary>Loads built-in catalogs from wherever they come from, then the language folders under <paramref name="directory"/>.</summary>
    internal static LanguageCatalogs Load(IEnumerable<BuiltInCatalog> builtIn, string? directory, IEnumerable<GeneratedEntry>? generated = null)
    {
        var catalogs = new LanguageCatalogs();
        var ordered = builtIn.OrderBy(c => c.Catalog, StringComparer.Ordinal).ThenBy(c => c.Language, StringComparer.Ordinal).ToList();

        // English first: it defines the keys the other languages are checked against.
        foreach (var catalog in ordered.Where(c => c.Language == English))
        {
            using var stream = catalog.Open();
            catalogs.ReadEnglish(stream, catalog.Source, catalog.Catalog);
        }

        var spanish = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var entry in generated ?? [])
        {
            catalogs.AddGenerated(entry, spanish);
        }

        // Spanish is built in (and complete) even where the loaded catalogs hold none of it.
        catalogs._translations[Spanish] = spanish;
        catalogs._translations[Pseudo] = catalogs._english.Values
            .ToDictionary(e => e.Key, e => e with { Template = e.Template.Pseudo() }, StringComparer.Ordinal);

        foreach (var catalog in ordered.Where(c => c.Language != English))
        {
            using var stream = catalog.Open();
            catalogs.ReadTranslation(stream, catalog.Source, catalog.Language);
        }

        if (!string.IsNullOrWhiteSpace(directory) && Directory.Exists(directory))
        {
            catalogs.ReadDirectory(directory);
        }

        return catalogs;
    }

    /// <summary>The loaded language that <paramref name="requested"/> names: the same code (<c>ht</c>, <c>es-419</c> → <c>es</c>), or null.</summary>
    public string? Match(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var code = requested.Trim().Replace('_', '-');
        if (string.Equals(code, English, StringComparison.OrdinalIgnoreCase) || code.StartsWith(English + "-", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        if (_translations.ContainsKey(code))
        {
            return _translations.Keys.First(k => string.Equals(k, code, StringComparison.OrdinalIgnoreCase));
        }

        var primary = code.Split('-')[0];
        return _translations.Keys.FirstOrDefault(k => string.Equals(k, primary, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The entry for <paramref name="key"/> in <paramref name="language"/>, else the English one (per string), else null; with the language it is in.</summary>
    public (CatalogEntry Entry, string Language)? Find(string language, string key) =>
        _translations.TryGetValue(language, out var strings) && strings.TryGetValue(key, out var translated) ? (translated, language)
        : _english.TryGetValue(key, out var english) ? (english, English)
        : null;

    /// <summary>True when <paramref name="language"/> has its own text for <paramref name="key"/> (English always has).</summary>
    public bool IsTranslated(string language, string key) =>
        string.Equals(language, English, StringComparison.OrdinalIgnoreCase)
            ? _english.ContainsKey(key)
            : _translations.TryGetValue(language, out var strings) && strings.ContainsKey(key);

    /// <summary>The English entries <paramref name="language"/> has no text for, in key order.</summary>
    public IReadOnlyList<CatalogEntry> Missing(string language) =>
        _english.Values.Where(e => !IsTranslated(language, e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();

    /// <summary>How many of a catalog's strings <paramref name="language"/> has.</summary>
    public (int Translated, int Total) Completeness(string language, string catalog)
    {
        var keys = _english.Values.Where(e => e.Catalog == catalog).Select(e => e.Key).ToList();
        return (keys.Count(k => IsTranslated(language, k)), keys.Count);
    }

    /// <summary>The strings for a culture (from <see cref="CultureFor"/>, or a platform's locale): its loaded language, else English.</summary>
    public CatalogStringLocalizer For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var language = Match(culture.Name) ?? English;
        return new CatalogStringLocalizer(this, language, culture);
    }

    /// <summary>
    /// Someone reading outside a command (a reminder, a digest, a direct message) in <paramref name="language"/> (a code; the loaded
    /// language it names, else English), in <paramref name="zone"/>, at <paramref name="now"/>.
    /// </summary>
    public Reader ReaderFor(string? language, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var code = Match(language) ?? English;
        return new Reader(new CatalogStringLocalizer(this, code, CultureFor(code)), zone, now);
    }

    /// <summary>The key of a language's name written in itself (<c>Kreyòl ayisyen</c>), which a translator gives in its catalog.</summary>
    public const string SelfNameKey = "core.language.self";

    /// <summary>
    /// The name of <paramref name="code"/> written in itself, as markup: its catalog's <see cref="SelfNameKey"/> when a translator gave
    /// it (<c>Kreyòl ayisyen</c>), else <see cref="SystemName"/>.
    /// </summary>
    public string OwnName(string code) =>
        IsTranslated(code, SelfNameKey) ? new CatalogStringLocalizer(this, code, CultureFor(code)).Format(SelfNameKey) : SystemName(code);

    /// <summary>The system's name for a language in itself (<c>Español</c>), else its code; as markup.</summary>
    public static string SystemName(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var culture = CultureFor(code);
        return string.Equals(culture.TwoLetterISOLanguageName, code.Split('-')[0], StringComparison.OrdinalIgnoreCase) && culture.NativeName.Length > 0
            ? Replies.Markup.Escape(culture.TextInfo.ToTitleCase(culture.NativeName))
            : Replies.Markup.Escape(code);
    }

    /// <summary>The culture for formatting numbers and dates in <paramref name="language"/>; English (US) when .NET does not know it.</summary>
    public static CultureInfo CultureFor(string language)
    {
        if (string.Equals(language, Pseudo, StringComparison.OrdinalIgnoreCase))
        {
            // Not a predefined culture: ICU gives it neutral data, and its name carries the pseudo-locale to code that only sees a culture.
            try
            {
                return CultureInfo.GetCultureInfo(Pseudo, predefinedOnly: false);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.GetCultureInfo("en-US");
            }
        }

        if (!string.Equals(language, Pseudo, StringComparison.OrdinalIgnoreCase) && !string.Equals(language, English, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(language, predefinedOnly: true);
                if (!string.IsNullOrEmpty(culture.Name))
                {
                    return culture;
                }
            }
            catch (CultureNotFoundException)
            {
                // A language .NET has no data for (or the invariant globalization mode): numbers and dates as in English.
            }
        }

        return CultureInfo.GetCultureInfo("en-US");
    }

    private void ReadEnglish(Stream stream, string source, string catalog)
    {
        foreach (var (key, text, note) in ReadFile(stream, source))
        {
            if (CatalogEntry.CatalogOf(key) != catalog)
            {
                Problem(source, key, $"belongs in the catalog \"{CatalogEntry.CatalogOf(key)}\", not \"{catalog}\"");
            }
            else if (string.IsNullOrEmpty(text))
            {
                Problem(source, key, "has no text");
            }
            else if (!MessageTemplate.TryParse(text, out var template, out var problem))
            {
                Problem(source, key, $"is malformed: {problem}");
            }
            else if (!_english.TryAdd(key, new CatalogEntry(key, template!, note)))
            {
                Problem(source, key, "is defined twice");
            }
        }
    }

    private void AddGenerated(GeneratedEntry entry, Dictionary<string, CatalogEntry> spanish)
    {
        var source = $"the description of {entry.Key}";
        if (!MessageTemplate.TryParse(entry.English, out var english, out var problem))
        {
            Problem(source, entry.Key, $"is malformed: {problem}");
        }
        else if (!_english.TryAdd(entry.Key, new CatalogEntry(entry.Key, english!, entry.Note)))
        {
            Problem(source, entry.Key, "is also a key of the catalog file; rename the file's key");
        }
        else if (entry.Spanish is not null && MessageTemplate.TryParse(entry.Spanish, out var translated, out _))
        {
            spanish[entry.Key] = new CatalogEntry(entry.Key, translated!, entry.Note);
        }
    }

    private void ReadTranslation(Stream stream, string source, string language)
    {
        if (!_translations.TryGetValue(language, out var strings))
        {
            strings = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
            _translations[language] = strings;
        }

        var categories = PluralRules.Categories(language).Select(c => c.ToString().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, text, _) in ReadFile(stream, source))
        {
            if (string.IsNullOrEmpty(text))
            {
                continue; // Not translated yet: English is used for it.
            }

            if (!_english.TryGetValue(key, out var english))
            {
                if (!DescribesAbsentPlugin(key))
                {
                    Problem(source, key, "is not a key the bot knows (check the spelling against `languages export`)");
                }
            }
            else if (!MessageTemplate.TryParse(text, out var template, out var problem))
            {
                Problem(source, key, $"is malformed: {problem}");
            }
            else if (!template!.Placeholders.SetEquals(english.Template.Placeholders))
            {
                Problem(source, key, $"uses {Show(template.Placeholders)} but English uses {Show(english.Template.Placeholders)}");
            }
            else if (template.PluralSelectors.FirstOrDefault(s => !s.StartsWith('=') && !categories.Contains(s)) is { } foreign)
            {
                Problem(source, key, $"has the plural choice \"{foreign}\", which {language} does not use (it uses {string.Join(", ", categories.Order(StringComparer.Ordinal))})");
            }
            else
            {
                strings[key] = new CatalogEntry(key, template, english.Note);
            }
        }
    }

    private void ReadDirectory(string directory)
    {
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(folder);
            var shown = Path.Combine(directory, code);
            if (!LanguageCode().IsMatch(code))
            {
                _problems.Add($"{shown}: \"{code}\" is not a language code (like ht, vi, so or zh-Hant); the folder is skipped.");
                continue;
            }

            if (string.Equals(code, English, StringComparison.OrdinalIgnoreCase) || string.Equals(code, Pseudo, StringComparison.OrdinalIgnoreCase))
            {
                _problems.Add($"{shown}: {code} is built into the bot and cannot be replaced by files; the folder is skipped.");
                continue;
            }

            var language = Match(code) is { } known && string.Equals(known, code, StringComparison.OrdinalIgnoreCase) ? known : code.ToLowerInvariant();
            _translations.TryAdd(language, new Dictionary<string, CatalogEntry>(StringComparer.Ordinal));
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    using var stream = File.OpenRead(file);
                    ReadTranslation(stream, Path.Combine(shown, Path.GetFileName(file)), language);
                }
                catch (IOException ex)
                {
                    _problems.Add($"{Path.Combine(shown, Path.GetFileName(file))}: cannot be read ({ex.Message}); the file is skipped.");
                }
                catch (UnauthorizedAccessException)
                {
                    _problems.Add($"{Path.Combine(shown, Path.GetFileName(file))}: cannot be read (no permission); the file is skipped.");
                }
            }
        }
    }

    /// <summary>Reads a catalog file's entries; a file that is not a JSON object of entries is one problem and yields nothing.</summary>
    private List<(string Key, string? Text, string? Note)> ReadFile(Stream stream, string source)
    {
        var entries = new List<(string, string?, string?)>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            _problems.Add($"{source}: is not valid JSON (line {ex.LineNumber + 1}: {FirstSentence(ex.Message)}); the file is skipped.");
            return entries;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                _problems.Add($"{source}: must be a JSON object of \"key\": \"text\" entries; the file is skipped.");
                return entries;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        entries.Add((property.Name, property.Value.GetString(), null));
                        break;
                    case JsonValueKind.Object when Text(property.Value, "text") is { } text:
                        entries.Add((property.Name, text.Value, Text(property.Value, "note")?.Value));
                        break;
                    default:
                        Problem(source, property.Name, "must be a text, or an object with a \"text\"");
                        break;
                }
            }
        }

        return entries;
    }

    private static (string? Value, bool Found)? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Null
            ? (value.GetString(), true)
            : null;

    private void Problem(string source, string key, string what) => _problems.Add($"{source}: \"{key}\" {what}; it is skipped.");

    /// <summary>
    /// True for the translated description of a command or of a plugin that is not loaded (turned off in plugins.json): its
    /// catalog ships it, but nothing shows it, so it is neither used nor a mistake.
    /// </summary>
    private bool DescribesAbsentPlugin(string key) =>
        CommandTexts.IsDescriptionKey(key) && !_english.ContainsKey(CommandTexts.PluginKey(CatalogEntry.CatalogOf(key)));

    private static string Show(IReadOnlySet<string> names) => names.Count == 0 ? "no placeholders" : string.Join(" ", names.Select(n => $"{{{n}}}"));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    /// <summary>True when <paramref name="code"/> looks like a language code (<c>ht</c>, <c>hmn</c>, <c>zh-Hant</c>).</summary>
    public static bool IsLanguageCode(string code) => LanguageCode().IsMatch(code);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageCode();
}
