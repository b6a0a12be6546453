using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Commands;

/// <summary>Marks a module method as the handler of a slash command; the path may have up to three words (<c>"task assign"</c>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CommandAttribute(string path, string description) : Attribute
{
    public string Path { get; } = path;

    public string Description { get; } = description;

    /// <summary>The least role that may run the command. Default: <see cref="Role.Member"/>.</summary>
    public Role Role { get; set; } = Role.Member;
}

/// <summary>Describes a handler parameter that users fill in; the parameter's type decides the option kind.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class OptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The option's name as users type it (<c>due:friday</c>). Default: the parameter name in kebab case.</summary>
    public string? Name { get; set; }

    /// <summary>For a string option: it takes all remaining words, so quotes are not needed; options declared after it are given by name only. Default: false.</summary>
    public bool Remainder { get; set; }

    /// <summary>Maximum length of a string value. Default: 0, no limit beyond the platform's.</summary>
    public int MaxLength { get; set; }

    /// <summary>Minimum length of a string value. Default: 0.</summary>
    public int MinLength { get; set; }

    /// <summary>Smallest allowed integer or number. Default: no limit.</summary>
    public double MinValue { get; set; } = double.NaN;

    /// <summary>Largest allowed integer or number. Default: no limit.</summary>
    public double MaxValue { get; set; } = double.NaN;

    /// <summary>Fixed choices for a string option (an enum parameter gets its choices from the enum). Default: none.</summary>
    public string[]? Choices { get; set; }

    /// <summary>A type implementing <see cref="IAutocompleteProvider"/> that suggests values while the user types. Default: none.</summary>
    public Type? Autocomplete { get; set; }
}

/// <summary>Gives an enum member the name users type and see as a choice (<c>[Choice("active-ally")]</c>); extra aliases are accepted too.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class ChoiceAttribute(string name, params string[] aliases) : Attribute
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Aliases { get; } = aliases;
}

/// <summary>Marks a module method as the handler of a button; the method takes the button's value as a string parameter.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ButtonAttribute(string actionId) : Attribute
{
    /// <summary>The action id, unique across plugins; prefix it with the plugin name (<c>"tp.share"</c>).</summary>
    public string ActionId { get; } = actionId;

    /// <summary>The least role that may press the button. Default: <see cref="Role.Member"/>.</summary>
    public Role Role { get; set; } = Role.Member;
}

/// <summary>Suggests values for an option while the user types it (Discord autocomplete).</summary>
public interface IAutocompleteProvider
{
    /// <summary>Returns up to 25 suggestions for the partial input.</summary>
    Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(CommandContext context, string partial, CancellationToken cancellationToken);
}

/// <summary>One autocomplete suggestion: what the user sees and the value that is filled in.</summary>
public sealed record AutocompleteChoice(string Name, string Value);
