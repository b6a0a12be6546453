using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Cli;

/// <summary>A host command-line verb (<c>dotnet run --project src/CoalitionBot.Host -- export --tenant slack:T1 out.json</c>) that Core or a plugin registers.</summary>
/// <remarks>The host builds its services and migrates the database, then runs the verb instead of the chat; nothing listens.</remarks>
public interface ICliCommand
{
    /// <summary>The first command-line word that selects this command (<c>export</c>).</summary>
    string Verb { get; }

    /// <summary>One line showing its arguments (<c>export --tenant &lt;id&gt; &lt;file&gt;</c>).</summary>
    string Usage { get; }

    /// <summary>Runs with the words after the verb; returns the process exit code (0 done, 1 failed, 2 wrong arguments).</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}

/// <summary>Registers and dispatches <see cref="ICliCommand"/> verbs.</summary>
public static class CliCommands
{
    /// <summary>Registers a command-line verb.</summary>
    public static IServiceCollection AddCliCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, ICliCommand =>
        services.AddTransient<ICliCommand, TCommand>();

    /// <summary>True when the first argument is a word rather than an option (<c>--urls</c>): the host should run a verb, not the chat.</summary>
    public static bool IsVerb(IReadOnlyList<string> args) =>
        args is { Count: > 0 } && !string.IsNullOrWhiteSpace(args[0]) && !args[0].StartsWith('-') && !args[0].StartsWith('/');

    /// <summary>Runs the verb named by the first argument; an unknown verb lists the known ones and returns 2.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var commands = services.GetServices<ICliCommand>().ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Verb, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command \"{args[0]}\". Commands: {string.Join("; ", commands.Select(c => c.Usage).Order(StringComparer.Ordinal))}");
            return 2;
        }

        return await command.RunAsync(args.Skip(1).ToList(), output, error, cancellationToken);
    }
}
