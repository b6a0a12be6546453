using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Plugins;

/// <summary>A plugin: its name in plugins.json, its command modules and its services (one registrar per plugin).</summary>
public interface IBotPlugin
{
    /// <summary>The name plugins.json uses (<c>"tp"</c>, <c>"help"</c>): lowercase letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>One sentence shown in <c>/help</c>.</summary>
    string Description { get; }

    /// <summary>The class that the entry's <c>settings</c> object binds to, or null when the plugin takes none.</summary>
    Type? SettingsType { get; }

    /// <summary>
    /// Catalog strings the plugin makes from its own data files (a list of methods, say) rather than its catalog files, so that a
    /// language added as files translates them like any other string. Keys belong to the plugin's catalog (<c>&lt;name&gt;.…</c>).
    /// </summary>
    IEnumerable<Localization.CatalogText> CatalogTexts => [];

    /// <summary>The <see cref="Commands.CommandModule"/> types whose methods are the plugin's commands and buttons.</summary>
    IEnumerable<Type> Modules { get; }

    /// <summary>Registers the plugin's services; <paramref name="settings"/> is the validated settings object (or null).</summary>
    void ConfigureServices(IServiceCollection services, object? settings);
}

/// <summary>Base class of a plugin without settings.</summary>
public abstract class BotPlugin : IBotPlugin
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public Type? SettingsType => null;

    /// <inheritdoc cref="IBotPlugin.CatalogTexts"/>
    public virtual IEnumerable<Localization.CatalogText> CatalogTexts => [];

    public abstract IEnumerable<Type> Modules { get; }

    void IBotPlugin.ConfigureServices(IServiceCollection services, object? settings) => ConfigureServices(services);

    /// <summary>Registers the plugin's services. Default: nothing.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

/// <summary>Base class of a plugin with a settings class, bound from plugins.json and validated with data annotations at start-up.</summary>
/// <remarks>The settings instance is registered as a singleton, so modules can take <typeparamref name="TSettings"/> in their constructor.</remarks>
public abstract class BotPlugin<TSettings> : IBotPlugin
    where TSettings : class, new()
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public Type? SettingsType => typeof(TSettings);

    /// <inheritdoc cref="IBotPlugin.CatalogTexts"/>
    public virtual IEnumerable<Localization.CatalogText> CatalogTexts => [];

    public abstract IEnumerable<Type> Modules { get; }

    void IBotPlugin.ConfigureServices(IServiceCollection services, object? settings)
    {
        var typed = settings as TSettings ?? new TSettings();
        services.AddSingleton(typed);
        ConfigureServices(services, typed);
    }

    /// <summary>Registers the plugin's services. Default: nothing.</summary>
    protected virtual void ConfigureServices(IServiceCollection services, TSettings settings)
    {
    }
}
