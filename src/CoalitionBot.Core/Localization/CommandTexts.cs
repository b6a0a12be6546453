using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Plugins;

namespace CoalitionBot.Core.Localization;

/// <summary>
/// The descriptions plugins give their commands, options and themselves (the <c>[Command]</c> and <c>[Option]</c> attributes,
/// in English, the source) as catalog entries, so that every language, Spanish included, translates them in its catalog
/// files like any other string, and the pseudo-locale covers them: <c>coalition.command.coalition.setup</c>, <c>coalition.command.coalition.timezone.option.zone</c>,
/// <c>coalition.plugin</c>.
/// </summary>
public static class CommandTexts
{
    /// <summary>The key of a command's description.</summary>
    public static string Key(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return $"{command.PluginName}.command.{string.Join('.', command.Words)}";
    }

    /// <summary>The key of an option's description.</summary>
    public static string Key(CommandDescriptor command, OptionDescriptor option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return $"{Key(command)}.option.{option.Name}";
    }

    /// <summary>The key of a plugin's one-line description.</summary>
    public static string PluginKey(string plugin) => $"{plugin}.plugin";

    /// <summary>True when <paramref name="key"/> has the shape of a command, option or plugin description key.</summary>
    public static bool IsDescriptionKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var catalog = CatalogEntry.CatalogOf(key);
        return key == PluginKey(catalog) || key.StartsWith(catalog + ".command.", StringComparison.Ordinal);
    }

    /// <summary>The entries for the loaded plugins' commands: key, English, built-in Spanish (for a plugin's data texts) and the translator's note.</summary>
    internal static IEnumerable<GeneratedEntry> Describe(IEnumerable<LoadedPlugin> plugins, CommandCatalog? catalog)
    {
        foreach (var plugin in plugins.Select(p => p.Plugin))
        {
            yield return new(PluginKey(plugin.Name), plugin.Description, null, $"What the \"{plugin.Name}\" plugin does, as a heading in /help.");
            foreach (var text in plugin.CatalogTexts)
            {
                yield return new(text.Key, text.English, text.Spanish, text.Note);
            }
        }

        foreach (var command in catalog?.Commands ?? [])
        {
            yield return new(Key(command), command.Description, null, $"What /{command.Path} does (/help, and the command list of the chat app).");
            foreach (var option in command.Options)
            {
                yield return new(Key(command, option), option.Description, null, $"The option \"{option.Name}\" of /{command.Path}.");
            }
        }
    }
}

/// <summary>A catalog string a plugin makes from its data (see <see cref="IBotPlugin.CatalogTexts"/>): its key, English (the source), the built-in Spanish if any, and the translator's note.</summary>
public sealed record CatalogText(string Key, string English, string? Spanish, string Note);

/// <summary>A catalog entry made from code rather than read from a file.</summary>
internal sealed record GeneratedEntry(string Key, string English, string? Spanish, string Note);
