using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Localization;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>A text to show later, as a catalog key and its placeholders: chat shows it in the caller's language, the CSV import in English.</summary>
internal readonly record struct Message(string Key, object? Arguments = null)
{
    public string In(CommandContext context) => context.T(Key, Arguments);

    public string In(IStringLocalizer strings) => Arguments is null ? strings[Key].Value : strings[Key, Arguments].Value;
}

/// <summary>A field value read from text, or what was wrong with the text.</summary>
internal readonly record struct FieldValue(object? Value, Message? Error)
{
    public static FieldValue Ok(object? value) => new(value, null);

    public static FieldValue Bad(string key, object? arguments = null) => new(null, new Message(key, arguments));
}

/// <summary>One editable field of a stakeholder: its name in chat and CSV, how it reads text, and how it shows the value.</summary>
internal sealed class StakeholderField
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The field's name as people read it (card, history): <c>stakeholders.field.&lt;name&gt;</c>.</summary>
    public Message Label => new($"stakeholders.field.{Name}");

    /// <summary>False for fields only the CSV import sets (last contact, last assessment).</summary>
    public bool InChat { get; init; } = true;

    /// <summary>The value as canonical text (CSV cell, history entry); null when empty.</summary>
    public required Func<Stakeholder, string?> Get { get; init; }

    public required Func<string, FieldValue> Parse { get; init; }

    public required Action<Stakeholder, object?> Set { get; init; }

    public bool Matches(string name)
    {
        var key = FieldKey(name);
        return FieldKey(Name) == key || Aliases.Any(a => FieldKey(a) == key);
    }

    internal static string FieldKey(string name) => StakeholderNames.Key(name).Replace(" ", string.Empty, StringComparison.Ordinal);
}
