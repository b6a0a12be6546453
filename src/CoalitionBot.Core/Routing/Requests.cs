using CoalitionBot.Core.Model;

namespace CoalitionBot.Core.Routing;

/// <summary>A slash command as an adapter hands it to the router: either typed text, or a path with named raw values.</summary>
public sealed record CommandRequest
{
    public required Caller Caller { get; init; }

    /// <summary>The text after the slash (<c>task assign @ana "Call Ruiz" due:2026-12-03</c>), for Slack and the console.</summary>
    public string? Text { get; init; }

    /// <summary>The command path (<c>task assign</c>), for platforms that send options already split (Discord).</summary>
    public string? Path { get; init; }

    /// <summary>The option values by name, as text (<c>&lt;@123&gt;</c> for a user), for platforms that send options already split.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    public static CommandRequest FromText(Caller caller, string text) => new() { Caller = caller, Text = text };

    public static CommandRequest FromOptions(Caller caller, string path, IReadOnlyDictionary<string, string> options) =>
        new() { Caller = caller, Path = path, Options = options };
}

/// <summary>A button press: the action id and value that the reply's button carried.</summary>
public sealed record ButtonPress(Caller Caller, string ActionId, string Value);

/// <summary>A request for suggestions while a user types an option (Discord autocomplete).</summary>
public sealed record AutocompleteRequest(Caller Caller, string Path, string OptionName, string Partial);
