using System.Reflection;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Commands;

/// <summary>The kind of value an option takes; adapters map it to their platform's option types.</summary>
public enum OptionKind
{
    String,
    Integer,
    Number,
    Boolean,
    User,
    Channel,
    Role,
    DateTime,
    Duration,
    Choice,

    /// <summary>One or more people (<c>IReadOnlyList&lt;UserRef&gt;</c>): consecutive mentions in typed text; platforms without a
    /// multi-user option type take them as text (Discord delivers mentions typed into a string option as <c>&lt;@id&gt;</c>).</summary>
    Users,
}

/// <summary>One option of a command, as declared by a handler parameter.</summary>
public sealed record OptionDescriptor
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required OptionKind Kind { get; init; }

    public required bool Required { get; init; }

    public bool Remainder { get; init; }

    public int MaxLength { get; init; }

    public int MinLength { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    /// <summary>The allowed values for <see cref="OptionKind.Choice"/>, in the order shown.</summary>
    public IReadOnlyList<OptionChoice> Choices { get; init; } = [];

    public Type? AutocompleteProvider { get; init; }

    /// <summary>The handler parameter this option binds to.</summary>
    public required ParameterInfo Parameter { get; init; }

    /// <summary>How the option appears in usage lines: <c>&lt;title&gt;</c>, <c>[due:…]</c>.</summary>
    public string Usage => (Required, Remainder) switch
    {
        (true, true) => $"<{Name}…>",
        (true, false) => $"<{Name}>",
        (false, true) => $"[{Name}…]",
        _ => $"[{Name}:…]",
    };
}

/// <summary>One allowed value of a choice option: its canonical name and the spellings also accepted.</summary>
public sealed record OptionChoice(string Name, object Value, IReadOnlyList<string> Aliases);

/// <summary>A slash command declared by a plugin's module method.</summary>
public sealed record CommandDescriptor
{
    /// <summary>The command words, lowercase (<c>["task", "assign"]</c>).</summary>
    public required IReadOnlyList<string> Words { get; init; }

    public string Path => string.Join(' ', Words);

    public required string Description { get; init; }

    public required Role Role { get; init; }

    public required IReadOnlyList<OptionDescriptor> Options { get; init; }

    public required string PluginName { get; init; }

    public required Type ModuleType { get; init; }

    public required MethodInfo Method { get; init; }

    /// <summary>The one-line usage shown in help and errors: <c>/task assign &lt;assignee&gt; &lt;title&gt; [due:…]</c>.</summary>
    public string Usage =>
        Options.Count == 0 ? $"/{Path}" : $"/{Path} {string.Join(' ', Options.Select(o => o.Usage))}";
}

/// <summary>A button handler declared by a plugin's module method.</summary>
public sealed record ButtonDescriptor
{
    public required string ActionId { get; init; }

    public required Role Role { get; init; }

    public required string PluginName { get; init; }

    public required Type ModuleType { get; init; }

    public required MethodInfo Method { get; init; }
}
