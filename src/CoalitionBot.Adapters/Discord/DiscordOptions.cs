using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Discord;

/// <summary>How Discord interactions reach the bot.</summary>
public enum DiscordMode
{
    /// <summary>Discord posts interactions to <c>POST /discord/interactions</c> (needs a public URL and the public key).</summary>
    Http,

    /// <summary>The bot keeps a Gateway WebSocket open and receives interactions there (no public URL needed).</summary>
    Gateway,
}

/// <summary>Options of <c>CoalitionBot:Discord</c>.</summary>
public sealed class DiscordOptions
{
    public const string Section = "CoalitionBot:Discord";

    /// <summary>The application's public key (64 hex characters, "General Information" in the developer portal); needed in Http mode. Default: none.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token; every REST call and the Gateway use it. Default: none. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application id (a snowflake). Default: none; required.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The REST base URL, with the API version. Default: <c>https://discord.com/api/v10/</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10/");

    /// <summary>The Gateway URL. Default: none, asked from <c>GET /gateway/bot</c>.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>Gateway shards: a count (1 to 4096) or <c>auto</c> (Discord's recommendation from <c>GET /gateway/bot</c>). The shards are spread over
    /// the instances sharing the database, each claimed by a lease. Default: <c>1</c>.</summary>
    public string Shards { get; set; } = "1";

    /// <summary>The configured shard count, or null for <c>auto</c> (or an invalid value, which validation reports).</summary>
    public int? FixedShardCount =>
        int.TryParse(Shards, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxShards ? count : null;

    /// <summary>True when <see cref="Shards"/> is <c>auto</c>.</summary>
    public bool AutoShards => string.Equals(Shards?.Trim(), "auto", StringComparison.OrdinalIgnoreCase);

    /// <summary>The most shards accepted (Discord's largest bots use far fewer per application).</summary>
    public const int MaxShards = 4096;

    /// <summary>Http or Gateway. Default: Http when <see cref="PublicKey"/> is set, else Gateway.</summary>
    public DiscordMode? Mode { get; set; }

    /// <summary>Guild (server) ids to register the commands in, which updates them at once. Default: none, so commands are registered globally.</summary>
    public IList<string> GuildIds { get; } = [];

    /// <summary>Whether to bulk-overwrite the application commands at start. Default: true.</summary>
    public bool RegisterCommands { get; set; } = true;

    /// <summary>How long a command may run before the interaction is deferred ("thinking…") and finished later. Default: 2 s (Discord allows 3).</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The URL put in the required <c>User-Agent: DiscordBot (url, version)</c>. Default: the project's page.</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/coalitionbot/coalitionbot";

    /// <summary>The mode in force: <see cref="Mode"/>, else Http when a public key is set, else Gateway.</summary>
    public DiscordMode EffectiveMode => Mode ?? (string.IsNullOrWhiteSpace(PublicKey) ? DiscordMode.Gateway : DiscordMode.Http);

    /// <summary>True when any Discord credential is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return !string.IsNullOrWhiteSpace(section["PublicKey"]) || !string.IsNullOrWhiteSpace(section["BotToken"]);
    }

    /// <summary>True when Discord is configured to receive interactions over HTTP, so Kestrel must listen.</summary>
    public static bool RunsHttp(IConfiguration configuration) =>
        IsConfigured(configuration)
        && (configuration.GetSection(Section).Get<DiscordOptions>() ?? new DiscordOptions()).EffectiveMode == DiscordMode.Http;
}

/// <summary>Checks <see cref="DiscordOptions"/> at start, naming the key that is wrong.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var errors = new List<string>();
        const string at = "CoalitionBot:Discord:";
        if (options.EffectiveMode == DiscordMode.Http && !IsHex(options.PublicKey, 64))
        {
            errors.Add($"{at}PublicKey must be the application's public key, 64 hex characters (Http mode).");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken) || options.BotToken.Any(char.IsWhiteSpace))
        {
            errors.Add($"{at}BotToken is required (the bot token from the developer portal, without \"Bot \").");
        }

        if (!IsSnowflake(options.ApplicationId))
        {
            errors.Add($"{at}ApplicationId must be the application id (digits).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http") || !options.ApiBaseUrl.AbsolutePath.EndsWith('/'))
        {
            errors.Add($"{at}ApiBaseUrl must be an http(s) URL ending in '/', like https://discord.com/api/v10/.");
        }

        if (options.GatewayUrl is { } gateway && (!gateway.IsAbsoluteUri || gateway.Scheme is not ("wss" or "ws")))
        {
            errors.Add($"{at}GatewayUrl must be a ws(s) URL, like wss://gateway.discord.gg.");
        }

        if (!options.AutoShards && options.FixedShardCount is null)
        {
            errors.Add($"{at}Shards must be a number from 1 to {DiscordOptions.MaxShards}, or auto.");
        }

        if (options.GuildIds.FirstOrDefault(g => !IsSnowflake(g)) is { } badGuild)
        {
            errors.Add($"{at}GuildIds: \"{badGuild}\" is not a guild id (digits).");
        }

        if (options.DeferAfter <= TimeSpan.Zero || options.DeferAfter > TimeSpan.FromMilliseconds(2500))
        {
            errors.Add($"{at}DeferAfter must be above 0 and at most 2.5 s (Discord drops answers after 3 s).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsHex(string? value, int length) => value is not null && value.Length == length && value.All(char.IsAsciiHexDigit);
}
