using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core.Routing;

/// <summary>Options of <c>CoalitionBot</c> that apply to every coalition until it sets its own.</summary>
public sealed class BotOptions
{
    public const string Section = "CoalitionBot";

    /// <summary>The IANA time zone of coalitions that have not set one. Default: <c>UTC</c>.</summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>The plugins file. Default: <c>plugins.json</c> in the working directory.</summary>
    public string PluginsFile { get; set; } = "plugins.json";

    /// <summary>The public address of this bot's HTTP endpoints (e.g. <c>https://bot.example.org</c>), used in links such as calendar feeds. Default: none.</summary>
    public Uri? PublicBaseUrl { get; set; }
}

/// <summary>Builds a command's context in its scope: the caller's effective role, language and the coalition's time zone.</summary>
public sealed class CommandContextFactory(CoalitionBotDbContext db, IOptions<BotOptions> options)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");

    public async Task<CommandContext> CreateAsync(Caller caller, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var settings = await db.TenantSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var preference = await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserId == caller.User.Id).Select(p => p.Language).FirstOrDefaultAsync(cancellationToken);

        return new CommandContext
        {
            Caller = caller,
            Role = await ResolveRoleAsync(caller, cancellationToken),
            Culture = ChooseCulture(preference, caller.Locale, settings?.Language),
            TimeZone = FindZone(settings?.TimeZone) ?? FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc,
            CorrelationId = correlationId,
        };
    }

    /// <summary>The role after lead grants: the platform's admin stays admin; a granted person or role becomes lead.</summary>
    public async Task<Role> ResolveRoleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.PlatformRole >= Role.Lead)
        {
            return caller.PlatformRole;
        }

        var roleIds = caller.PlatformRoleIds ?? [];
        var isLead = await db.LeadGrants.AnyAsync(
            g => (g.SubjectKind == LeadSubject.User && g.SubjectId == caller.User.Id)
                || (g.SubjectKind == LeadSubject.Role && roleIds.Contains(g.SubjectId)),
            cancellationToken);
        return isLead ? Role.Lead : caller.PlatformRole;
    }

    /// <summary>Explicit preference, then the platform locale, then the coalition default, then English.</summary>
    public static CultureInfo ChooseCulture(string? preference, string? platformLocale, string? coalitionLanguage)
    {
        foreach (var candidate in new[] { preference, platformLocale, coalitionLanguage })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            if (candidate.StartsWith("es", StringComparison.OrdinalIgnoreCase))
            {
                return Spanish;
            }

            if (candidate.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return English;
    }

    /// <summary>The zone for an IANA id, or null when the id is unknown.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
