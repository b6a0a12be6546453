using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoalitionBot.Core.Cli;

/// <summary>A verb of the host's command line that a plugin registers, run instead of the chat: <c>dotnet run --project src/CoalitionBot.Host -- stakeholders export map.csv --tenant console:local</c>.</summary>
/// <remarks>The host builds its services and migrates the database first, then runs the verb without starting the chat or Kestrel.</remarks>
public interface ICliCommand
{
    /// <summary>The first word on the command line that selects this verb: lowercase letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>How to call the verb, shown when it is misused (<c>stakeholders import|export &lt;file&gt; --tenant &lt;id&gt;</c>).</summary>
    string Usage { get; }

    /// <summary>Runs the verb with the words after its name, writes its report, and returns a <see cref="CliExitCode"/>.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}

/// <summary>Exit codes of command-line verbs.</summary>
public static class CliExitCode
{
    /// <summary>Everything was done.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: wrong arguments, an unreadable file, or some rows were rejected.</summary>
    public const int Failed = 1;

    /// <summary>The bot is misconfigured (plugins.json, settings, database).</summary>
    public const int Configuration = 2;
}

/// <summary>Registers command-line verbs and dispatches the host's arguments to them.</summary>
public static partial class CliCommands
{
    /// <summary>Registers a verb; the host runs it when the first command-line word is its <see cref="ICliCommand.Name"/>.</summary>
    public static IServiceCollection AddCliCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, ICliCommand
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, TCommand>());
        return services;
    }

    /// <summary>Splits the host's arguments: a first word that is not an option (<c>--urls</c>, <c>key=value</c>) names a verb and the rest are its arguments.</summary>
    public static (string[] HostArgs, string? Verb, string[] VerbArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && VerbWord().IsMatch(args[0]) ? ([], args[0], args[1..]) : (args, null, []);
    }

    /// <summary>Runs the named verb; an unknown name lists the verbs the loaded plugins offer.</summary>
    public static async Task<int> RunAsync(
        IServiceProvider services, string verb, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        var commands = services.GetServices<ICliCommand>().ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, verb, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            var known = commands.Count == 0 ? "none" : string.Join("; ", commands.Select(c => c.Usage).Order(StringComparer.Ordinal));
            await error.WriteLineAsync(
                $"Unknown command \"{verb}\". Commands: {known}. A plugin's command needs its plugin enabled in plugins.json.");
            return CliExitCode.Failed;
        }

        return await command.RunAsync(args, services, output, error, cancellationToken);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex VerbWord();
}

/// <summary>
/// Where command-line verbs put the files they write: a bare file name (<c>map.csv</c>) goes into <see cref="ExportFolder"/>,
/// which <c>.gitignore</c> covers (exports hold names and phone numbers and must not be committed by accident); a path
/// with a folder is used as given.
/// </summary>
public static class CliFiles
{
    /// <summary>The folder bare file names are written to and read from, relative to the working directory.</summary>
    public static readonly string ExportFolder = Path.Combine("data", "exports");

    /// <summary>The full path to write <paramref name="file"/> to; creates <see cref="ExportFolder"/> for a bare name.</summary>
    public static string ForWriting(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        if (!IsBare(file))
        {
            return Path.GetFullPath(file);
        }

        Directory.CreateDirectory(ExportFolder);
        return Path.GetFullPath(Path.Combine(ExportFolder, file));
    }

    /// <summary>The path to read <paramref name="file"/> from: as given when it exists, else a bare name in <see cref="ExportFolder"/> when it is there.</summary>
    public static string ForReading(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var exported = Path.Combine(ExportFolder, file);
        return IsBare(file) && !File.Exists(file) && File.Exists(exported) ? Path.GetFullPath(exported) : file;
    }

    private static bool IsBare(string file) => Path.GetFileName(file) == file && !Path.IsPathRooted(file);
}
