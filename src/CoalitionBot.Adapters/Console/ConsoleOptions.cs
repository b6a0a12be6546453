using CoalitionBot.Core.Model;

namespace CoalitionBot.Adapters.Console;

/// <summary>Options of <c>CoalitionBot:Console</c>, the local chat on standard input and output.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "CoalitionBot:Console";

    /// <summary>Whether the console chat runs. Default: true when neither Discord nor Slack is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Who you are in the console chat (<c>--user</c>). Default: <c>organizer</c>.</summary>
    public string User { get; set; } = "organizer";

    /// <summary>Your role in the console chat (<c>--role</c>). Default: <see cref="Role.Admin"/>, as the local coalition's admin.</summary>
    public Role Role { get; set; } = Role.Admin;

    /// <summary>The channel commands are typed in. Default: <c>general</c>.</summary>
    public string Channel { get; set; } = "general";

    /// <summary>The locale reported for you (e.g. <c>es</c>). Default: none, so the coalition's language applies.</summary>
    public string? Locale { get; set; }

    /// <summary>Where images of replies are saved (relative to the working directory). Default: <c>data/images</c>.</summary>
    public string ImagesDirectory { get; set; } = "data/images";
}

/// <summary>Standard input and output, replaceable in tests.</summary>
public sealed record ConsoleStreams(TextReader Input, TextWriter Output, bool IsInteractive)
{
    public static ConsoleStreams System() =>
        new(global::System.Console.In, global::System.Console.Out, !global::System.Console.IsInputRedirected);
}
