using CoalitionBot.Adapters.Console;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoalitionBot.Adapters;

/// <summary>Registers the platform adapters that the configuration asks for.</summary>
public static class AdapterServices
{
    /// <summary>True when Discord or Slack credentials are configured.</summary>
    public static bool IsAnyPlatformConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] keys =
        [
            "CoalitionBot:Slack:SigningSecret", "CoalitionBot:Slack:AppToken", "CoalitionBot:Slack:BotToken",
            "CoalitionBot:Discord:PublicKey", "CoalitionBot:Discord:BotToken",
        ];
        return keys.Any(k => !string.IsNullOrWhiteSpace(configuration[k]));
    }

    /// <summary>True when the console chat should run: <c>CoalitionBot:Console:Enabled</c>, else when no platform is configured.</summary>
    public static bool IsConsoleEnabled(IConfiguration configuration)
    {
        var options = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        return options.Enabled ?? !IsAnyPlatformConfigured(configuration);
    }

    /// <summary>Registers the console chat on standard input and output (or the given streams).</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, ConsoleStreams? streams = null)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.User) && !o.User.Any(char.IsWhiteSpace), "CoalitionBot:Console:User must be one word.")
            .ValidateOnStart();
        services.TryAddSingleton(streams ?? ConsoleStreams.System());
        services.TryAddSingleton<ConsoleWriter>();
        services.TryAddSingleton<ConsoleImages>();
        services.AddSingleton<ConsoleMessenger>();
        services.AddSingleton<IMessenger>(sp => sp.GetRequiredService<ConsoleMessenger>());
        services.AddSingleton<ConsoleChat>();

        // A person at the console gets the first answer before the background loops start (at most a few seconds later).
        services.Replace(ServiceDescriptor.Singleton(sp => BackgroundGate.Held(sp.GetRequiredService<TimeProvider>(), BackgroundGate.MaxHold)));
        services.AddSingleton<IAdapterStatus>(sp => sp.GetRequiredService<ConsoleChat>());
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleChat>());
        return services;
    }
}
