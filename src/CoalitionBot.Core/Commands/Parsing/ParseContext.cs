using System.Globalization;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>What reading a value needs: the current instant, the coalition's time zone and the reader's language.</summary>
public sealed record ParseContext(DateTimeOffset Now, TimeZoneInfo TimeZone, CultureInfo Culture)
{
    internal string Say(string english, string spanish) => Culture.TwoLetterISOLanguageName == "es" ? spanish : english;
}

/// <summary>Reads a date and time typed by a person, in the coalition's time zone.</summary>
/// <remarks>Core's default reads ISO dates (<c>2026-12-03</c>, <c>2026-12-03 18:00</c>) and today/tomorrow; plugins may register a richer one.</remarks>
public interface IDateTimeParser
{
    /// <summary>Returns the instant, or null with <paramref name="error"/> saying what was not understood.</summary>
    DateTimeOffset? Parse(string text, ParseContext context, out string? error);
}
