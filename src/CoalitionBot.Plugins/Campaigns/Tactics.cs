using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Plugins;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>One method of nonviolent action, described in both languages.</summary>
/// <param name="Id">A stable id (<c>public-comment</c>).</param>
/// <param name="Sharp">Its number among Sharp's 198 methods, or null for a modern municipal form of one.</param>
/// <param name="Family">Its family.</param>
/// <param name="Municipal">True when it fits a municipal sanctuary campaign; these are listed first.</param>
/// <param name="Name">Its name.</param>
/// <param name="Text">One line on what it is.</param>
internal sealed record Tactic(string Id, int? Sharp, TacticFamily Family, bool Municipal, Text2 Name, Text2 Text);

/// <summary>
/// The catalog of nonviolent action methods shipped as <c>Campaigns/Content/tactics.json</c> (embedded). It is checked in full
/// when the plugin loads: a problem stops start-up with the method's id and what is wrong.
/// </summary>
internal sealed partial class TacticsCatalog
{
    public const int MinMethods = 45;
    public const int MaxName = 60;
    public const int MaxText = 160;
    private const string ResourceSuffix = ".Campaigns.Content.tactics.json";

    private TacticsCatalog(string source, IReadOnlyList<Tactic> methods)
    {
        Source = source;
        Methods = methods;
    }

    /// <summary>Where the methods come from, shown under the list.</summary>
    public string Source { get; }

    /// <summary>Every method, municipal ones first within each family (modern forms first), then by Sharp's number.</summary>
    public IReadOnlyList<Tactic> Methods { get; }

    public IEnumerable<Tactic> Of(TacticFamily family) => Methods.Where(m => m.Family == family);

    public static Text2 FamilyName(TacticFamily family) => family switch
    {
        TacticFamily.ProtestAndPersuasion => new("Protest and persuasion", "Protesta y persuasión"),
        TacticFamily.Noncooperation => new("Noncooperation", "No cooperación"),
        _ => new("Intervention", "Intervención"),
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

        if (file?.Methods is null || string.IsNullOrWhiteSpace(file.Source))
        {
            throw Problem("needs \"source\" and \"methods\".");
        }

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
        return new TacticsCatalog(file.Source.Trim(), ordered);
    }

    private static Text2 Texts(string at, LanguageDto? en, LanguageDto? es, Func<LanguageDto, string?> pick, int max, string what)
    {
        string One(LanguageDto? language, string code)
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

            return text;
        }

        return new Text2(One(en, "en"), One(es, "es"));
    }

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

        return new Tactic(dto.Id, dto.Sharp, family, dto.Municipal, Texts(at, dto.En, dto.Es, t => t.Name, MaxName, "name"), Texts(at, dto.En, dto.Es, t => t.Text, MaxText, "text"));
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
            throw Problem($"{at}: Sharp's method {number} belongs to {FamilyName(expected).En.ToLowerInvariant()}, not {familyName}.");
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
                throw Problem($"the {FamilyName(family).En.ToLowerInvariant()} family has no method marked municipal.");
            }
        }
    }

    private sealed class FileDto
    {
        [JsonPropertyName("source")]
        public string? Source { get; set; }

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

    private sealed class LanguageDto
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("text")]
        public string? Text { get; set; }
    }
}
