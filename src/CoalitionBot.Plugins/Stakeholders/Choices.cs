using System.Reflection;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary>Reads and names enum values the way the command options do: <see cref="ChoiceAttribute"/> names and aliases, English or Spanish.</summary>
internal static class Choices
{
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        var key = StakeholderField.FieldKey(text);
        foreach (var (member, names) in Table<TEnum>.Entries)
        {
            if (names.Any(n => StakeholderField.FieldKey(n) == key))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Table<TEnum>.Entries.First(e => e.Member.Equals(value)).Names[0];

    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Table<TEnum>.Entries.Select(e => e.Names[0]));

    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<(TEnum Member, IReadOnlyList<string> Names)> Entries = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f =>
            {
                var choice = f.GetCustomAttribute<ChoiceAttribute>();
                IReadOnlyList<string> names = choice is null ? [f.Name] : [choice.Name, .. choice.Aliases, f.Name];
                return ((TEnum)f.GetValue(null)!, names);
            })
            .ToList();
    }
}
