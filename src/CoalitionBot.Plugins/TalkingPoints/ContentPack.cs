using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Plugins;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The talking points shipped with the plugin: one Markdown file per point and language, with a front-matter header.</summary>
/// <remarks>
/// Files live in <c>Content/en</c> and <c>Content/es</c> (embedded in the assembly), plus an optional extra folder of the same
/// shape from the plugin settings. Every id needs both languages with the same topics and audiences; any problem stops
/// start-up with the file's path and what is wrong. A coalition's languages folder adds translations and points of its own
/// (<c>languages/ht/talking-points/*.md</c>, see <see cref="WithLanguageFolders"/>): a broken file there is one line in
/// <see cref="Problems"/> and is skipped, never fatal.
/// </remarks>
public sealed partial class ContentPack
{
    /// <summary>The marker that separates the short text from the longer explanation.</summary>
    public const string MoreMarker = "<!-- more -->";

    public const int MaxTitle = 90;
    public const int MaxSummary = 600;
    public const int MaxDetails = 1500;

    /// <summary>The largest pack file read from a languages folder; a bigger one is reported and skipped.</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The folder inside a language's folder that holds its talking-point files.</summary>
    public const string LanguageFolderName = "talking-points";

    private ContentPack(IReadOnlyList<TalkingPoint> points, IReadOnlyList<string> problems)
    {
        Points = points.Select(WithPseudo).ToList();
        Problems = problems;
        Ordinals = points.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Version = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\n', points.Select(p => p.Id)))))[..4].ToLowerInvariant();
    }

    /// <summary>The points, sorted by id.</summary>
    public IReadOnlyList<TalkingPoint> Points { get; }

    /// <summary>Each id's position in <see cref="Points"/>, used to keep button values short.</summary>
    public IReadOnlyDictionary<string, int> Ordinals { get; }

    /// <summary>A short fingerprint of the ids, so a button made by an older pack is recognized as stale.</summary>
    public string Version { get; }

    /// <summary>One line per languages-folder file that was skipped, naming the file and what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Loads the embedded pack and, if given, the files of an extra folder (same ids replace pack points).</summary>
    /// <exception cref="PluginConfigurationException">A file is malformed; the message names it and the problem.</exception>
    public static ContentPack Load(string? extraDirectory = null)
    {
        var files = new List<(string Path, string Folder, string Text)>();
        var assembly = typeof(ContentPack).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".md", StringComparison.Ordinal)))
        {
            // Resource names look like CoalitionBot.Plugins.TalkingPoints.Content.en.detainers-are-requests.md
            var marker = ".TalkingPoints.Content.";
            var at = name.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = name[(at + marker.Length)..];
            var folder = rest[..rest.IndexOf('.', StringComparison.Ordinal)];
            var file = rest[(folder.Length + 1)..];
            files.Add(($"Content/{folder}/{file}", folder, ReadResource(assembly, name)));
        }

        if (extraDirectory is not null)
        {
            if (!Directory.Exists(extraDirectory))
            {
                throw new PluginConfigurationException($"talking points: content folder {extraDirectory} was not found.");
            }

            foreach (var language in new[] { "en", "es" })
            {
                var folder = Path.Combine(extraDirectory, language);
                if (Directory.Exists(folder))
                {
                    files.AddRange(Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(f => (f, language, File.ReadAllText(f))));
                }
            }
        }

        return Parse(files);
    }

    /// <summary>Parses pack files given as (path, language folder, text).</summary>
    public static ContentPack Parse(IEnumerable<(string Path, string Folder, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var byId = new Dictionary<string, Dictionary<string, (ParsedFile File, string Path)>>(StringComparer.Ordinal);
        foreach (var (path, folder, text) in files)
        {
            var parsed = ParseFile(path, folder, text);
            if (!byId.TryGetValue(parsed.Id, out var languages))
            {
                byId[parsed.Id] = languages = [];
            }

            // A later file with the same id and language (the extra folder) replaces the pack's.
            languages[parsed.Language] = (parsed, path);
        }

        var points = new List<TalkingPoint>();
        foreach (var (id, languages) in byId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var language in BuiltIn)
            {
                if (!languages.ContainsKey(language))
                {
                    var other = languages.Values.First().Path;
                    throw Problem(other, $"id \"{id}\" has no {language} version (every point needs English and Spanish).");
                }
            }

            var en = languages[LanguageCatalogs.English];
            var es = languages[LanguageCatalogs.Spanish];
            if (Mismatch(en.File, es.File))
            {
                throw Problem(es.Path, $"kind, topics and audiences must be the same as in {en.Path}.");
            }

            points.Add(new TalkingPoint
            {
                Id = id,
                Kind = en.File.Kind,
                Topics = en.File.Topics,
                Audiences = en.File.Audiences,
                Reviewed = new[] { en.File.Reviewed, es.File.Reviewed }.Min(),
                Texts = languages.ToDictionary(p => p.Key, p => p.Value.File.Text),
            });
        }

        if (points.Count == 0)
        {
            throw new PluginConfigurationException("talking points: the content pack is empty.");
        }

        return new ContentPack(points, []);
    }

    /// <summary>
    /// This pack plus the talking points of a coalition's language folders: <c>&lt;directory&gt;/&lt;code&gt;/talking-points/*.md</c>, in the
    /// pack's format with <c>lang: &lt;code&gt;</c>. A file whose id is a shipped point's is its translation (same kind, topics and
    /// audiences); a new id is a new point in that language. A broken file is one line in <see cref="Problems"/> and is skipped.
    /// </summary>
    public ContentPack WithLanguageFolders(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return this;
        }

        var problems = new List<string>(Problems);
        var points = Points.ToDictionary(p => p.Id, p => (Point: p, Texts: p.Texts.Where(t => t.Key != LanguageCatalogs.Pseudo).ToDictionary()), StringComparer.Ordinal);
        var added = false;
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(folder);
            var files = Path.Combine(folder, LanguageFolderName);
            if (!Directory.Exists(files) || !LanguageCatalogs.IsLanguageCode(code))
            {
                continue; // The language catalogs report a folder that is not a language.
            }

            foreach (var path in Directory.GetFiles(files).Order(StringComparer.Ordinal))
            {
                if (ReadLanguageFile(path, code) is not { } read)
                {
                    continue;
                }

                if (read.Problem is { } problem)
                {
                    problems.Add($"{path}: {problem}; the file is skipped.");
                    continue;
                }

                var file = read.File!;
                if (points.TryGetValue(file.Id, out var existing))
                {
                    var english = existing.Point;
                    if (english.Kind != file.Kind || !english.Topics.SequenceEqual(file.Topics) || !english.Audiences.SequenceEqual(file.Audiences))
                    {
                        problems.Add($"{path}: kind, topics and audiences must be the same as the point \"{file.Id}\" it translates; the file is skipped.");
                        continue;
                    }

                    existing.Texts[file.Language] = file.Text;
                }
                else
                {
                    var point = new TalkingPoint
                    {
                        Id = file.Id, Kind = file.Kind, Topics = file.Topics, Audiences = file.Audiences, Reviewed = file.Reviewed,
                        Texts = new Dictionary<string, PointText>(StringComparer.Ordinal),
                    };
                    points[file.Id] = (point, new Dictionary<string, PointText>(StringComparer.Ordinal) { [file.Language] = file.Text });
                }

                added = true;
            }
        }

        if (!added && problems.Count == Problems.Count)
        {
            return this;
        }

        return new ContentPack(
            points.Values.OrderBy(p => p.Point.Id, StringComparer.Ordinal).Select(p => p.Point with { Texts = p.Texts }).ToList(),
            problems);
    }

    /// <summary>A languages-folder file parsed, or why it cannot be; null for a file that is not a pack file (not <c>.md</c>).</summary>
    private static (ParsedFile? File, string? Problem)? ReadLanguageFile(string path, string code)
    {
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                return (null, $"is larger than {MaxFileBytes / 1024} KB");
            }

            return (ParseFile(path, code, File.ReadAllText(path)), null);
        }
        catch (PluginConfigurationException ex)
        {
            // "talking points: <path>: <problem>." → the problem alone.
            var message = ex.Message;
            var at = message.IndexOf(path + ": ", StringComparison.Ordinal);
            return (null, (at < 0 ? message : message[(at + path.Length + 2)..]).TrimEnd('.'));
        }
        catch (IOException ex)
        {
            return (null, $"cannot be read ({ex.Message})");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, "cannot be read (no permission)");
        }
    }

    /// <summary>The languages every shipped point has.</summary>
    private static readonly string[] BuiltIn = [LanguageCatalogs.English, LanguageCatalogs.Spanish];

    private static bool Mismatch(ParsedFile a, ParsedFile b) =>
        !a.Topics.SequenceEqual(b.Topics) || !a.Audiences.SequenceEqual(b.Audiences) || a.Kind != b.Kind;

    /// <summary>
    /// The point with its pseudo-locale text: the English (else its own) text accented and bracketed like a catalog string. Pack text is
    /// content, not UI, but showing it this way under <c>qps-ploc</c> lets the pseudo-locale test tell it from hard-coded UI text around it.
    /// </summary>
    private static TalkingPoint WithPseudo(TalkingPoint point)
    {
        if (point.IsCustom || point.Texts.ContainsKey(LanguageCatalogs.Pseudo))
        {
            return point;
        }

        var source = point.In(LanguageCatalogs.English).Text;
        var texts = new Dictionary<string, PointText>(point.Texts, StringComparer.Ordinal)
        {
            [LanguageCatalogs.Pseudo] = new PointText(
                PseudoText(source.Title), PseudoText(source.Summary), source.Details is null ? null : PseudoText(source.Details),
                source.Objection is null ? null : PseudoText(source.Objection), PseudoText(source.Source)),
        };
        return point with { Texts = texts };
    }

    /// <summary>Text as the pseudo-locale shows a catalog string (braces, which a catalog text cannot hold, become parentheses).</summary>
    private static string PseudoText(string text) =>
        MessageTemplate.Parse(text.Replace('{', '(').Replace('}', ')')).Pseudo()
            .Format(new Dictionary<string, object?>(), CultureInfo.InvariantCulture, LanguageCatalogs.Pseudo);

    private sealed record ParsedFile(string Id, string Language, PointKind Kind, IReadOnlyList<string> Topics, IReadOnlyList<Audience> Audiences, DateOnly Reviewed, PointText Text);

    private static ParsedFile ParseFile(string path, string folder, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var (header, end) = ReadHeader(path, lines);
        var id = header.Required("id");
        if (!IdRule().IsMatch(id) || id.Length > 48)
        {
            throw Problem(path, $"id \"{id}\" must be 1–48 lowercase letters, digits and hyphens.");
        }

        var fileName = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        if (fileName != id)
        {
            throw Problem(path, $"the file must be named {id}.md after its id.");
        }

        var language = ReadLanguage(header, folder);
        var kind = header.Required("kind") switch
        {
            "point" => PointKind.Point,
            "rebuttal" => PointKind.Rebuttal,
            var other => throw Problem(path, $"kind \"{other}\" must be point or rebuttal."),
        };
        var objection = header.Values.GetValueOrDefault("objection");
        if (kind == PointKind.Rebuttal && string.IsNullOrWhiteSpace(objection))
        {
            throw Problem(path, "a rebuttal needs an \"objection\" line.");
        }

        var (topics, audiences) = ReadTopicsAndAudiences(header);
        if (!DateOnly.TryParseExact(header.Required("reviewed"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reviewed))
        {
            throw Problem(path, "reviewed must be a date like 2026-11-24.");
        }

        var title = header.Required("title");
        if (title.Length > MaxTitle)
        {
            throw Problem(path, $"the title has {title.Length} characters; keep it to {MaxTitle}.");
        }

        var (summary, details) = ReadBody(path, lines[(end + 1)..]);
        return new ParsedFile(id, language, kind, topics, audiences, reviewed, new PointText(title, summary, details, objection, header.Required("source")));
    }

    /// <summary>A file's front-matter header, read as "key: value" lines.</summary>
    private sealed record Header(string Path, Dictionary<string, string> Values)
    {
        public string Required(string key) => Values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw Problem(Path, $"the header needs \"{key}\".");
    }

    /// <summary>The header between the first two lines of ---, and the index of the closing one.</summary>
    private static (Header Header, int End) ReadHeader(string path, string[] lines)
    {
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            throw Problem(path, "must start with a front-matter header between two lines of ---.");
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw Problem(path, "the front-matter header is not closed with a line of ---.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < end; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Problem(path, $"line {i + 1} is not \"key: value\".");
            }

            var key = lines[i][..colon].Trim();
            if (!values.TryAdd(key, lines[i][(colon + 1)..].Trim()))
            {
                throw Problem(path, $"\"{key}\" appears twice in the header.");
            }
        }

        var unknown = values.Keys.FirstOrDefault(k => k is not ("id" or "title" or "kind" or "objection" or "topics" or "audiences" or "lang" or "source" or "reviewed"));
        return unknown is null ? (new Header(path, values), end) : throw Problem(path, $"unknown header key \"{unknown}\".");
    }

    private static string ReadLanguage(Header header, string folder)
    {
        var language = header.Required("lang");
        if (!LanguageCatalogs.IsLanguageCode(language) || language == LanguageCatalogs.Pseudo)
        {
            throw Problem(header.Path, $"lang \"{language}\" must be a language code like en, es or ht.");
        }

        return string.Equals(folder, language, StringComparison.OrdinalIgnoreCase)
            ? folder.ToLowerInvariant()
            : throw Problem(header.Path, $"lang {language} does not match its folder {folder}/.");
    }

    private static (List<string> Topics, List<Audience> Audiences) ReadTopicsAndAudiences(Header header)
    {
        var topics = ParseList(header.Path, header.Required("topics"), "topics");
        if (topics.Any(t => !IdRule().IsMatch(t)))
        {
            throw Problem(header.Path, "topics must be lowercase words joined by hyphens.");
        }

        var audiences = ParseList(header.Path, header.Required("audiences"), "audiences").Select(a => Enum.TryParse<Audience>(a, ignoreCase: true, out var audience)
            ? audience
            : throw Problem(header.Path, $"audience \"{a}\" is not one of council, media, faith, business, police, neighbors.")).ToList();
        return (topics, audiences);
    }

    /// <summary>The short text and the longer explanation after <see cref="MoreMarker"/> (null when there is none), within their limits.</summary>
    private static (string Summary, string? Details) ReadBody(string path, string[] lines)
    {
        var body = string.Join('\n', lines).Trim();
        var split = body.IndexOf(MoreMarker, StringComparison.Ordinal);
        var summary = (split < 0 ? body : body[..split]).Trim();
        var details = split < 0 ? null : body[(split + MoreMarker.Length)..].Trim();
        if (summary.Length == 0)
        {
            throw Problem(path, "the short text is empty.");
        }

        if (summary.Length > MaxSummary)
        {
            throw Problem(path, $"the short text has {summary.Length} characters; keep it to {MaxSummary} (2–4 short sentences).");
        }

        if (details?.Length > MaxDetails)
        {
            throw Problem(path, $"the longer explanation has {details.Length} characters; keep it to {MaxDetails}.");
        }

        return (summary, string.IsNullOrEmpty(details) ? null : details);
    }

    private static List<string> ParseList(string path, string value, string key)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            throw Problem(path, $"{key} must be a list like [a, b].");
        }

        var items = value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count > 0 ? items : throw Problem(path, $"{key} is empty.");
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static PluginConfigurationException Problem(string path, string problem) => new($"talking points: {path}: {problem}");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdRule();
}
