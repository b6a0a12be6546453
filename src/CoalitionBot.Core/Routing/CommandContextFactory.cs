using System.Globalization;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// The folder of added languages: one folder per language code (<c>languages/ht/</c>) holding catalog files, read at start.
    /// Relative to the working directory. Default: <c>languages</c> (a missing folder just means no added languages).
    /// </summary>
    public string LanguagesDirectory { get; set; } = "languages";
}

/// <summary>Builds a command's context in its scope: the caller's effective role, language and the coalition's time zone.</summary>
public sealed class CommandContextFactory(
    IServiceProvider services, CallerDataCache cache, TenantContext tenant, IOptions<BotOptions> options, LanguageCatalogs languages)
{
    public async Task<CommandContext> CreateAsync(Caller caller, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var known = await SnapshotAsync(caller, cancellationToken);
        var language = ChooseLanguage(languages, known.Languages.GetValueOrDefault(caller.User.Id), caller.Locale, known.Language, caller.Platform);
        var culture = LanguageCatalogs.CultureFor(language);
        return new CommandContext
        {
            Caller = caller,
            Role = Resolve(caller, known),
            Culture = culture,
            Language = language,
            Strings = new CatalogStringLocalizer(languages, language, culture),
            Languages = languages,
            TimeZone = FindZone(known.TimeZone) ?? FindZone(options.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc,
            CoalitionChannels = known.Channels,
            CorrelationId = correlationId,
        };
    }

    /// <summary>The role after lead grants: the platform's admin stays admin; a granted person or role becomes lead.</summary>
    public async Task<Role> ResolveRoleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Resolve(caller, await SnapshotAsync(caller, cancellationToken));
    }

    private Task<CallerDataCache.Snapshot> SnapshotAsync(Caller caller, CancellationToken cancellationToken)
    {
        tenant.Set(caller.Tenant);
        return cache.GetAsync(services.GetRequiredService<CoalitionBotDbContext>, caller.Tenant.Value, cancellationToken);
    }

    private static Role Resolve(Caller caller, CallerDataCache.Snapshot known)
    {
        if (caller.PlatformRole >= Role.Lead)
        {
            return caller.PlatformRole;
        }

        var isLead = known.LeadUsers.Contains(caller.User.Id) || (caller.PlatformRoleIds ?? []).Any(known.LeadRoles.Contains);
        return isLead ? Role.Lead : caller.PlatformRole;
    }

    /// <summary>
    /// The first loaded language of: the person's own setting, then their platform locale and the coalition's language, else English.
    /// On Slack the coalition's language comes before the locale: Slack reports the workspace's default (en-US) for nearly
    /// everyone, so a Spanish coalition would otherwise answer in English to all who never set their own language. Discord's
    /// locale is the language each person runs Discord in, so there it comes first.
    /// </summary>
    public static string ChooseLanguage(LanguageCatalogs languages, string? preference, string? platformLocale, string? coalitionLanguage, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var (first, second) = platform == Platform.Slack ? (coalitionLanguage, platformLocale) : (platformLocale, coalitionLanguage);
        return languages.Match(preference) ?? languages.Match(first) ?? languages.Match(second) ?? LanguageCatalogs.English;
    }

    /// <summary>The language of someone the bot writes to outside a command (a DM, a digest), who brings no platform locale.</summary>
    public static string ChooseLanguage(LanguageCatalogs languages, string? preference, string? coalitionLanguage) =>
        ChooseLanguage(languages, preference, null, coalitionLanguage, Platform.Console);

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
