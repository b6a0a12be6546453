using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>
/// Reads the <c>field:value</c> words of <c>/stakeholder add</c> and <c>/stakeholder update</c>. Plain words before the first
/// field belong to the name (so quotes are optional), and plain words after a field continue its value (<c>notes:met at the forum</c>).
/// </summary>
internal static class StakeholderDetails
{
    /// <summary>The fields people may set in chat, for help texts.</summary>
    public static string ChatFieldNames => string.Join(", ", StakeholderFields.All.Where(f => f.InChat).Select(f => f.Name));

    /// <summary>The name and the parsed changes, or the first error.</summary>
    public static Parsed Parse(string name, string? details)
    {
        var (nameWords, values, error) = Group(name, details);
        return error is { } failed ? Parsed.Fail(failed) : ParseValues(string.Join(' ', nameWords), values);
    }

    /// <summary>The changes stored with a pick list (field name → value as typed), read again; values that no longer read are left out.</summary>
    public static List<FieldChange> ReadChanges(IReadOnlyDictionary<string, string>? raw) =>
        (raw ?? new Dictionary<string, string>())
            .Select(p => (Field: StakeholderFields.Find(p.Key), Text: p.Value))
            .Where(p => p.Field is not null)
            .Select(p => (p.Field!, Value: p.Field!.Parse(p.Text)))
            .Where(p => p.Value.Error is null)
            .Select(p => new FieldChange(p.Item1, p.Value.Value))
            .ToList();

    /// <summary>Sorts the words into the name's and each field's.</summary>
    private static (List<string> NameWords, List<(StakeholderField Field, List<string> Words)> Values, Message? Error) Group(string name, string? details)
    {
        var nameWords = new List<string> { name };
        var values = new List<(StakeholderField Field, List<string> Words)>();
        foreach (var token in Tokenizer.Tokenize(details))
        {
            if (token.Name is { } fieldName)
            {
                var (field, error) = FieldNamed(fieldName, values);
                if (error is not null)
                {
                    return (nameWords, values, error);
                }

                if (field is not null)
                {
                    values.Add((field, [token.Value]));
                    continue;
                }
            }

            var word = token.Quoted ? token.Value : token.Raw;
            if (values.Count == 0)
            {
                nameWords.Add(word);
            }
            else
            {
                values[^1].Words.Add(word);
            }
        }

        return (nameWords, values, null);
    }

    /// <summary>
    /// The field a <c>name:</c> word starts; null when it names none after another field (the word then continues that value),
    /// or why it cannot be used: a forbidden or unknown field, one set by other commands, one given twice.
    /// </summary>
    private static (StakeholderField? Field, Message? Error) FieldNamed(string fieldName, List<(StakeholderField Field, List<string> Words)> values)
    {
        if (StakeholderFields.IsForbidden(fieldName))
        {
            return (null, StakeholderFields.ForbiddenMessage);
        }

        var field = StakeholderFields.Find(fieldName);
        if (field is null)
        {
            return values.Count == 0
                ? (null, new Message("stakeholders.error.unknown-field", new { field = fieldName, fields = ChatFieldNames }))
                : (null, null);
        }

        if (!field.InChat)
        {
            return (null, new Message("stakeholders.error.not-in-chat", new { field = field.Name }));
        }

        return values.Any(v => v.Field == field)
            ? (null, new Message("stakeholders.error.twice", new { field = field.Name }))
            : (field, null);
    }

    /// <summary>Parses each field's words into its value.</summary>
    private static Parsed ParseValues(string name, List<(StakeholderField Field, List<string> Words)> values)
    {
        var changes = new List<FieldChange>();
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, words) in values)
        {
            var text = string.Join(' ', words);
            var parsed = field.Parse(text);
            if (parsed.Error is { } error)
            {
                return Parsed.Fail(error);
            }

            changes.Add(new(field, parsed.Value));
            raw[field.Name] = text;
        }

        return new Parsed(name, changes, raw, null);
    }

    /// <summary>What <see cref="Parse"/> read: the name, the changes, the values as typed (kept with a pick list), or the error.</summary>
    public sealed record Parsed(string Name, IReadOnlyList<FieldChange> Changes, IReadOnlyDictionary<string, string> Raw, Message? Error)
    {
        public static Parsed Fail(Message error) => new(string.Empty, [], new Dictionary<string, string>(), error);
    }
}
