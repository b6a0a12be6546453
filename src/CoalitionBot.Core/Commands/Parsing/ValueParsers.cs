using System.Globalization;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Commands.Parsing;

/// <summary>Reads mentions, durations and booleans in every platform's spelling.</summary>
public static partial class ValueParsers
{
    /// <summary>The longest duration read (100 years): longer is a typo, and many parts could overflow <see cref="TimeSpan"/>.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36525);

    /// <summary>Reads a user: <c>&lt;@U123|ana&gt;</c> (Slack), <c>&lt;@123&gt;</c> or <c>&lt;@!123&gt;</c> (Discord), <c>@ana</c> (console or raw Slack).</summary>
    public static UserRef? ParseUser(string text)
    {
        var match = UserMention().Match(text.Trim());
        if (match.Success)
        {
            var name = match.Groups["name"].Success ? match.Groups["name"].Value : null;
            return new UserRef(match.Groups["id"].Value, name);
        }

        var plain = text.Trim();
        if (plain.StartsWith('@') && plain.Length > 1 && plain[1] != '&' && !plain[1..].Any(char.IsWhiteSpace))
        {
            return new UserRef(plain[1..], plain[1..]);
        }

        return null;
    }

    /// <summary>Reads a channel: <c>&lt;#C123|general&gt;</c>, <c>&lt;#123&gt;</c>, <c>#general</c>.</summary>
    public static ChannelRef? ParseChannel(string text)
    {
        var match = ChannelMention().Match(text.Trim());
        if (match.Success)
        {
            return new ChannelRef(match.Groups["id"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null);
        }

        var plain = text.Trim();
        return plain.StartsWith('#') && plain.Length > 1 && !plain[1..].Any(char.IsWhiteSpace)
            ? new ChannelRef(plain[1..], plain[1..])
            : null;
    }

    /// <summary>Reads a role or user group: <c>&lt;@&amp;123&gt;</c> (Discord), <c>&lt;!subteam^S123|handle&gt;</c> (Slack), <c>@&amp;name</c> (console).</summary>
    public static RoleRef? ParseRole(string text)
    {
        var match = RoleMention().Match(text.Trim());
        if (match.Success)
        {
            return new RoleRef(match.Groups["id"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null);
        }

        var plain = text.Trim();
        return plain.StartsWith("@&", StringComparison.Ordinal) && plain.Length > 2 ? new RoleRef(plain[2..], plain[2..]) : null;
    }

    /// <summary>Reads a duration: <c>2h</c>, <c>90m</c>, <c>1h30m</c>, <c>3d</c>, <c>1w</c>, <c>45min</c> or ISO 8601 <c>PT2H</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (trimmed.StartsWith('p'))
        {
            try
            {
                var iso = System.Xml.XmlConvert.ToTimeSpan(trimmed.ToUpperInvariant());
                return iso <= MaxDuration ? iso : null;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return null;
            }
        }

        var matches = DurationPart().Matches(trimmed);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != trimmed)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match part in matches)
        {
            if (!long.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                return null;
            }

            // Each part is at most 100,000 weeks, so the sum stays far from TimeSpan's limit while it is checked part by part.
            total += part.Groups["unit"].Value switch
            {
                "w" or "wk" or "week" or "weeks" or "sem" or "semana" or "semanas" => TimeSpan.FromDays(7 * n),
                "d" or "day" or "days" or "dia" or "día" or "dias" or "días" => TimeSpan.FromDays(n),
                "h" or "hr" or "hrs" or "hour" or "hours" or "hora" or "horas" => TimeSpan.FromHours(n),
                "m" or "min" or "mins" or "minute" or "minutes" or "minuto" or "minutos" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };

            if (total > MaxDuration)
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>Reads yes/no in English or Spanish.</summary>
    public static bool? ParseBoolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "on" or "1" or "si" or "sí" => true,
        "false" or "no" or "n" or "off" or "0" => false,
        _ => null,
    };

    [GeneratedRegex(@"^<@!?(?<id>[A-Za-z0-9_.\-]+)(\|(?<name>[^>]*))?>$")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"^<#(?<id>[A-Za-z0-9_\-]+)(\|(?<name>[^>]*))?>$")]
    private static partial Regex ChannelMention();

    [GeneratedRegex(@"^<(@&|!subteam\^)(?<id>[A-Za-z0-9_\-]+)(\|(?<name>[^>]*))?>$")]
    private static partial Regex RoleMention();

    [GeneratedRegex(@"(?<n>\d+)(?<unit>semanas|minutes|minutos|seconds|semana|minute|minuto|second|weeks|hours|horas|week|days|días|dias|hour|hora|mins|secs|sem|day|día|dia|hrs|min|sec|wk|hr|w|d|h|m|s)")]
    private static partial Regex DurationPart();
}
