using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoalitionBot.Core.Plugins;

/// <summary>A plugin ready to register: the instance and its validated settings.</summary>
public sealed record LoadedPlugin(IBotPlugin Plugin, object? Settings, string? AssemblyPath);

/// <summary>Turns plugins.json entries into plugins: built-ins by name from the catalog, external ones from their DLL in their own load context.</summary>
/// <param name="builtIns">The built-in plugins by name.</param>
/// <param name="fileName">The plugins file the entries came from, as errors name it (the real path from <c>CoalitionBot:PluginsFile</c>).</param>
public sealed class PluginLoader(IReadOnlyDictionary<string, Func<IBotPlugin>> builtIns, string fileName = "plugins.json")
{
    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Loads the enabled entries in order; <paramref name="baseDirectory"/> resolves relative assembly paths.</summary>
    public IReadOnlyList<LoadedPlugin> Load(IEnumerable<PluginEntry> entries, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var loaded = new List<LoadedPlugin>();
        foreach (var entry in entries.Where(e => e.Enabled))
        {
            var (plugin, path) = entry.Assembly is null ? (FromCatalog(entry), null) : FromAssembly(entry, baseDirectory);
            var settings = BindSettings(entry, plugin, fileName);
            loaded.Add(new LoadedPlugin(plugin, settings, path));
        }

        return loaded;
    }

    /// <summary>Binds and validates a settings object; errors name the plugin and the field.</summary>
    public static object? BindSettings(PluginEntry entry, IBotPlugin plugin, string fileName = "plugins.json")
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(plugin);
        var at = $"{fileName}: plugin \"{entry.Name}\"";
        if (plugin.SettingsType is null)
        {
            if (entry.Settings is { } given && given.EnumerateObject().Any())
            {
                throw new PluginConfigurationException($"{at}: this plugin takes no settings, but settings.{given.EnumerateObject().First().Name} is given.");
            }

            return null;
        }

        object settings;
        try
        {
            settings = entry.Settings is { } json
                ? json.Deserialize(plugin.SettingsType, SettingsJson) ?? Activator.CreateInstance(plugin.SettingsType)!
                : Activator.CreateInstance(plugin.SettingsType)!;
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? "settings." + path.TrimStart('$', '.') : "settings";
            var reason = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "is not a setting of this plugin"
                : "has the wrong type of value";
            var unmapped = System.Text.RegularExpressions.Regex.Match(ex.Message, "'([^']+)' could not be mapped");
            if (unmapped.Success)
            {
                field = $"settings.{unmapped.Groups[1].Value}";
            }

            throw new PluginConfigurationException($"{at}: {field} {reason}.");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            var field = member is null ? "settings" : $"settings.{JsonNamingPolicy.CamelCase.ConvertName(member)}";
            throw new PluginConfigurationException($"{at}: {field}: {first.ErrorMessage}");
        }

        return settings;
    }

    private IBotPlugin FromCatalog(PluginEntry entry)
    {
        if (!builtIns.TryGetValue(entry.Name, out var create))
        {
            var known = string.Join(", ", builtIns.Keys.Order(StringComparer.Ordinal));
            throw new PluginConfigurationException(
                $"{fileName}: plugin \"{entry.Name}\" is not a built-in plugin (built-ins: {known}); an external plugin needs an \"assembly\" path.");
        }

        return create();
    }

    private (IBotPlugin Plugin, string Path) FromAssembly(PluginEntry entry, string baseDirectory)
    {
        var at = $"{fileName}: plugin \"{entry.Name}\"";
        var path = Path.GetFullPath(Path.Combine(baseDirectory, entry.Assembly!));
        if (!File.Exists(path))
        {
            throw new PluginConfigurationException($"{at}: assembly \"{entry.Assembly}\" was not found (looked for {path}).");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            throw new PluginConfigurationException($"{at}: \"{entry.Assembly}\" is not a .NET plugin assembly ({ex.GetType().Name}).");
        }

        List<Type> types;
        try
        {
            types = assembly.GetExportedTypes()
                .Where(t => typeof(IBotPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
                .ToList();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or TypeLoadException)
        {
            throw new PluginConfigurationException($"{at}: \"{entry.Assembly}\" could not be loaded: {ex.Message}");
        }

        var plugins = types.Select(t => (IBotPlugin)Activator.CreateInstance(t)!).ToList();
        var plugin = plugins.FirstOrDefault(p => string.Equals(p.Name, entry.Name, StringComparison.OrdinalIgnoreCase));
        if (plugin is null)
        {
            var found = plugins.Count == 0 ? "no IBotPlugin class" : "plugins " + string.Join(", ", plugins.Select(p => $"\"{p.Name}\""));
            throw new PluginConfigurationException($"{at}: \"{entry.Assembly}\" has {found}, not one named \"{entry.Name}\".");
        }

        return (plugin, path);
    }

    /// <summary>Loads a plugin and its private dependencies in isolation, sharing CoalitionBot.Core and the framework with the host.</summary>
    private sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(name: Path.GetFileNameWithoutExtension(pluginPath), isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Contracts the host already has must be the host's own copies, or plugin types would not match.
            if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), assemblyName)))
            {
                return null;
            }

            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                var path = _resolver.ResolveAssemblyToPath(assemblyName);
                return path is null ? null : LoadFromAssemblyPath(path);
            }
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
