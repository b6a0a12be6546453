using System.Text.Json;

namespace CoalitionBot.Core.Plugins;

/// <summary>One entry of plugins.json.</summary>
/// <param name="Name">The plugin's name.</param>
/// <param name="Enabled">Whether it loads.</param>
/// <param name="Assembly">For an external plugin: the DLL path, relative to plugins.json.</param>
/// <param name="Settings">The raw settings object, bound later to the plugin's settings class.</param>
public sealed record PluginEntry(string Name, bool Enabled, string? Assembly, JsonElement? Settings);

/// <summary>Reads plugins.json: <c>{ "plugins": [ { "name": "tp", "enabled": true, "settings": { … } } ] }</c>, in load order.</summary>
public static class PluginManifest
{
    /// <summary>Reads and checks the file; any problem throws <see cref="PluginConfigurationException"/> naming the entry and field.</summary>
    public static IReadOnlyList<PluginEntry> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PluginConfigurationException($"{path} was not found. Create it (see README, \"plugins.json\") or set CoalitionBot:PluginsFile.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the JSON text of a plugins.json file.</summary>
    public static IReadOnlyList<PluginEntry> Parse(string json, string fileName = "plugins.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new PluginConfigurationException($"{fileName}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:")[0]}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("plugins", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                throw new PluginConfigurationException($"{fileName}: expected an object with a \"plugins\" array.");
            }

            var entries = new List<PluginEntry>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                entries.Add(ReadEntry(item, $"{fileName}: plugins[{index}]"));
                index++;
            }

            var duplicate = entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new PluginConfigurationException($"{fileName}: plugin \"{duplicate.Last().Name}\" is listed twice.");
            }

            return entries;
        }
    }

    private static PluginEntry ReadEntry(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new PluginConfigurationException($"{where}: expected an object like {{ \"name\": \"help\", \"enabled\": true }}.");
        }

        if (!item.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            throw new PluginConfigurationException($"{where}: field \"name\" is missing.");
        }

        var name = nameElement.GetString()!.Trim();
        var at = $"{where} (plugin \"{name}\")";
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("name" or "enabled" or "assembly" or "settings"))
            {
                throw new PluginConfigurationException($"{at}: unknown field \"{property.Name}\" (expected name, enabled, assembly, settings).");
            }
        }

        var enabled = true;
        if (item.TryGetProperty("enabled", out var enabledElement))
        {
            enabled = enabledElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new PluginConfigurationException($"{at}: field \"enabled\" must be true or false."),
            };
        }

        string? assembly = null;
        if (item.TryGetProperty("assembly", out var assemblyElement))
        {
            assembly = assemblyElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(assemblyElement.GetString())
                ? assemblyElement.GetString()
                : throw new PluginConfigurationException($"{at}: field \"assembly\" must be a path to a DLL.");
        }

        JsonElement? settings = null;
        if (item.TryGetProperty("settings", out var settingsElement))
        {
            settings = settingsElement.ValueKind == JsonValueKind.Object
                ? settingsElement.Clone()
                : throw new PluginConfigurationException($"{at}: field \"settings\" must be an object.");
        }

        return new PluginEntry(name, enabled, assembly, settings);
    }
}

/// <summary>plugins.json or a plugin's settings are wrong; start-up stops with this message alone.</summary>
public sealed class PluginConfigurationException(string message) : Exception(message);
