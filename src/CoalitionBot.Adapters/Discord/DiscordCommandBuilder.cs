using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Translates Core's command catalog into Discord application commands, checking Discord's limits.</summary>
/// <remarks>
/// Words become command → subcommand group → subcommand. A command that also has subcommands (<c>/tp</c> beside
/// <c>/tp rebut</c>) is registered as the default subcommand <c>/tp run</c> (<see cref="CommandCatalog.DefaultSubcommand"/>),
/// because Discord cannot run a command with subcommands bare.
/// </remarks>
public static partial class DiscordCommandBuilder
{
    public const int MaxCommands = 100;
    public const int MaxOptions = 25;
    public const int MaxChoices = 25;
    public const int MaxCommandChars = 8000;
    public const int MaxDescription = 100;

    /// <summary>The locales Discord localizes commands in (its <c>Locale</c> list), exactly as Discord spells them.</summary>
    public static readonly IReadOnlyList<string> DiscordLocales =
    [
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl",
        "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    ];

    // Loaded language codes that stand for a Discord locale other than by their first part (es → es-419 is by first part).
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh-CN"] = ["zh-Hans", "zh"],
        ["zh-TW"] = ["zh-Hant"],
        ["no"] = ["nb", "nn"],
    };

    /// <summary>The bulk-overwrite body for the catalog, with the descriptions in the command texts' own languages (English and Spanish).</summary>
    /// <exception cref="CatalogException">A command breaks one of Discord's limits; the message names the plugin and the command.</exception>
    public static JsonArray Build(CommandCatalog catalog) =>
        Build(catalog, LanguageCatalogs.Load([typeof(LanguageCatalogs).Assembly], null, [], catalog), _ => { });

    /// <summary>
    /// The bulk-overwrite body for the catalog: descriptions in English, with <c>description_localizations</c> for every loaded
    /// language that Discord has a locale for (<c>es</c> → <c>es-ES</c> and <c>es-419</c>; a language Discord lacks, like
    /// <c>ht</c>, is left out). A translation that breaks Discord's limits is left out for its locales and reported to
    /// <paramref name="warn"/>: Discord then shows the English one there, and registration goes on.
    /// </summary>
    /// <remarks>
    /// Names are not localized: a command is typed the same way on Discord, Slack and the console, and in every language,
    /// so the help, the README and people's habits stay true everywhere.
    /// </remarks>
    /// <exception cref="CatalogException">A command breaks one of Discord's limits in English; the message names the plugin and the command.</exception>
    public static JsonArray Build(CommandCatalog catalog, LanguageCatalogs languages, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(warn);
        var texts = new Texts(languages, LocaleLanguages(languages.Languages), warn);
        var roots = Tree(catalog);
        if (roots.Count > MaxCommands)
        {
            throw new CatalogException(roots.Values.Last().FirstCommand().PluginName, $"Discord takes at most {MaxCommands} commands; the plugins declare {roots.Count}.");
        }

        var result = new JsonArray();
        foreach (var root in roots.Values)
        {
            result.Add(TopLevel(root, texts));
        }

        return result;
    }

    /// <summary>The catalog's commands as a tree of words (command → subcommand group → subcommand), by first word.</summary>
    private static SortedDictionary<string, Node> Tree(CommandCatalog catalog)
    {
        var roots = new SortedDictionary<string, Node>(StringComparer.Ordinal);
        foreach (var command in catalog.Commands)
        {
            var words = catalog.NestedWords(command);
            if (words.Count > 3)
            {
                throw Fail(command, "Discord allows at most three words including the default subcommand.");
            }

            if (!roots.TryGetValue(words[0], out var node))
            {
                node = new Node(words[0], words[0]);
                roots.Add(words[0], node);
            }

            for (var i = 1; i < words.Count; i++)
            {
                if (!node.Children.TryGetValue(words[i], out var child))
                {
                    child = new Node(words[i], node.Path + " " + words[i]);
                    node.Children.Add(words[i], child);
                }

                node = child;
            }

            node.Command = command;
            if (words.Count == 1 || words[^1] == CommandCatalog.DefaultSubcommand)
            {
                // The path's own command describes the node that carries its name.
                var owner = words.Count == 1 ? node : Walk(roots, words.SkipLast(1));
                owner.Describer = command;
            }
        }

        return roots;
    }

    /// <summary>One application command, within Discord's character limit per command.</summary>
    private static JsonObject TopLevel(Node root, Texts texts)
    {
        var json = Describe(root, nested: false, texts);
        json["type"] = (int)ApplicationCommandType.ChatInput;
        json["contexts"] = new JsonArray(0);
        json["integration_types"] = new JsonArray(0);
        if (root.AllCommands().All(c => c.Role == Role.Admin))
        {
            // Hidden from members without Manage Server (who would be refused anyway); admins can change it per server.
            json["default_member_permissions"] = "32";
        }

        var size = CountChars(json);
        if (size > MaxCommandChars)
        {
            throw Fail(root.FirstCommand(), $"Discord takes at most {MaxCommandChars} characters of names, descriptions and choices per command; /{root.Name} has {size}.");
        }

        return json;
    }

    private static Node Walk(SortedDictionary<string, Node> roots, IEnumerable<string> words)
    {
        Node? node = null;
        foreach (var word in words)
        {
            node = node is null ? roots[word] : node.Children[word];
        }

        return node!;
    }

    // A nested node is a subcommand, or a subcommand group when it has children; a top-level one is the command itself.
    private static JsonObject Describe(Node node, bool nested, Texts texts)
    {
        var describer = node.Describer ?? node.Command;
        var sample = node.FirstCommand();
        CheckName(sample, node.Name);
        var json = new JsonObject { ["name"] = node.Name };
        if (nested)
        {
            json["type"] = (int)(node.Children.Count > 0 ? ApplicationCommandOptionType.SubCommandGroup : ApplicationCommandOptionType.SubCommand);
        }

        if (describer is null)
        {
            // A group with no command of its own (/tp admin): described from Core's catalog.
            AddDescription(json, sample, texts, "core.adapter.command-group", new { command = new TrustedMarkup(node.Path) });
        }
        else
        {
            AddDescription(json, sample, texts, CommandTexts.Key(describer), null, fallback: describer.Description);
        }

        var options = new JsonArray();
        if (node.Children.Count > 0)
        {
            if (node.Children.Count > MaxOptions)
            {
                throw Fail(sample, $"Discord takes at most {MaxOptions} subcommands under /{node.Name} (has {node.Children.Count}).");
            }

            foreach (var child in node.Children.Values)
            {
                options.Add(Describe(child, nested: true, texts));
            }
        }
        else if (node.Command is { } command)
        {
            if (command.Options.Count > MaxOptions)
            {
                throw Fail(command, $"Discord takes at most {MaxOptions} options (has {command.Options.Count}).");
            }

            foreach (var option in command.Options.OrderBy(o => o.Required ? 0 : 1))
            {
                options.Add(Option(command, option, texts));
            }
        }

        if (options.Count > 0)
        {
            json["options"] = options;
        }

        return json;
    }

    private static JsonObject Option(CommandDescriptor command, OptionDescriptor option, Texts texts)
    {
        CheckName(command, option.Name);
        var json = new JsonObject
        {
            ["type"] = (int)OptionType(option.Kind),
            ["name"] = option.Name,
        };
        AddDescription(json, command, texts, CommandTexts.Key(command, option), null, option.Name, option.Description);
        json["required"] = option.Required;
        if (option.Kind == OptionKind.Choice)
        {
            json["choices"] = Choices(command, option);
        }

        AddBounds(json, option);
        if (option.AutocompleteProvider is not null)
        {
            if (option.Kind is not (OptionKind.String or OptionKind.Integer or OptionKind.Number or OptionKind.DateTime or OptionKind.Duration))
            {
                throw Fail(command, $"option '{option.Name}': Discord offers autocomplete only for text and numbers.");
            }

            json["autocomplete"] = true;
        }

        return json;
    }

    private static ApplicationCommandOptionType OptionType(OptionKind kind) => kind switch
    {
        OptionKind.Integer => ApplicationCommandOptionType.Integer,
        OptionKind.Boolean => ApplicationCommandOptionType.Boolean,
        OptionKind.User => ApplicationCommandOptionType.User,
        OptionKind.Channel => ApplicationCommandOptionType.Channel,
        OptionKind.Role => ApplicationCommandOptionType.Role,
        OptionKind.Number => ApplicationCommandOptionType.Number,
        _ => ApplicationCommandOptionType.String, // string, choice, and dates and durations typed as text that Core parses
    };

    private static JsonArray Choices(CommandDescriptor command, OptionDescriptor option)
    {
        if (option.Choices.Count > MaxChoices)
        {
            throw Fail(command, $"option '{option.Name}': Discord takes at most {MaxChoices} choices (has {option.Choices.Count}).");
        }

        var choices = new JsonArray();
        foreach (var choice in option.Choices)
        {
            if (choice.Name.Length is 0 or > 100)
            {
                throw Fail(command, $"option '{option.Name}': choice \"{choice.Name}\" must be 1–100 characters.");
            }

            choices.Add(new JsonObject { ["name"] = choice.Name, ["value"] = choice.Name });
        }

        return choices;
    }

    /// <summary>The length limits of a text option and the value limits of a number option (those Discord can hold exactly).</summary>
    private static void AddBounds(JsonObject json, OptionDescriptor option)
    {
        if (option.Kind is OptionKind.String)
        {
            if (option.MinLength > 0)
            {
                json["min_length"] = Math.Min(option.MinLength, 6000);
            }

            if (option.MaxLength > 0)
            {
                json["max_length"] = option.MaxLength;
            }
        }

        if (option.Kind is OptionKind.Integer or OptionKind.Number)
        {
            const double safe = 9007199254740991;
            if (option.MinValue is { } min && min > -safe)
            {
                json["min_value"] = option.Kind == OptionKind.Integer ? (JsonNode)(long)Math.Ceiling(min) : min;
            }

            if (option.MaxValue is { } max && max < safe)
            {
                json["max_value"] = option.Kind == OptionKind.Integer ? (JsonNode)(long)Math.Floor(max) : max;
            }
        }
    }

    /// <summary>Sets the English description (which must fit Discord's limits) and the translations that fit them.</summary>
    private static void AddDescription(JsonObject json, CommandDescriptor command, Texts texts, string key, object? arguments, string? option = null, string? fallback = null)
    {
        var where = option is null ? string.Empty : $"option '{option}': ";
        var description = texts.Languages.IsTranslated(LanguageCatalogs.English, key) ? texts.Text(LanguageCatalogs.English, key, arguments) : fallback;
        if (string.IsNullOrWhiteSpace(description) || description.Length > MaxDescription)
        {
            throw Fail(command, $"{where}Discord needs a description of 1–{MaxDescription} characters (has {description?.Length ?? 0}).");
        }

        json["description"] = description;
        var localized = new JsonObject();
        foreach (var group in texts.Locales.GroupBy(l => l.Language, StringComparer.OrdinalIgnoreCase))
        {
            var language = group.Key;
            if (!texts.Languages.IsTranslated(language, key))
            {
                continue; // Discord shows the English description in that language's locales.
            }

            var text = texts.Text(language, key, arguments);
            if (text.Length is 0 or > MaxDescription)
            {
                var locales = string.Join(", ", group.Select(l => l.Locale));
                texts.Warn(language, key, $"plugin \"{command.PluginName}\": command /{command.Path}: {where}the {language} description has {text.Length} characters; Discord takes 1–{MaxDescription}, so {locales} {(group.Count() == 1 ? "shows" : "show")} the English one. Shorten \"{key}\" in the {language} catalog.");
                continue;
            }

            foreach (var (locale, _) in group)
            {
                localized[locale] = text;
            }
        }

        if (localized.Count > 0)
        {
            json["description_localizations"] = localized;
        }
    }

    /// <summary>The loaded language each Discord locale shows (English locales aside): the same code, a known alias (zh-Hant for zh-TW), or the locale's first part (es for es-419).</summary>
    public static IReadOnlyList<(string Locale, string Language)> LocaleLanguages(IEnumerable<string> loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var languages = loaded.Where(l => !string.Equals(l, LanguageCatalogs.English, StringComparison.OrdinalIgnoreCase) && !string.Equals(l, LanguageCatalogs.Pseudo, StringComparison.OrdinalIgnoreCase)).ToList();
        var result = new List<(string, string)>();
        foreach (var locale in DiscordLocales.Where(l => !l.StartsWith("en", StringComparison.Ordinal)))
        {
            var primary = locale.Split('-')[0];
            var language = languages.FirstOrDefault(l => string.Equals(l, locale, StringComparison.OrdinalIgnoreCase))
                ?? languages.FirstOrDefault(l => Aliases.GetValueOrDefault(locale, []).Contains(l, StringComparer.OrdinalIgnoreCase))
                ?? (locale == "zh-TW" ? null : languages.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase)));
            if (language is not null)
            {
                result.Add((locale, language));
            }
        }

        return result;
    }

    /// <summary>The catalogs, the locales they fill, and where problems go (each translation's problem once).</summary>
    private sealed class Texts(LanguageCatalogs languages, IReadOnlyList<(string Locale, string Language)> locales, Action<string> warn)
    {
        private readonly HashSet<(string, string)> _warned = [];
        private readonly Dictionary<string, CatalogStringLocalizer> _strings = new(StringComparer.OrdinalIgnoreCase);

        public LanguageCatalogs Languages => languages;

        public IReadOnlyList<(string Locale, string Language)> Locales => locales;

        public string Text(string language, string key, object? arguments)
        {
            if (!_strings.TryGetValue(language, out var strings))
            {
                strings = languages.StringsFor(language);
                _strings[language] = strings;
            }

            return (arguments is null ? strings[key] : strings[key, arguments]).Value.Trim();
        }

        public void Warn(string language, string key, string problem)
        {
            if (_warned.Add((language, key)))
            {
                warn(problem);
            }
        }
    }

    private static void CheckName(CommandDescriptor command, string name)
    {
        if (!NameRule().IsMatch(name) || !string.Equals(name, name.ToLower(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw Fail(command, $"\"{name}\" is not a Discord name: 1–32 lowercase letters, digits, '-', '_' or '''.");
        }
    }

    // Names, descriptions (the longest localization), choice names and values, as Discord counts toward 8000.
    private static int CountChars(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var total = 0;
                foreach (var (key, value) in obj)
                {
                    if (key is "name" or "value" && value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        total += text.Length;
                    }
                    else if (key == "description" && value is JsonValue d)
                    {
                        var longest = d.GetValue<string>().Length;
                        if (obj["description_localizations"] is JsonObject localized)
                        {
                            longest = Math.Max(longest, localized.Max(p => p.Value!.GetValue<string>().Length));
                        }

                        total += longest;
                    }
                    else if (key is "options" or "choices")
                    {
                        total += CountChars(value);
                    }
                }

                return total;
            case JsonArray array:
                return array.Sum(CountChars);
            default:
                return 0;
        }
    }

    private static CatalogException Fail(CommandDescriptor command, string problem) =>
        new(command.PluginName, $"command /{command.Path}: {problem}");

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NameRule();

    private sealed class Node(string name, string path)
    {
        public string Name { get; } = name;

        public string Path { get; } = path;

        public CommandDescriptor? Command { get; set; }

        public CommandDescriptor? Describer { get; set; }

        public SortedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public IEnumerable<CommandDescriptor> AllCommands() =>
            (Command is null ? [] : new[] { Command }).Concat(Children.Values.SelectMany(c => c.AllCommands()));

        public CommandDescriptor FirstCommand() => AllCommands().First();
    }
}
