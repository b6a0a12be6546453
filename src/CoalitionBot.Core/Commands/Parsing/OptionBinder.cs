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
                return BindResult.Fail(context.Say($"`{option.Name}` is given twice.", $"`{option.Name}` aparece dos veces."));
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

        return result.IsSuccess ? result : BindResult.Fail(result.Error + " " + context.Say(
            $"If “{Markup.Escape(joined.Name)}” is one name, put it in quotes: `/{command.Path} \"{Markup.Escape(joined.Name)}\" …`",
            $"Si “{Markup.Escape(joined.Name)}” es un solo nombre, póngalo entre comillas: `/{command.Path} \"{Markup.Escape(joined.Name)}\" …`"));
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
            return BindResult.Fail(context.Say(
                $"I didn't understand `{Markup.Escape(extra)}`. Usage: `{command.Usage}`",
                $"No entendí `{Markup.Escape(extra)}`. Uso: `{command.Usage}`"));
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
            return BindResult.Fail(context.Say($"`/{command.Path}` has no option `{Markup.Escape(unknown)}`.", $"`/{command.Path}` no tiene la opción `{Markup.Escape(unknown)}`."));
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in command.Options)
        {
            var text = raw.FirstOrDefault(p => string.Equals(p.Key, option.Name, StringComparison.OrdinalIgnoreCase)).Value;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (option.Required)
                {
                    return BindResult.Fail(context.Say(
                        $"Missing `{option.Name}`: {option.Description}. Usage: `{command.Usage}`",
                        $"Falta `{option.Name}`: {option.DescriptionEs ?? option.Description}. Uso: `{command.Usage}`"));
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
        var got = Markup.Escape(text);
        return option.Kind switch
        {
            OptionKind.String => ConvertString(option, text, context),
            OptionKind.Integer => ConvertInteger(option, text, context),
            OptionKind.Number => ConvertNumber(option, text, context),
            OptionKind.Boolean => Parsed(option, ValueParsers.ParseBoolean(text), context,
                $"say yes or no (got `{got}`).", $"responda sí o no (escribió `{got}`)."),
            OptionKind.User => Parsed(option, ValueParsers.ParseUser(text), context,
                $"mention a person, like @ana (got `{got}`).", $"mencione a una persona, como @ana (escribió `{got}`)."),
            OptionKind.Users => ConvertUsers(option, text, context),
            OptionKind.Channel => Parsed(option, ValueParsers.ParseChannel(text), context,
                $"name a channel, like #general (got `{got}`).", $"indique un canal, como #general (escribió `{got}`)."),
            OptionKind.Role => Parsed(option, ValueParsers.ParseRole(text), context,
                $"mention a role, like @&organizers (got `{got}`).", $"mencione un rol, como @&organizers (escribió `{got}`)."),
            OptionKind.DateTime => ConvertDateTime(option, text, context),
            OptionKind.Duration => Parsed(option, ValueParsers.ParseDuration(text) is { } duration && duration > TimeSpan.Zero ? duration : (TimeSpan?)null, context,
                $"`{got}` is not a duration; try 2h, 30m, 1d or 1h30m.", $"`{got}` no es una duración; pruebe 2h, 30m, 1d o 1h30m."),
            OptionKind.Choice => ConvertChoice(option, text, context),
            _ => throw new InvalidOperationException($"Unhandled option kind {option.Kind}."),
        };
    }

    /// <summary>A value a parser read, or the option's error (English, Spanish) when it read nothing.</summary>
    private static (object? Value, string? Error) Parsed(OptionDescriptor option, object? value, ParseContext context, string english, string spanish) =>
        value is not null ? (value, null) : (null, Bad(option, context, english, spanish));

    private static string Bad(OptionDescriptor option, ParseContext context, string english, string spanish) =>
        context.Say($"`{option.Name}`: {english}", $"`{option.Name}`: {spanish}");

    private static (object? Value, string? Error) ConvertString(OptionDescriptor option, string text, ParseContext context)
    {
        if (option.MaxLength > 0 && text.Length > option.MaxLength)
        {
            return (null, Bad(option, context, $"at most {option.MaxLength} characters, please (got {text.Length}).", $"máximo {option.MaxLength} caracteres, por favor (hay {text.Length})."));
        }

        return text.Length < option.MinLength
            ? (null, Bad(option, context, $"at least {option.MinLength} characters, please.", $"mínimo {option.MinLength} caracteres, por favor."))
            : (text, null);
    }

    private static (object? Value, string? Error) ConvertInteger(OptionDescriptor option, string text, ParseContext context)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return (null, Bad(option, context, $"`{Markup.Escape(text)}` is not a whole number.", $"`{Markup.Escape(text)}` no es un número entero."));
        }

        return CheckRange(option, integer, context) ?? (IsInt(option.Parameter.ParameterType) ? (object)(int)integer : integer, null);
    }

    private static (object? Value, string? Error) ConvertNumber(OptionDescriptor option, string text, ParseContext context)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return (null, Bad(option, context, $"`{Markup.Escape(text)}` is not a number.", $"`{Markup.Escape(text)}` no es un número."));
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
                return (null, Bad(option, context, $"mention people, like @ana @luis (got `{Markup.Escape(part)}`).", $"mencione a personas, como @ana @luis (escribió `{Markup.Escape(part)}`)."));
            }

            if (!users.Any(u => u.Id == person.Id))
            {
                users.Add(person);
            }
        }

        return users.Count > MaxUsers
            ? (null, Bad(option, context, $"at most {MaxUsers} people at once.", $"máximo {MaxUsers} personas a la vez."))
            : (users, null);
    }

    private (object? Value, string? Error) ConvertDateTime(OptionDescriptor option, string text, ParseContext context)
    {
        var when = dateTimeParser.Parse(text, context, out var dateError);
        return when is null ? (null, Bad(option, context, dateError ?? text, dateError ?? text)) : (when.Value, null);
    }

    private static (object? Value, string? Error) ConvertChoice(OptionDescriptor option, string text, ParseContext context)
    {
        if (FindChoice(option, text) is { } choice)
        {
            return (choice.Value, null);
        }

        var names = string.Join(", ", option.Choices.Select(c => c.Name));
        return (null, Bad(option, context, $"`{Markup.Escape(text)}` is not one of: {names}.", $"`{Markup.Escape(text)}` no es una de estas opciones: {names}."));
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
            return (null, context.Say($"`{option.Name}` must be at least {min}.", $"`{option.Name}` debe ser al menos {min}."));
        }

        if (option.MaxValue is { } max && value > max)
        {
            return (null, context.Say($"`{option.Name}` must be at most {max}.", $"`{option.Name}` debe ser como máximo {max}."));
        }

        return null;
    }

    private static bool IsInt(Type target) => (Nullable.GetUnderlyingType(target) ?? target) == typeof(int);
}
