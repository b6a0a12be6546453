using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>A message in English and Spanish; commands pick one with <c>Context.Say</c>, the command line uses English.</summary>
internal readonly record struct Bi(string En, string Es)
{
    public string In(CommandContext context) => context.Say(En, Es);
}

/// <summary>A field value read from text, or what was wrong with the text.</summary>
internal readonly record struct FieldValue(object? Value, Bi? Error)
{
    public static FieldValue Ok(object? value) => new(value, null);

    public static FieldValue Bad(string en, string es) => new(null, new Bi(en, es));
}

/// <summary>One editable field of a stakeholder: its name in chat and CSV, how it reads text, and how it shows the value.</summary>
internal sealed class StakeholderField
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required Bi Label { get; init; }

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
