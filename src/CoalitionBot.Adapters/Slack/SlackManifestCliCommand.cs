using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Slack;

/// <summary>
/// <c>slack manifest [public address] [language]</c>: prints the Slack app manifest for the loaded plugins, one slash command per
/// command word, with the descriptions in the coalition's language (Slack shows one description per command to the whole
/// workspace, so it is written in one language).
/// </summary>
internal sealed class SlackManifestCliCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Quoted = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "slack";

    public string Usage => "slack manifest [public address] [language code]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var languages = services.GetRequiredService<LanguageCatalogs>();
        if (args.Count is < 1 or > 3 || args[0] != "manifest")
        {
            await error.WriteLineAsync($"usage: {Usage}");
            return CliExitCode.Failed;
        }

        // Either word may come first: an address has "://", a language code does not.
        var address = args.Skip(1).FirstOrDefault(a => a.Contains("://", StringComparison.Ordinal));
        var language = args.Skip(1).FirstOrDefault(a => !a.Contains("://", StringComparison.Ordinal));
        var baseUrl = address is null ? services.GetRequiredService<IOptions<BotOptions>>().Value.PublicBaseUrl : Uri.TryCreate(address, UriKind.Absolute, out var typed) ? typed : null;
        if (baseUrl is null || baseUrl.Scheme is not ("https" or "http"))
        {
            await error.WriteLineAsync(address is null
                ? "Give the bot's public address (https://bot.example.org), or set CoalitionBot:PublicBaseUrl."
                : $"\"{address}\" is not an address like https://bot.example.org.");
            return CliExitCode.Failed;
        }

        var loaded = language is null ? LanguageCatalogs.English : languages.Match(language);
        if (loaded is null)
        {
            await error.WriteLineAsync($"\"{language}\" is not a loaded language; the bot has: {string.Join(", ", languages.Languages)}.");
            return CliExitCode.Failed;
        }

        await output.WriteAsync(Manifest(services.GetRequiredService<CommandCatalog>(), languages.StringsFor(loaded), baseUrl));
        return CliExitCode.Ok;
    }

    /// <summary>The manifest as YAML; texts are double-quoted (JSON strings are YAML strings), so any character is safe.</summary>
    internal static string Manifest(CommandCatalog catalog, CatalogStringLocalizer strings, Uri baseUrl)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        var yaml = new StringBuilder();
        yaml.AppendLine("display_information:")
            .AppendLine("  name: CoalitionBot")
            .AppendLine($"  description: {Quote(Plain(strings["core.adapter.slack-app"].Value))}")
            .AppendLine("features:")
            .AppendLine("  bot_user:")
            .AppendLine("    display_name: CoalitionBot")
            .AppendLine("    always_online: true")
            .AppendLine("  slash_commands:");
        foreach (var word in catalog.Commands.Select(c => c.Words[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var own = catalog.Commands.FirstOrDefault(c => c.Words.Count == 1 && c.Words[0] == word);
            var description = own is null
                ? strings["core.adapter.command-group", new { command = new TrustedMarkup(word) }].Value
                : strings[CommandTexts.Key(own)].Value;
            yaml.AppendLine($"    - command: /{word}")
                .AppendLine($"      url: {root}/slack/commands")
                .AppendLine($"      description: {Quote(Plain(description))}")
                .AppendLine($"      usage_hint: {Quote(UsageHint(catalog, word, own))}")
                .AppendLine("      should_escape: true");
        }

        yaml.AppendLine("oauth_config:")
            .AppendLine("  scopes:")
            .AppendLine("    bot: [commands, chat:write, chat:write.public, im:write, users:read, app_mentions:read, files:write]")
            .AppendLine("settings:")
            .AppendLine("  interactivity:")
            .AppendLine("    is_enabled: true")
            .AppendLine($"    request_url: {root}/slack/interactions")
            .AppendLine("  event_subscriptions:")
            .AppendLine($"    request_url: {root}/slack/events")
            .AppendLine("    bot_events: [app_mention]")
            .AppendLine("  socket_mode_enabled: false");
        return yaml.ToString();
    }

    // What follows the command word: the bare command's options, then the next words of its subcommands ("[audience] | rebut").
    private static string UsageHint(CommandCatalog catalog, string word, CommandDescriptor? own)
    {
        var hints = new List<string>();
        if (own is { Options.Count: > 0 })
        {
            hints.Add(string.Join(' ', own.Options.Select(o => o.Usage)));
        }

        hints.AddRange(catalog.Commands.Where(c => c.Words.Count > 1 && c.Words[0] == word).Select(c => c.Words[1]).Distinct(StringComparer.Ordinal));
        return string.Join(" | ", hints);
    }

    private static string Plain(string markup) => Markup.ToPlainText(markup);

    private static string Quote(string text) => JsonSerializer.Serialize(text, Quoted);
}
