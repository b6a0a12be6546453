using System.Globalization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>The typed option values of one command, or the message that says what was wrong with the input.</summary>
public sealed record BindResult(IReadOnlyDictionary<string, object?> Values, string? Error)
{
    public bool IsSuccess => Error is null;

    internal static BindResult Fail(string error) => new(new Dictionary<string, object?>(), error);
}

/// <summary>Turns words typed after a command (Slack, console) or named raw values (Discord) into typed option values.</summary>
/// <remarks>
/// Named words (<c>due:friday</c>) go to the option of that name; the other words fill the remaining options in
/// declaration order; a trailing <see cref="OptionAttribute.Remainder"/> string takes all words left.
/// </remarks>
public sealed class OptionBinder(IDateTimeParser dateTimeParser)
{
    /// <summary>The most people one <see cref="OptionKind.Users"/> option takes.</summary>
    public const int MaxUsers = 25;

    /// <summary>Binds the words that follow the command path.</summary>
    public BindResult Bind(CommandDescriptor command, IReadOnlyList<Token> tokens, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(context);
        var raw = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<Token>();
        foreach (var token in tokens)
        {
            if (token.Name is null)
            {
                positional.Add(token);
                continue;
            }

            var option = command.Options.FirstOrDefault(o => string.Equals(o.Name, token.Name, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                // Not one of ours (e.g. "5:30" or "note:" inside free text): treat the word as text.
                positional.Add(token with { Name = null, Value = token.Raw });
                continue;
            }

            if (!raw.TryAdd(option.Name, token.Value))
            {
                return BindResult.Fail(context.T("core.option.twice", new { option = Code(option.Name) }));
            }
        }

        var open = command.Options.Where(o => !raw.ContainsKey(o.Name)).ToList();
        var result = BindPositional(command, open, positional, raw, context);
        if (JoinLeadingWords(open, positional) is not { } joined)
        {
            return result;
        }

        // "/campaign start Lake County "Lake County ends detainer holds"": the unquoted words before the quoted text are one
        // name when the quoted text is the rest of the command, or when reading them as separate words does not work.
        var alternative = BindPositional(command, open, joined.Tokens, raw, context);
        if (alternative.IsSuccess && (joined.QuotedRest || !result.IsSuccess))
        {
            return alternative;
        }

        return result.IsSuccess ? result : BindResult.Fail(result.Error + " " + context.T("core.option.quote-name", new { name = joined.Name, command = Code(command.Path) }));
    }

    /// <summary>
    /// When a free-text option (a name) comes first and the text opens with two or more unquoted words followed by a quoted
    /// one, the same words with the unquoted ones taken as one value; <c>QuotedRest</c> when the quoted text is all that is
    /// left for the option that follows, a remainder (so the unquoted words cannot belong to it).
    /// </summary>
    private static (List<Token> Tokens, string Name, bool QuotedRest)? JoinLeadingWords(List<OptionDescriptor> open, List<Token> positional)
    {
        if (open.Count < 2 || open[0].Remainder || open[0].Kind is not (OptionKind.String or OptionKind.DateTime))
        {
            return null;
        }

        var quoted = -1;
        for (var i = 0; i < positional.Count; i++)
        {
            if (positional[i].Quoted)
            {
                quoted = i;
                break;
            }

            if (ValueParsers.ParseUser(positional[i].Value) is not null || ValueParsers.ParseChannel(positional[i].Value) is not null)
            {
                return null;
            }
        }

        if (quoted < 2)
        {
            return null;
        }

        var name = string.Join(' ', positional.Take(quoted).Select(t => t.Raw));
        var tokens = new List<Token> { new(name, null, name, Quoted: true) };
        tokens.AddRange(positional.Skip(quoted));
        return (tokens, name, open[1].Remainder && quoted == positional.Count - 1);
    }

    private BindResult BindPositional(CommandDescriptor command, List<OptionDescriptor> open, IReadOnlyList<Token> positional, Dictionary<string, string> named, ParseContext context)
    {
        var raw = new Dictionary<string, string>(named, StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<Token>(positional);
        for (var index = 0; index < open.Count; index++)
        {
            var option = open[index];
            if (queue.Count == 0)
            {
                break;
            }

            // An optional person, channel, role or choice that the word cannot be, while a later one can, is left out:
            // "/task list overdue" means state:overdue, not a person called "overdue".
            if (!option.Required && !Fits(option, queue.Peek()) && open.Skip(index + 1).Any(later => !later.Remainder && Fits(later, queue.Peek()) && IsTyped(later)))
            {
                continue;
            }

            if (option.Remainder)
            {
                raw[option.Name] = string.Join(' ', queue.Select(t => t.Quoted ? t.Value : t.Raw));
                queue.Clear();
                break;
            }

            if (option.Kind == OptionKind.Users)
            {
                // Consecutive mentions (@ana @luis) all go to a people option; the first word goes there even if it is not one, to be reported.
                var people = new List<string> { queue.Dequeue().Value };
                while (queue.TryPeek(out var next) && !next.Quoted && ValueParsers.ParseUser(next.Value) is not null)
                {
                    people.Add(queue.Dequeue().Value);
                }

                raw[option.Name] = string.Join(' ', people);
                continue;
            }

            raw[option.Name] = queue.Dequeue().Value;
        }

        if (queue.Count > 0)
        {
            var extra = string.Join(' ', queue.Select(t => t.Raw));
            return BindResult.Fail(context.T("core.option.extra", new { text = extra, usage = Code(command.Usage) }));
        }

        return BindNamed(command, raw, context);
    }

    /// <summary>Binds values already split by option name (Discord's typed options, rendered as text).</summary>
    public BindResult BindNamed(CommandDescriptor command, IReadOnlyDictionary<string, string> raw, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(context);
        var unknown = raw.Keys.FirstOrDefault(k => !command.Options.Any(o => string.Equals(o.Name, k, StringComparison.OrdinalIgnoreCase)));
        if (unknown is not null)
        {
            return BindResult.Fail(context.T("core.option.unknown", new { command = Code(command.Path), option = unknown }));
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in command.Options)
        {
            var text = raw.FirstOrDefault(p => string.Equals(p.Key, option.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (option.Required)
                {
                    return BindResult.Fail(context.T("core.option.missing", new
                    {
                        option = Code(option.Name),
                        description = new TrustedMarkup(context.Strings[Localization.CommandTexts.Key(command, option)].Value),
                        usage = Code(command.Usage),
                    }));
                }

                values[option.Name] = null;
                continue;
            }

            var (value, error) = Convert(option, text.Trim(), context);
            if (error is not null)
            {
                return BindResult.Fail(error);
            }

            values[option.Name] = value;
        }

        return new BindResult(values, null);
    }

    private (object? Value, string? Error) Convert(OptionDescriptor option, string text, ParseContext context)
    {
        return option.Kind switch
        {
            OptionKind.String => ConvertString(option, text, context),
            OptionKind.Integer => ConvertInteger(option, text, context),
            OptionKind.Number => ConvertNumber(option, text, context),
            OptionKind.Boolean => Parsed(option, ValueParsers.ParseBoolean(text), context, "core.option.boolean", text),
            OptionKind.User => Parsed(option, ValueParsers.ParseUser(text), context, "core.option.user", text),
            OptionKind.Users => ConvertUsers(option, text, context),
            OptionKind.Channel => Parsed(option, ValueParsers.ParseChannel(text), context, "core.option.channel", text),
            OptionKind.Role => Parsed(option, ValueParsers.ParseRole(text), context, "core.option.role", text),
            OptionKind.DateTime => ConvertDateTime(option, text, context),
            OptionKind.Duration => Parsed(option, ValueParsers.ParseDuration(text) is { } duration && duration > TimeSpan.Zero ? duration : (TimeSpan?)null, context,
                "core.option.duration", text),
            OptionKind.Choice => ConvertChoice(option, text, context),
            _ => throw new InvalidOperationException($"Unhandled option kind {option.Kind}."),
        };
    }

    /// <summary>A value a parser read, or the option's error (the catalog text of <paramref name="key"/>, naming what was typed) when it read nothing.</summary>
    private static (object? Value, string? Error) Parsed(OptionDescriptor option, object? value, ParseContext context, string key, string typed) =>
        value is not null ? (value, null) : (null, context.T(key, new { option = Code(option.Name), value = typed }));

    // Names and usage lines the bot itself wrote, shown inside `code` as they have always been (not user text: not escaped).
    private static TrustedMarkup Code(string text) => new(text);

    private static (object? Value, string? Error) ConvertString(OptionDescriptor option, string text, ParseContext context)
    {
        if (option.MaxLength > 0 && text.Length > option.MaxLength)
        {
            return (null, context.T("core.option.too-long", new { option = Code(option.Name), max = option.MaxLength, length = text.Length }));
        }

        return text.Length < option.MinLength
            ? (null, context.T("core.option.too-short", new { option = Code(option.Name), min = option.MinLength }))
            : (text, null);
    }

    private static (object? Value, string? Error) ConvertInteger(OptionDescriptor option, string text, ParseContext context)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return (null, context.T("core.option.integer", new { option = Code(option.Name), value = text }));
        }

        return CheckRange(option, integer, context) ?? (IsInt(option.Parameter.ParameterType) ? (object)(int)integer : integer, null);
    }

    private static (object? Value, string? Error) ConvertNumber(OptionDescriptor option, string text, ParseContext context)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return (null, context.T("core.option.number", new { option = Code(option.Name), value = text }));
        }

        return CheckRange(option, number, context) ?? (number, null);
    }

    /// <summary>Several people, mentioned with spaces or commas between them; each once, at most <see cref="MaxUsers"/>.</summary>
    private static (object? Value, string? Error) ConvertUsers(OptionDescriptor option, string text, ParseContext context)
    {
        var users = new List<UserRef>();
        foreach (var part in System.Text.RegularExpressions.Regex.Matches(text, @"<[^>]*>|[^\s,]+").Select(m => m.Value))
        {
            if (ValueParsers.ParseUser(part) is not { } person)
            {
                return (null, context.T("core.option.users", new { option = Code(option.Name), value = part }));
            }

            if (!users.Any(u => u.Id == person.Id))
            {
                users.Add(person);
            }
        }

        return users.Count > MaxUsers
            ? (null, context.T("core.option.too-many-users", new { option = Code(option.Name), max = MaxUsers }))
            : (users, null);
    }

    private (object? Value, string? Error) ConvertDateTime(OptionDescriptor option, string text, ParseContext context)
    {
        var when = dateTimeParser.Parse(text, context, out var dateError);
        return when is null
            ? (null, context.T("core.option.date", new { option = Code(option.Name), problem = new TrustedMarkup(dateError ?? Markup.Escape(text)) }))
            : (when.Value, null);
    }

    private static (object? Value, string? Error) ConvertChoice(OptionDescriptor option, string text, ParseContext context)
    {
        if (FindChoice(option, text) is { } choice)
        {
            return (choice.Value, null);
        }

        var names = string.Join(", ", option.Choices.Select(c => c.Name));
        return (null, context.T("core.option.choice", new { option = Code(option.Name), value = text, choices = new TrustedMarkup(names) }));
    }

    // Kinds whose values can be told apart from other words, so a word that is not one can skip the option.
    private static bool IsTyped(OptionDescriptor option) =>
        option.Kind is OptionKind.User or OptionKind.Users or OptionKind.Channel or OptionKind.Role or OptionKind.Choice;

    private static bool Fits(OptionDescriptor option, Token token) => option.Kind switch
    {
        OptionKind.User or OptionKind.Users => ValueParsers.ParseUser(token.Value) is not null,
        OptionKind.Channel => ValueParsers.ParseChannel(token.Value) is not null,
        OptionKind.Role => ValueParsers.ParseRole(token.Value) is not null,
        OptionKind.Choice => FindChoice(option, token.Value) is not null,
        _ => true,
    };

    private static OptionChoice? FindChoice(OptionDescriptor option, string text)
    {
        var key = Normalize(text);
        return option.Choices.FirstOrDefault(c => Normalize(c.Name) == key || c.Aliases.Any(a => Normalize(a) == key))
            ?? option.Choices.FirstOrDefault(c => Normalize(c.Value.ToString()!) == key);
    }

    private static string Normalize(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static (object?, string?)? CheckRange(OptionDescriptor option, double value, ParseContext context)
    {
        if (option.MinValue is { } min && value < min)
        {
            return (null, context.T("core.option.min", new { option = Code(option.Name), min }));
        }

        if (option.MaxValue is { } max && value > max)
        {
            return (null, context.T("core.option.max", new { option = Code(option.Name), max }));
        }

        return null;
    }

    private static bool IsInt(Type target) => (Nullable.GetUnderlyingType(target) ?? target) == typeof(int);
}
