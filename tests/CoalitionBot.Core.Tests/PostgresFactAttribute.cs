namespace CoalitionBot.Core.Tests;

/// <summary>A test that needs a PostgreSQL server: it runs when <c>COALITIONBOT_TEST_POSTGRES</c> holds a connection string (as <c>.ci/run</c> sets it), and is skipped with that reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "COALITIONBOT_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = $"PostgreSQL run skipped: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres) to run it.";
        }
    }

    /// <summary>The test server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
}
