using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using CoalitionBot.Adapters.Edge;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Registers the Slack adapter: options, Web API client, messenger, HTTP request handling and Socket Mode.</summary>
public static class SlackServices
{
    /// <summary>True when any Slack credential is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration) => SlackOptions.Read(configuration) is not null;

    /// <summary>True when Slack runs in HTTP mode, so Kestrel must listen for <c>/slack/*</c>.</summary>
    public static bool NeedsHttpListener(IConfiguration configuration) => SlackOptions.Read(configuration)?.EffectiveMode == SlackMode.Http;

    /// <summary>Registers the <c>slack manifest</c> command-line verb, which needs no Slack configuration.</summary>
    public static IServiceCollection AddSlackManifest(this IServiceCollection services) => services.AddCliCommand<SlackManifestCliCommand>();

    /// <summary>Registers the adapter; options come from <c>CoalitionBot:Slack</c> and are validated on start.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // No request logging on these clients: response URLs carry secrets in their path.
        services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHttpClient(SlackResponder.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();

        services.AddSingleton<SlackStatus>();
        services.AddSingleton<IAdapterStatus>(sp => sp.GetRequiredService<SlackStatus>());
        services.AddSingleton<SlackRateLimiter>();
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackImageLinks>();
        services.AddAdapterEdge();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<SlackMessenger>());
        services.AddSingleton<SlackSocketModeClient>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeClient>());
        return services;
    }
}
