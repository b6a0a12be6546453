using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>How Slack reaches the bot.</summary>
public enum SlackMode
{
    /// <summary>Slack posts to <c>/slack/commands</c>, <c>/slack/interactions</c> and <c>/slack/events</c> on a public URL.</summary>
    Http,

    /// <summary>The bot opens a WebSocket to Slack (no public URL needed).</summary>
    SocketMode,
}

/// <summary>Options of <c>CoalitionBot:Slack</c>.</summary>
public sealed class SlackOptions
{
    public const string Section = "CoalitionBot:Slack";

    /// <summary>The app's signing secret, to verify requests in HTTP mode. Default: none (required in HTTP mode).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) for the Web API: posting messages, DMs, reading a person's locale. Default: none (the bot then only answers commands).</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode. Default: none (required in Socket Mode).</summary>
    public string? AppToken { get; set; }

    /// <summary>The Web API base URL. Default: <c>https://slack.com/api/</c>.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Where Slack's <c>response_url</c>s live; a command's or button's response URL elsewhere is never posted to. Default: <c>https://hooks.slack.com/</c>.</summary>
    public Uri HooksBaseUrl { get; set; } = new("https://hooks.slack.com/");

    /// <summary>True when <paramref name="url"/> is under <see cref="HooksBaseUrl"/>: same scheme, host and port, and a path inside its path.</summary>
    public bool IsHooksUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri
            && string.Equals(url.Scheme, HooksBaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, HooksBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.Port == HooksBaseUrl.Port
            && string.IsNullOrEmpty(url.UserInfo)
            && url.AbsolutePath.StartsWith(HooksBaseUrl.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Slack user ids (<c>U…</c>) with the admin role. Default: none; an entry may list several ids separated by commas.</summary>
    public IList<string> Admins { get; } = [];

    /// <summary><see cref="SlackMode.Http"/> or <see cref="SlackMode.SocketMode"/>. Default: HTTP when <see cref="SigningSecret"/> is set, else Socket Mode when <see cref="AppToken"/> is set.</summary>
    public SlackMode? Mode { get; set; }

    /// <summary>How long a slash command may run before the bot acknowledges it and answers through <c>response_url</c>. Default: 2 s (Slack allows 3).</summary>
    public TimeSpan InlineBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest request body accepted on the HTTP endpoints. Default: 512 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Socket Mode: the WebSocket ping interval; a connection whose pong is this late is dropped and reopened. Default: 10 s.</summary>
    public TimeSpan SocketKeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Socket Mode: how long a new connection may take to say hello before it is replaced. Default: 10 s.</summary>
    public TimeSpan SocketHelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The effective mode, after defaults.</summary>
    public SlackMode EffectiveMode =>
        Mode ?? (string.IsNullOrWhiteSpace(SigningSecret) && !string.IsNullOrWhiteSpace(AppToken) ? SlackMode.SocketMode : SlackMode.Http);

    /// <summary>The admin ids, with comma-separated entries split.</summary>
    public IReadOnlySet<string> AdminIds =>
        Admins.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads the section without DI, for start-up decisions (whether Slack runs, whether Kestrel listens).</summary>
    public static SlackOptions? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        if (!section.Exists())
        {
            return null;
        }

        var options = new SlackOptions();
        section.Bind(options);
        var configured = !string.IsNullOrWhiteSpace(options.SigningSecret) || !string.IsNullOrWhiteSpace(options.AppToken) || !string.IsNullOrWhiteSpace(options.BotToken);
        return configured ? options : null;
    }
}

/// <summary>Checks the Slack options at start-up; each message names the setting to fix.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        if (options.EffectiveMode == SlackMode.Http && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            errors.Add("CoalitionBot:Slack:SigningSecret is required in HTTP mode (Slack app > Basic Information > Signing Secret).");
        }

        if (options.EffectiveMode == SlackMode.SocketMode && !IsToken(options.AppToken, "xapp-"))
        {
            errors.Add("CoalitionBot:Slack:AppToken must be an app-level token (xapp-…) with connections:write for Socket Mode.");
        }

        if (!string.IsNullOrWhiteSpace(options.BotToken) && !IsToken(options.BotToken, "xoxb-"))
        {
            errors.Add("CoalitionBot:Slack:BotToken must be a bot token (xoxb-…).");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            errors.Add("CoalitionBot:Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.");
        }

        if (!options.HooksBaseUrl.IsAbsoluteUri || options.HooksBaseUrl.Scheme is not ("https" or "http"))
        {
            errors.Add("CoalitionBot:Slack:HooksBaseUrl must be an absolute http(s) URL such as https://hooks.slack.com/.");
        }

        var badAdmin = options.AdminIds.FirstOrDefault(id => id.Length > 32 || !id.All(char.IsAsciiLetterOrDigit));
        if (badAdmin is not null)
        {
            errors.Add($"CoalitionBot:Slack:Admins: \"{badAdmin}\" is not a Slack user id (like U012ABCDEF).");
        }

        if (options.InlineBudget <= TimeSpan.Zero || options.InlineBudget > TimeSpan.FromMilliseconds(2800))
        {
            errors.Add("CoalitionBot:Slack:InlineBudget must be between 0 and 2.8 seconds (Slack waits 3).");
        }

        if (options.MaxBodyBytes < 4096)
        {
            errors.Add("CoalitionBot:Slack:MaxBodyBytes must be at least 4096.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsToken(string? value, string prefix) =>
        !string.IsNullOrWhiteSpace(value) && value.StartsWith(prefix, StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace);
}
