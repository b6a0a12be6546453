using System.Globalization;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>What reading a value needs: the current instant, the coalition's time zone and the reader's language.</summary>
public sealed record ParseContext(DateTimeOffset Now, TimeZoneInfo TimeZone, CultureInfo Culture)
{
    /// <summary>The local time of day given to a date typed without a time (<c>friday</c>, <c>2026-12-03</c>). Default: null, midnight.</summary>
    public TimeOnly? DefaultTimeOfDay { get; init; }

    internal string Say(string english, string spanish) => Culture.TwoLetterISOLanguageName == "es" ? spanish : english;
}

/// <summary>Reads a date and time typed by a person, in the coalition's time zone.</summary>
/// <remarks>Core's default, <see cref="NaturalDateTimeParser"/>, reads what people type in English and Spanish (<c>friday</c>,
/// <c>tomorrow 5pm</c>, <c>mañana a las 5</c>) as well as ISO dates (<c>2026-12-03</c>, <c>2026-12-03 18:00</c>).</remarks>
public interface IDateTimeParser
{
    /// <summary>Returns the instant, or null with <paramref name="error"/> saying what was not understood.</summary>
    DateTimeOffset? Parse(string text, ParseContext context, out string? error);
}
