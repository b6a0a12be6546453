using System.Globalization;
using CoalitionBot.Core.Localization;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>What reading a value needs: the current instant, the coalition's time zone and the reader's language.</summary>
public sealed record ParseContext(DateTimeOffset Now, TimeZoneInfo TimeZone, CultureInfo Culture)
{
    /// <summary>A context in <paramref name="strings"/>' language and culture.</summary>
    public ParseContext(DateTimeOffset now, TimeZoneInfo timeZone, CatalogStringLocalizer strings)
        : this(now, timeZone, (strings ?? throw new ArgumentNullException(nameof(strings))).Culture)
    {
        Language = strings.Language;
        Strings = strings;
    }

    /// <summary>Every loaded language, to name <see cref="Language"/> in itself; null when only <see cref="Strings"/> are known.</summary>
    public LanguageCatalogs? Languages { get; init; }

    /// <summary>The local time of day given to a date typed without a time (<c>friday</c>, <c>2026-12-03</c>). Default: null, midnight.</summary>
    public TimeOnly? DefaultTimeOfDay { get; init; }

    /// <summary>The loaded language errors are written in (<c>en</c>, <c>es</c>, <c>ht</c>). Default: the language of <see cref="Strings"/>.</summary>
    public string Language
    {
        get => _language ?? Strings.Language;
        init => _language = value;
    }

    /// <summary>
    /// The catalogs errors come from. Default: Core's own catalogs in <see cref="Culture"/>'s language (English or Spanish), loaded
    /// only when a context made from a culture alone needs them: a command's context always brings its caller's.
    /// </summary>
    public CatalogStringLocalizer Strings
    {
        get => _strings ??= CoreCatalogs.For(Culture);
        init => _strings = value;
    }

    private string? _language;
    private CatalogStringLocalizer? _strings;

    /// <summary>The context of a command: its caller's strings and coalition's time zone, at <paramref name="now"/>.</summary>
    public static ParseContext For(CommandContext command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new ParseContext(now, command.TimeZone, command.Culture)
        {
            Language = command.Language,
            Strings = command.Strings as CatalogStringLocalizer ?? CoreCatalogs.For(command.Culture),
            Languages = command.Languages,
        };
    }

    /// <summary>The catalog text of <paramref name="key"/> with its placeholders filled (values escaped unless trusted markup).</summary>
    internal string T(string key, object arguments) => Strings[key, arguments].Value;
}

/// <summary>Core's built-in catalogs alone, for values read outside a command (a context made from a culture only).</summary>
internal static class CoreCatalogs
{
    private static readonly Lazy<LanguageCatalogs> Catalogs = new(() => LanguageCatalogs.Load([typeof(CoreCatalogs).Assembly], null));

    public static CatalogStringLocalizer For(CultureInfo culture) => Catalogs.Value.For(culture);
}

/// <summary>Reads a date and time typed by a person, in the coalition's time zone.</summary>
/// <remarks>Core's default, <see cref="NaturalDateTimeParser"/>, reads what people type in the languages its recognizer knows
/// (<c>friday</c>, <c>tomorrow 5pm</c>, <c>mañana a las 5</c>), English for every other language, and ISO dates
/// (<c>2026-12-03</c>, <c>2026-12-03 18:00</c>).</remarks>
public interface IDateTimeParser
{
    /// <summary>Returns the instant, or null with <paramref name="error"/> saying what was not understood.</summary>
    DateTimeOffset? Parse(string text, ParseContext context, out string? error);
}
