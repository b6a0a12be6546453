using System.Net;
using System.Text.Json.Nodes;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Discord;

/// <summary>At start, checks the catalog against Discord's limits (a violation stops start-up) and registers the commands with one bulk overwrite per scope.</summary>
/// <remarks>A network or Discord failure does not stop the bot: registration is retried with backoff and reported in <c>/healthz</c>.</remarks>
public sealed partial class DiscordCommandRegistrar(
    CommandCatalog catalog,
    LanguageCatalogs languages,
    DiscordRestClient rest,
    DiscordAdapterStatus status,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordCommandRegistrar> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _registering;

    /// <summary>Completes when the commands are registered everywhere (or registration gave up).</summary>
    public Task Registered => _registering ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Throws CatalogException, which stops start-up with the command named.
        var commands = DiscordCommandBuilder.Build(catalog, languages, problem => Log.TranslationSkipped(logger, problem));
        if (options.Value.RegisterCommands)
        {
            _registering = RegisterAllAsync(commands, _stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_registering is not null)
        {
            // Registration may end cancelled or failed (logged where it happened): shutdown only waits for it to end.
            await _registering.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RegisterAllAsync(JsonArray commands, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var scopes = options.Value.GuildIds.Count == 0 ? [null] : options.Value.GuildIds.Select(g => (string?)g).ToList();
        foreach (var guild in scopes)
        {
            var wait = TimeSpan.FromSeconds(5);
            while (!cancellationToken.IsCancellationRequested)
            {
                var response = await rest.BulkOverwriteCommandsAsync(guild, commands, cancellationToken);
                if (response.IsSuccess)
                {
                    Log.Registered(logger, commands.Count, guild ?? "global");
                    status.Degrade(null);
                    break;
                }

                if (!response.IsRetryable)
                {
                    var problem = response.Status == HttpStatusCode.Unauthorized
                        ? "Discord rejected the bot token (CoalitionBot:Discord:BotToken); commands are not registered."
                        : $"Discord refused the commands for {guild ?? "global"}: {response}";
                    Log.Refused(logger, problem);
                    if (response.Status == HttpStatusCode.Unauthorized)
                    {
                        status.Stop(problem);
                        return;
                    }

                    status.Degrade(problem);
                    break;
                }

                status.Degrade($"Discord unreachable while registering commands: {response}");
                Log.Retrying(logger, response.ToString(), wait.TotalSeconds);
                // Cancelled on shutdown: the loop then sees the token and stops.
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Discord: {Count} commands registered ({Scope})")]
        public static partial void Registered(ILogger logger, int count, string scope);

        [LoggerMessage(EventId = 142, Level = LogLevel.Error, Message = "{Problem}")]
        public static partial void Refused(ILogger logger, string problem);

        [LoggerMessage(EventId = 143, Level = LogLevel.Warning, Message = "Discord command registration failed ({Problem}); retrying in {Seconds:F0} s")]
        public static partial void Retrying(ILogger logger, string problem, double seconds);

        [LoggerMessage(EventId = 144, Level = LogLevel.Warning, Message = "Discord: {Problem}")]
        public static partial void TranslationSkipped(ILogger logger, string problem);
    }
}
