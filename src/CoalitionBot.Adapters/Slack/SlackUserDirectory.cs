using System.Text.Json;
using CoalitionBot.Core.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>What <c>users.info</c> tells about a person: locale and the name to show.</summary>
public sealed record SlackUserInfo(string? Locale, string? DisplayName);

/// <summary>Looks up people's locale and display name with <c>users.info</c>, cached per person for an hour (bounded), never holding a command up for long.</summary>
public sealed class SlackUserDirectory
{
    /// <summary>How long a person's locale is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>How long a failed lookup is remembered, so a broken token or a missing scope does not cost a call per command.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromMinutes(5);

    private readonly SlackApiClient _api;
    private readonly bool _enabled;
    private readonly ILogger<SlackUserDirectory> _logger;
    private readonly BoundedCache<string, Task<SlackUserInfo?>> _cache;

    public SlackUserDirectory(SlackApiClient api, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackUserDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _enabled = !string.IsNullOrWhiteSpace(options.Value.BotToken);
        _logger = logger;
        _cache = new BoundedCache<string, Task<SlackUserInfo?>>(10_000, Lifetime, clock);
    }

    /// <summary>The person's info, or null when it is unknown or not known yet; the lookup goes on in the background and fills the cache.</summary>
    public Task<SlackUserInfo?> GetAsync(string tenant, string userId)
    {
        if (!_enabled)
        {
            return Task.FromResult<SlackUserInfo?>(null);
        }

        var key = tenant + "/" + userId;
        return _cache.GetOrAdd(key, _ => FetchAsync(key, userId, new TenantId(tenant).WorkspaceOf(Platform.Slack)));
    }

    private async Task<SlackUserInfo?> FetchAsync(string key, string userId, string? team)
    {
        await Task.Yield();
        var result = await _api.UsersInfoAsync(userId, CancellationToken.None, team);
        if (!result.Ok || result.Body.ValueKind != JsonValueKind.Object || !result.Body.TryGetProperty("user", out var user))
        {
            _logger.LogDebug("users.info for a person failed: {Error}", result.Error);
            // Keep the failure only briefly, then ask again.
            _cache.Set(key, Task.FromResult<SlackUserInfo?>(null), FailureLifetime);
            return null;
        }

        string? Text(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

        var profile = user.TryGetProperty("profile", out var p) ? p : default;
        return new SlackUserInfo(Text(user, "locale"), Text(profile, "display_name") ?? Text(profile, "real_name") ?? Text(user, "real_name"));
    }
}
