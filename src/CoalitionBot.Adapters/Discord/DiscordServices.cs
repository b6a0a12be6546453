using System.Text.Json;
using CoalitionBot.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoalitionBot.Adapters.Edge;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Registers the Discord adapter and maps its HTTP endpoint.</summary>
public static class DiscordServices
{
    /// <summary>The path Discord posts interactions to (the "Interactions Endpoint URL" is the public origin + this).</summary>
    public const string InteractionsPath = "/discord/interactions";

    /// <summary>The largest interaction body read: interaction payloads are a few KiB (options total at most 6,000 characters).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Registers the Discord adapter: REST client, messenger, interactions, command registration, and the Gateway in Gateway mode.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordRestClient.HttpClientName),
            sp.GetRequiredService<DiscordRateLimiter>(),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<DiscordMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<DiscordMessenger>());
        services.AddSingleton<DiscordAdapterStatus>();
        services.AddSingleton<IAdapterStatus>(sp => sp.GetRequiredService<DiscordAdapterStatus>());
        services.AddAdapterEdge();
        services.AddSingleton<DiscordInteractionGuard>();
        services.AddSingleton<DiscordInteractionResponder>();
        services.AddSingleton<DiscordInteractions>();
        services.AddSingleton<DiscordCommandRegistrar>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordCommandRegistrar>());
        services.AddSingleton(sp => new DiscordSignature(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey ?? new string('0', 64), sp.GetRequiredService<TimeProvider>()));

        var mode = (configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new DiscordOptions()).EffectiveMode;
        if (mode == DiscordMode.Gateway)
        {
            services.AddSingleton<DiscordShards>();
            services.AddHostedService(sp => sp.GetRequiredService<DiscordShards>());
        }

        return services;
    }

    /// <summary>Maps <c>POST /discord/interactions</c> when Discord runs in Http mode.</summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (options.EffectiveMode == DiscordMode.Http)
        {
            endpoints.MapPost(InteractionsPath, HandleAsync);
        }

        return endpoints;
    }

    /// <summary>Verifies the signature over the raw body, then answers: 401 for any bad signature, 400 for a bad body, else the interaction response.</summary>
    internal static async Task HandleAsync(HttpContext http, DiscordSignature signature, DiscordInteractions interactions, BackgroundWork background)
    {
        var request = http.Request;
        string? signatureHex = request.Headers["X-Signature-Ed25519"];
        string? timestamp = request.Headers["X-Signature-Timestamp"];
        if (!signature.HasFreshHeaders(signatureHex, timestamp))
        {
            // Refused before a byte of the body is read: an unsigned or stale request costs nothing to turn away.
            await Unauthorized(http);
            return;
        }

        var body = await RequestBody.ReadAsync(http, MaxBodyBytes);
        if (body is null)
        {
            return;
        }

        if (!signature.Verify(signatureHex, timestamp, body))
        {
            await Unauthorized(http);
            return;
        }

        var document = JsonInput.TryParse(body, out var error);
        if (document is null)
        {
            await Bad(http, error!);
            return;
        }

        using (document)
        {
            var answer = await interactions.HandleAsync(document.RootElement);
            if (answer.Json is null)
            {
                await Bad(http, answer.Error ?? "not an interaction");
                return;
            }

            if (answer.Continuation is { } next)
            {
                // Follow-ups and deferred answers go out once Discord has the initial answer.
                http.Response.OnCompleted(() =>
                {
                    background.Run(next);
                    return Task.CompletedTask;
                });
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            await JsonAnswer.WriteAsync(http.Response, answer.Json, "application/json", CancellationToken.None);
        }
    }

    private static Task Unauthorized(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return http.Response.WriteAsync("invalid request signature", http.RequestAborted);
    }

    private static async Task Bad(HttpContext http, string error)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new { error }), CancellationToken.None);
    }
}
