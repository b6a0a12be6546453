using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Plugins;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A method's name and one-line text in one language.</summary>
internal sealed record TacticTexts(string Name, string Text);

/// <summary>One method of nonviolent action; readers see its catalog strings (<c>campaigns.tactic.&lt;id&gt;.name</c>, <c>.text</c>), made from the file's English and Spanish.</summary>
/// <param name="Id">A stable id (<c>public-comment</c>).</param>
/// <param name="Sharp">Its number among Sharp's 198 methods, or null for a modern municipal form of one.</param>
/// <param name="Family">Its family.</param>
/// <param name="Municipal">True when it fits a municipal sanctuary campaign; these are listed first.</param>
/// <param name="English">Its name and one line on what it is, in English (the catalog's source).</param>
/// <param name="Spanish">The same in Spanish (the built-in translation).</param>
internal sealed record Tactic(string Id, int? Sharp, TacticFamily Family, bool Municipal, TacticTexts English, TacticTexts Spanish)
{
    public string NameKey => $"campaigns.tactic.{Id}.name";

    public string TextKey => $"campaigns.tactic.{Id}.text";
}

/// <summary>
/// The catalog of nonviolent action methods shipped as <c>Campaigns/Content/tactics.json</c> (embedded). It is checked in full
/// when the plugin loads: a problem stops start-up with the method's id and what is wrong. Its English and Spanish become
/// catalog strings (<see cref="CatalogTexts"/>), so a language folder translates the methods like any other string.
/// </summary>
internal sealed partial class TacticsCatalog
{
    public const int MinMethods = 45;
    public const int MaxName = 60;
    public const int MaxText = 160;
    public const int MaxSource = 300;
    private const string ResourceSuffix = ".Campaigns.Content.tactics.json";

    public const string SourceKey = "campaigns.tactic.source";

    private static readonly Lazy<TacticsCatalog> ShippedCatalog = new(Load);

    private TacticsCatalog((string English, string Spanish) source, IReadOnlyList<Tactic> methods)
    {
        Source = source;
        Methods = methods;
    }

    /// <summary>The catalog built into the plugin, loaded once.</summary>
    public static TacticsCatalog Shipped => ShippedCatalog.Value;

    /// <summary>Where the methods come from, shown under the list, in English and Spanish.</summary>
    public (string English, string Spanish) Source { get; }

    /// <summary>Every method, municipal ones first within each family (modern forms first), then by Sharp's number.</summary>
    public IReadOnlyList<Tactic> Methods { get; }

    public IEnumerable<Tactic> Of(TacticFamily family) => Methods.Where(m => m.Family == family);

    /// <summary>The catalog key of a family's name: <c>campaigns.tactics.family.protest</c>.</summary>
    public static string FamilyKey(TacticFamily family) => $"campaigns.tactics.family.{FamilyWord(family)}";

    /// <summary>The family's word in the file and in <c>/campaign tactics &lt;family&gt;</c>.</summary>
    public static string FamilyWord(TacticFamily family) => family switch
    {
        TacticFamily.ProtestAndPersuasion => "protest",
        TacticFamily.Noncooperation => "noncooperation",
        _ => "intervention",
    };

    /// <summary>The methods' names and texts and the source line as catalog strings: English the source, Spanish built in.</summary>
    public IEnumerable<CatalogText> CatalogTexts()
    {
        yield return new(SourceKey, Source.English, Source.Spanish, "Under /campaign tactics: where the methods come from.");
        foreach (var method in Methods)
        {
            yield return new(method.NameKey, method.English.Name, method.Spanish.Name, $"The name of the nonviolent action method \"{method.Id}\" in /campaign tactics.");
            yield return new(method.TextKey, method.English.Text, method.Spanish.Text, $"One line on what the method \"{method.Id}\" is, after its name in /campaign tactics (at most {MaxText} characters).");
        }
    }

    // Operators read these in start-up errors, which are in English like the rest of the configuration's.
    private static string FamilyTitle(TacticFamily family) => family switch
    {
        TacticFamily.ProtestAndPersuasion => "protest and persuasion",
        TacticFamily.Noncooperation => "noncooperation",
        _ => "intervention",
    };

    /// <summary>Loads and checks the embedded catalog.</summary>
    /// <exception cref="PluginConfigurationException">The file is malformed; the message says where.</exception>
    public static TacticsCatalog Load()
    {
        var assembly = typeof(TacticsCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new PluginConfigurationException("campaigns: the tactics catalog (Campaigns/Content/tactics.json) is not embedded.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses and checks catalog JSON.</summary>
    /// <exception cref="PluginConfigurationException">The JSON is malformed or a method breaks a rule.</exception>
    public static TacticsCatalog Parse(string json, int minMethods = MinMethods)
    {
        FileDto? file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw Problem($"not valid JSON ({ex.Message})");
        }

        if (file?.Methods is null || file.Source is null)
        {
            throw Problem("needs \"source\" and \"methods\".");
        }

        var source = (One("the source", file.Source.En, t => t.Text, MaxSource, "text", "en"), One("the source", file.Source.Es, t => t.Text, MaxSource, "text", "es"));

        var methods = new List<Tactic>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        foreach (var (dto, index) in file.Methods.Select((m, i) => (m, i)))
        {
            methods.Add(Method(dto, index, ids, numbers));
        }

        if (methods.Count < minMethods)
        {
            throw Problem($"has {methods.Count} methods; it needs at least {minMethods}.");
        }

        CheckEveryFamilyHasMunicipal(methods);

        // Modern municipal forms (no Sharp number, like public comment at council meetings) lead their family.
        var ordered = methods.OrderBy(m => m.Family).ThenByDescending(m => m.Municipal).ThenBy(m => m.Sharp ?? 0).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        return new TacticsCatalog(source, ordered);
    }

    private static string One(string at, LanguageDto? language, Func<LanguageDto, string?> pick, int max, string what, string code)
    {
        var text = language is null ? null : pick(language)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw Problem($"{at}: the {code} {what} is missing (every method needs English and Spanish).");
        }

        if (text.Length > max)
        {
            throw Problem($"{at}: the {code} {what} has {text.Length} characters; keep it to {max}.");
        }

        if (!MessageTemplate.TryParse(text, out _, out var problem))
        {
            throw Problem($"{at}: the {code} {what} cannot be a catalog text ({problem}).");
        }

        return text;
    }

    private static TacticTexts Texts(string at, LanguageDto? language, string code) =>
        new(One(at, language, t => t.Name, MaxName, "name", code), One(at, language, t => t.Text, MaxText, "text", code));

    private static PluginConfigurationException Problem(string problem) => new($"campaigns: Content/tactics.json: {problem}");

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = false, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdRule();

    /// <summary>One method of the catalog, checked: a unique id, a known family, a Sharp number that fits it, both languages.</summary>
    private static Tactic Method(MethodDto dto, int index, HashSet<string> ids, HashSet<int> numbers)
    {
        var at = dto.Id is null ? $"method {index + 1}" : $"method \"{dto.Id}\"";
        if (dto.Id is null || !IdRule().IsMatch(dto.Id) || dto.Id.Length > 48)
        {
            throw Problem($"{at}: the id must be 1–48 lowercase letters, digits and hyphens.");
        }

        if (!ids.Add(dto.Id))
        {
            throw Problem($"{at}: the id appears twice.");
        }

        var family = FamilyOf(dto.Family, at);
        if (dto.Sharp is { } number)
        {
            CheckSharpNumber(number, family, dto.Family, at, numbers);
        }

        var english = Texts(at, dto.En, "en");
        return new Tactic(dto.Id, dto.Sharp, family, dto.Municipal, english, Texts(at, dto.Es, "es"));
    }

    private static TacticFamily FamilyOf(string? family, string at) => family switch
    {
        "protest" => TacticFamily.ProtestAndPersuasion,
        "noncooperation" => TacticFamily.Noncooperation,
        "intervention" => TacticFamily.Intervention,
        var other => throw Problem($"{at}: family \"{other}\" must be protest, noncooperation or intervention."),
    };

    /// <summary>Sharp numbers his methods by family: 1–54 protest and persuasion, 55–157 noncooperation, 158–198 intervention; each once.</summary>
    private static void CheckSharpNumber(int number, TacticFamily family, string? familyName, string at, HashSet<int> numbers)
    {
        var expected = number switch
        {
            >= 1 and <= 54 => TacticFamily.ProtestAndPersuasion,
            >= 55 and <= 157 => TacticFamily.Noncooperation,
            >= 158 and <= 198 => TacticFamily.Intervention,
            _ => throw Problem($"{at}: sharp must be a method number from 1 to 198."),
        };
        if (expected != family)
        {
            throw Problem($"{at}: Sharp's method {number} belongs to {FamilyTitle(expected)}, not {familyName}.");
        }

        if (!numbers.Add(number))
        {
            throw Problem($"{at}: Sharp's method {number} appears twice.");
        }
    }

    private static void CheckEveryFamilyHasMunicipal(List<Tactic> methods)
    {
        foreach (var family in Enum.GetValues<TacticFamily>())
        {
            if (!methods.Any(m => m.Family == family && m.Municipal))
            {
                throw Problem($"the {FamilyTitle(family)} family has no method marked municipal.");
            }
        }
    }

    private sealed class FileDto
    {
        [JsonPropertyName("source")]
        public SourceDto? Source { get; set; }

        [JsonPropertyName("methods")]
        public List<MethodDto>? Methods { get; set; }
    }

    private sealed class MethodDto
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("sharp")]
        public int? Sharp { get; set; }

        [JsonPropertyName("family")]
        public string? Family { get; set; }

        [JsonPropertyName("municipal")]
        public bool Municipal { get; set; }

        [JsonPropertyName("en")]
        public LanguageDto? En { get; set; }

        [JsonPropertyName("es")]
        public LanguageDto? Es { get; set; }
    }

    private sealed class SourceDto
    {
        [JsonPropertyName("en")]
        public LanguageDto? En { get; set; }

        [JsonPropertyName("es")]
        public LanguageDto? Es { get; set; }
    }

    private sealed class LanguageDto
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("text")]
        public string? Text { get; set; }
    }
}
