using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Core;

/// <summary>Registers Core: options, database, router, and the loaded plugins with their command catalog.</summary>
public static class CoreServices
{
    /// <summary>Registers Core's services; call <see cref="AddPlugins"/> afterwards with the loaded plugins.</summary>
    public static IServiceCollection AddCoalitionBotCore(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section)
            .Validate(o => CommandContextFactory.FindZone(o.DefaultTimeZone) is not null, "CoalitionBot:DefaultTimeZone must be an IANA time zone such as America/Chicago.")
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDateTimeParser, NaturalDateTimeParser>();
        services.AddHostedService<DateTimeParserWarmUp>();
        services.AddSingleton<OptionBinder>();
        services.AddSingleton<InFlightCommands>();
        services.AddSingleton<CommandRouter>();
        services.AddScoped<TenantContext>();
        services.TryAddTransient(typeof(Lazy<>), typeof(ScopedLazy<>));
        services.AddScoped<CommandContextFactory>();
        services.TryAddSingleton(sp =>
        {
            var plugins = sp.GetService<IReadOnlyList<LoadedPlugin>>() ?? [];
            return LanguageCatalogs.Load(
                [typeof(CoreServices).Assembly, .. plugins.Select(p => p.Plugin.GetType().Assembly)],
                sp.GetRequiredService<IOptions<BotOptions>>().Value.LanguagesDirectory,
                plugins,
                sp.GetService<CommandCatalog>());
        });
        services.AddHostedService<LanguageCatalogReport>();
        services.AddCliCommand<LanguagesCliCommand>();
        Coordination.ClusterServices.AddCluster(services);
        services.AddSingleton<CallerDataCache>();
        services.AddTenantDbContext<CoalitionBotDbContext, PostgresCoalitionBotDbContext>("core");
        services.AddScoped<AuditLog>();
        services.AddSingleton<DatabaseHealth>();
        services.AddScoped<PersonalDataService>();
        services.AddPersonalDataProvider<CorePersonalData>();
        services.AddSingleton<TenantDataStore>();
        services.AddCliCommand<ExportCliCommand>();
        services.AddCliCommand<DatabaseCopyCliCommand>();
        services.AddHostedService<CommandDrainService>();
        services.AddOptions<Scheduling.OutboxOptions>().BindConfiguration(Scheduling.OutboxOptions.Section)
            .Validate(o => o.Lease > TimeSpan.Zero && o.MaxAttempts > 0 && o.BatchSize > 0 && o.Workers > 0 && o.MaxIdle > TimeSpan.Zero, "CoalitionBot:Outbox: Lease, MaxIdle, MaxAttempts, BatchSize and Workers must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<Scheduling.BackgroundGate>();
        services.AddSingleton<Scheduling.OutboxSignal>();
        services.AddScoped<Scheduling.Outbox>();
        services.AddSingleton<Scheduling.OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Scheduling.OutboxDispatcher>());
        return services;
    }

    /// <summary>Lets each plugin register its services, then builds and validates the command catalog.</summary>
    /// <exception cref="CatalogException">A plugin's commands break a rule; the message names the plugin and the command.</exception>
    public static IServiceCollection AddPlugins(this IServiceCollection services, IReadOnlyList<LoadedPlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var commands = new List<CommandDescriptor>();
        var buttons = new List<ButtonDescriptor>();
        foreach (var loaded in plugins)
        {
            try
            {
                loaded.Plugin.ConfigureServices(services, loaded.Settings);
            }
            catch (Exception ex) when (ex is not CatalogException and not PluginConfigurationException)
            {
                throw new PluginConfigurationException($"plugin \"{loaded.Plugin.Name}\" failed to register its services: {ex.Message}");
            }

            var (pluginCommands, pluginButtons) = CommandCatalog.Describe(loaded.Plugin.Name, loaded.Plugin.Modules);
            commands.AddRange(pluginCommands);
            buttons.AddRange(pluginButtons);
        }

        services.AddSingleton(new CommandCatalog(commands, buttons));
        services.AddSingleton<IReadOnlyList<LoadedPlugin>>(plugins);
        return services;
    }

    /// <summary>Reads plugins.json and loads its plugins; paths in it are relative to the file.</summary>
    public static IReadOnlyList<LoadedPlugin> LoadPlugins(IConfiguration configuration, string workingDirectory, IReadOnlyDictionary<string, Func<IBotPlugin>> builtIns)
    {
        var options = new BotOptions();
        configuration.GetSection(BotOptions.Section).Bind(options);
        var path = Path.GetFullPath(Path.Combine(workingDirectory, options.PluginsFile));
        var entries = PluginManifest.Load(path);
        return new PluginLoader(builtIns, path).Load(entries, Path.GetDirectoryName(path)!);
    }
}

/// <summary>On shutdown, waits for commands being handled to finish (up to the host's shutdown timeout).</summary>
internal sealed class CommandDrainService(InFlightCommands inFlight) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inFlight.WaitIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out; it logs that itself.
        }
    }
}

/// <summary>Builds the date recognizers' models in the background once start-up has settled, so neither start-up nor the first date waits.</summary>
/// <remarks>
/// The models take about three seconds of CPU. Built at once they competed with start-up itself for a small machine's
/// cores (the JIT, EF's models, the first answer); <see cref="After"/> the host has started (and the console's first answer,
/// see <see cref="Scheduling.BackgroundGate"/>) they take idle time instead.
/// A date typed before then builds its language's model on the spot, once.
/// </remarks>
internal sealed class DateTimeParserWarmUp(TimeProvider clock, IHostApplicationLifetime? lifetime = null, Scheduling.BackgroundGate? gate = null) : IHostedService
{
    /// <summary>How long after the host has started the models are built.</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(3);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        void Later() => _ = Task.Run(
            async () =>
            {
                try
                {
                    var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
                    if (gate is not null && !await gate.PassAsync(stopping))
                    {
                        return;
                    }

                    await Task.Delay(After, clock, stopping);
                    NaturalDateTimeParser.WarmUp();
                }
                catch (OperationCanceledException)
                {
                    // Stopped before it was worth it.
                }
            },
            CancellationToken.None);

        // Outside a generic host (a test's service provider) there is no "started" to wait for.
        if (lifetime is null)
        {
            Later();
        }
        else
        {
            lifetime.ApplicationStarted.Register(Later);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
