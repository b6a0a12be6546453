using System.Reflection;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Commands;

/// <summary>Every command and button of the loaded plugins, validated once at start-up.</summary>
public sealed partial class CommandCatalog
{
    private readonly Dictionary<string, CommandDescriptor> _byPath;
    private readonly Dictionary<string, ButtonDescriptor> _buttons;

    public CommandCatalog(IEnumerable<CommandDescriptor> commands, IEnumerable<ButtonDescriptor> buttons)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(buttons);
        _byPath = new Dictionary<string, CommandDescriptor>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (_byPath.TryGetValue(command.Path, out var existing))
            {
                throw new CatalogException(command.PluginName,
                    $"command /{command.Path} is declared twice (plugins \"{existing.PluginName}\" and \"{command.PluginName}\").");
            }

            _byPath.Add(command.Path, command);
        }

        _buttons = new Dictionary<string, ButtonDescriptor>(StringComparer.Ordinal);
        foreach (var button in buttons)
        {
            if (_buttons.TryGetValue(button.ActionId, out var existing))
            {
                throw new CatalogException(button.PluginName,
                    $"button action \"{button.ActionId}\" is declared twice (plugins \"{existing.PluginName}\" and \"{button.PluginName}\").");
            }

            _buttons.Add(button.ActionId, button);
        }

        foreach (var command in _byPath.Values)
        {
            if (command.Words.Count > 1 && command.Words[^1] == DefaultSubcommand
                && _byPath.TryGetValue(string.Join(' ', command.Words.SkipLast(1)), out var parent))
            {
                throw new CatalogException(command.PluginName,
                    $"command /{command.Path} is taken: \"{DefaultSubcommand}\" names the default subcommand of /{parent.Path}.");
            }
        }
    }

    /// <summary>The subcommand name under which a command that also has subcommands is registered on platforms that
    /// cannot run such a command bare (Discord): <c>/tp</c> beside <c>/tp rebut</c> becomes <c>/tp run</c>.</summary>
    /// <remarks>Typed text accepts it too (<c>/tp run council</c> is <c>/tp council</c>), but nobody needs to type it.</remarks>
    public const string DefaultSubcommand = "run";

    /// <summary>True when other commands extend this one's path (<c>/tp</c> has <c>/tp rebut</c>).</summary>
    public bool HasSubcommands(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var prefix = command.Path + " ";
        return _byPath.Keys.Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The words a platform that cannot run a command with subcommands bare registers it under:
    /// the command's own words, plus <see cref="DefaultSubcommand"/> when it has subcommands.</summary>
    public IReadOnlyList<string> NestedWords(CommandDescriptor command) =>
        HasSubcommands(command) ? [.. command.Words, DefaultSubcommand] : command.Words;

    /// <summary>All commands, sorted by path.</summary>
    public IReadOnlyList<CommandDescriptor> Commands => _byPath.Values.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();

    /// <summary>The command with this exact path, if any.</summary>
    /// <remarks>A path ending in <see cref="DefaultSubcommand"/> finds the command it is the default of.</remarks>
    public CommandDescriptor? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Lookup(string.Join(' ', path.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant());
    }

    private CommandDescriptor? Lookup(string path)
    {
        if (_byPath.TryGetValue(path, out var command))
        {
            return command;
        }

        var suffix = " " + DefaultSubcommand;
        return path.EndsWith(suffix, StringComparison.Ordinal)
            && _byPath.TryGetValue(path[..^suffix.Length], out var parent) && HasSubcommands(parent)
            ? parent
            : null;
    }

    /// <summary>The button handler for an action id, if any.</summary>
    public ButtonDescriptor? FindButton(string actionId) => _buttons.GetValueOrDefault(actionId);

    /// <summary>The longest command path formed by the first words (up to three); returns how many words it used.</summary>
    public (CommandDescriptor? Command, int WordsUsed) Resolve(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (var n = Math.Min(3, words.Count); n >= 1; n--)
        {
            var path = string.Join(' ', words.Take(n)).ToLowerInvariant();
            if (Lookup(path) is { } command)
            {
                return (command, n);
            }
        }

        return (null, 0);
    }

    /// <summary>The subcommands under a word, for "`/task` needs a subcommand" hints.</summary>
    public IReadOnlyList<CommandDescriptor> Children(string prefix) =>
        Commands.Where(c => c.Path.StartsWith(prefix + " ", StringComparison.Ordinal)).ToList();

    /// <summary>Reads the commands and buttons declared on a plugin's module types, checking names, options and limits.</summary>
    public static (IReadOnlyList<CommandDescriptor> Commands, IReadOnlyList<ButtonDescriptor> Buttons) Describe(string pluginName, IEnumerable<Type> moduleTypes)
    {
        ArgumentNullException.ThrowIfNull(moduleTypes);
        var commands = new List<CommandDescriptor>();
        var buttons = new List<ButtonDescriptor>();
        foreach (var type in moduleTypes)
        {
            if (!typeof(CommandModule).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new CatalogException(pluginName, $"{type.Name} is not a concrete CommandModule.");
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<CommandAttribute>() is { } command)
                {
                    commands.Add(DescribeCommand(pluginName, type, method, command));
                }
                else if (method.GetCustomAttribute<ButtonAttribute>() is { } button)
                {
                    CheckReturnType(pluginName, method);
                    if (button.ActionId.Length is 0 or > 64 || button.ActionId.Contains('|', StringComparison.Ordinal))
                    {
                        throw new CatalogException(pluginName, $"button action \"{button.ActionId}\" must be 1–64 characters without '|'.");
                    }

                    buttons.Add(new ButtonDescriptor
                    {
                        ActionId = button.ActionId, Role = button.Role, PluginName = pluginName, ModuleType = type, Method = method,
                    });
                }
            }
        }

        return (commands, buttons);
    }

    private static CommandDescriptor DescribeCommand(string plugin, Type module, MethodInfo method, CommandAttribute attribute)
    {
        var words = attribute.Path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var where = $"command /{attribute.Path}";
        if (words.Length is 0 or > 3 || words.Any(w => !NameRule().IsMatch(w) || !IsLowercase(w)))
        {
            throw new CatalogException(plugin, $"{where}: each word must be 1–32 lowercase letters, digits, '-' or '_', and at most three words.");
        }

        CheckDescription(plugin, where, attribute.Description);
        CheckReturnType(plugin, method);

        var options = new List<OptionDescriptor>();
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                continue;
            }

            var option = parameter.GetCustomAttribute<OptionAttribute>()
                ?? throw new CatalogException(plugin, $"{where}: parameter '{parameter.Name}' needs an [Option] attribute.");
            options.Add(DescribeOption(plugin, where, parameter, option, nullability));
        }

        if (options.Count > 25)
        {
            throw new CatalogException(plugin, $"{where}: at most 25 options (has {options.Count}).");
        }

        var duplicate = options.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CatalogException(plugin, $"{where}: option '{duplicate.Key}' is declared twice.");
        }

        // Words typed in order fill options up to the one that takes the remaining words; later options are given by name.
        if (options.Count(o => o.Remainder) > 1)
        {
            throw new CatalogException(plugin, $"{where}: only one option can take the remaining words.");
        }

        var total = attribute.Path.Length + attribute.Description.Length
            + options.Sum(o => o.Name.Length + o.Description.Length + o.Choices.Sum(c => c.Name.Length * 2));
        if (total > 4000)
        {
            throw new CatalogException(plugin, $"{where}: names, descriptions and choices add up to {total} characters; keep them under 4000 so every platform takes the command.");
        }

        return new CommandDescriptor
        {
            Words = words,
            Description = attribute.Description,
            Role = attribute.Role,
            Options = options,
            PluginName = plugin,
            ModuleType = module,
            Method = method,
        };
    }

    private static OptionDescriptor DescribeOption(string plugin, string where, ParameterInfo parameter, OptionAttribute attribute, NullabilityInfoContext nullability)
    {
        var name = attribute.Name ?? KebabCase(parameter.Name!);
        var at = $"{where}, option '{name}'";
        if (!NameRule().IsMatch(name) || !IsLowercase(name))
        {
            throw new CatalogException(plugin, $"{at}: the name must be 1–32 lowercase letters, digits, '-' or '_'.");
        }

        CheckDescription(plugin, at, attribute.Description);
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var isNullable = Nullable.GetUnderlyingType(parameter.ParameterType) is not null
            || (!parameter.ParameterType.IsValueType && nullability.Create(parameter).WriteState == NullabilityState.Nullable);
        var required = !isNullable && !parameter.HasDefaultValue;

        var (kind, choices) = KindAndChoices(plugin, at, type, attribute);
        CheckOptionRules(plugin, at, attribute, kind, choices);
        var (min, max) = ValueBounds(type, attribute);

        return new OptionDescriptor
        {
            Name = name,
            Description = attribute.Description,
            Kind = kind,
            Required = required,
            Remainder = attribute.Remainder,
            MaxLength = attribute.MaxLength,
            MinLength = attribute.MinLength,
            MinValue = min,
            MaxValue = max,
            Choices = choices,
            AutocompleteProvider = attribute.Autocomplete,
            Parameter = parameter,
        };
    }

    private static (OptionKind Kind, List<OptionChoice> Choices) KindAndChoices(string plugin, string at, Type type, OptionAttribute attribute)
    {
        var choices = new List<OptionChoice>();
        OptionKind kind;
        if (type.IsEnum)
        {
            kind = OptionKind.Choice;
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var choice = field.GetCustomAttribute<ChoiceAttribute>();
                choices.Add(new OptionChoice(choice?.Name ?? KebabCase(field.Name), field.GetValue(null)!, choice?.Aliases ?? []));
            }
        }
        else if (type == typeof(string) && attribute.Choices is { Length: > 0 })
        {
            kind = OptionKind.Choice;
            choices.AddRange(attribute.Choices.Select(c => new OptionChoice(c, c, [])));
        }
        else
        {
            kind = KindOf(type) ?? throw new CatalogException(plugin, $"{at}: parameter type {type.Name} is not an option type (string, int, long, double, bool, UserRef, IReadOnlyList<UserRef>, ChannelRef, RoleRef, DateTimeOffset, TimeSpan or an enum).");
        }

        return (kind, choices);
    }

    private static void CheckOptionRules(string plugin, string at, OptionAttribute attribute, OptionKind kind, List<OptionChoice> choices)
    {
        if (choices.Count > 25)
        {
            throw new CatalogException(plugin, $"{at}: at most 25 choices (has {choices.Count}).");
        }

        if (choices.Any(c => c.Name.Length is 0 or > 100))
        {
            throw new CatalogException(plugin, $"{at}: choice names must be 1–100 characters.");
        }

        if (attribute.Remainder && kind != OptionKind.String)
        {
            throw new CatalogException(plugin, $"{at}: only a string option can take the remaining words.");
        }

        if (attribute.Autocomplete is { } provider && (!typeof(IAutocompleteProvider).IsAssignableFrom(provider) || choices.Count > 0))
        {
            throw new CatalogException(plugin, $"{at}: autocomplete needs an IAutocompleteProvider type and no fixed choices.");
        }

        if (attribute.MaxLength is < 0 or > 6000)
        {
            throw new CatalogException(plugin, $"{at}: MaxLength must be between 1 and 6000.");
        }
    }

    private static (double? Min, double? Max) ValueBounds(Type type, OptionAttribute attribute)
    {
        double? min = double.IsNaN(attribute.MinValue) ? null : attribute.MinValue;
        double? max = double.IsNaN(attribute.MaxValue) ? null : attribute.MaxValue;
        if (type == typeof(int))
        {
            min ??= int.MinValue;
            max ??= int.MaxValue;
        }

        return (min, max);
    }

    private static OptionKind? KindOf(Type type) =>
        type == typeof(string) ? OptionKind.String
        : type == typeof(int) || type == typeof(long) ? OptionKind.Integer
        : type == typeof(double) ? OptionKind.Number
        : type == typeof(bool) ? OptionKind.Boolean
        : type == typeof(UserRef) ? OptionKind.User
        : type == typeof(ChannelRef) ? OptionKind.Channel
        : type == typeof(RoleRef) ? OptionKind.Role
        : type == typeof(DateTimeOffset) ? OptionKind.DateTime
        : type == typeof(TimeSpan) ? OptionKind.Duration
        : type == typeof(IReadOnlyList<UserRef>) ? OptionKind.Users
        : null;

    private static void CheckDescription(string plugin, string where, string description)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > 100)
        {
            throw new CatalogException(plugin, $"{where}: the description must be 1–100 characters (has {description?.Length ?? 0}).");
        }
    }

    private static void CheckReturnType(string plugin, MethodInfo method)
    {
        var ok = method.ReturnType == typeof(Task<CommandResult>) || method.ReturnType == typeof(CommandResult)
            || method.ReturnType == typeof(ValueTask<CommandResult>);
        if (!ok)
        {
            throw new CatalogException(plugin, $"{method.DeclaringType?.Name}.{method.Name} must return CommandResult, Task<CommandResult> or ValueTask<CommandResult>.");
        }
    }

    private static bool IsLowercase(string word) => string.Equals(word, word.ToLowerInvariant(), StringComparison.Ordinal);

    internal static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex NameRule();
}

/// <summary>A plugin declares commands that cannot work; start-up stops with this message.</summary>
public sealed class CatalogException(string pluginName, string problem)
    : Exception($"plugin \"{pluginName}\": {problem}")
{
    public string PluginName { get; } = pluginName;
}
