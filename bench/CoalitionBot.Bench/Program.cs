using System.Reflection;

namespace CoalitionBot.Bench;

/// <summary>One benchmark: prints its own figures (ratios against a baseline measured in the same run) and returns an exit code.</summary>
public interface IBenchmark
{
    /// <summary>The name given on the command line (<c>dotnet run -c Release --project bench/CoalitionBot.Bench -- NAME</c>).</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args);
}

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var benchmarks = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
        if (chosen is null)
        {
            Console.WriteLine("Usage: dotnet run -c Release --project bench/CoalitionBot.Bench -- <benchmark> [options]");
            foreach (var benchmark in benchmarks)
            {
                Console.WriteLine($"  {benchmark.Name,-20} {benchmark.Description}");
            }

            return args.Length == 0 ? 0 : 1;
        }

        return await chosen.RunAsync(args[1..]);
    }
}
