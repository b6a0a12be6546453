using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CoalitionBot.Testing;

/// <summary>Marks the PostgreSQL twin of a test class that runs on both databases; its tests are skipped, with one stated reason,
/// when no test server is configured (see <see cref="TestPostgres"/>).</summary>
/// <example>
/// <code>
/// public abstract class OutboxTests(DatabaseProvider database) { [DbFact] public async Task Enqueue_SameKey_KeepsOne() { … } }
/// public sealed class OutboxOnSqliteTests() : OutboxTests(DatabaseProvider.Sqlite);
/// [OnPostgres] public sealed class OutboxOnPostgresTests() : OutboxTests(DatabaseProvider.Postgres);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OnPostgresAttribute : Attribute;

/// <summary>A fact of a class that runs on both databases: skipped in the <see cref="OnPostgresAttribute"/> twin when there is no test server.</summary>
[XunitTestCaseDiscoverer("CoalitionBot.Testing.DbFactDiscoverer", "CoalitionBot.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;

/// <summary>A theory of a class that runs on both databases: skipped in the <see cref="OnPostgresAttribute"/> twin when there is no test server.</summary>
[XunitTestCaseDiscoverer("CoalitionBot.Testing.DbTheoryDiscoverer", "CoalitionBot.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute;

/// <summary>A fact that needs the PostgreSQL test server (moving data to it, losing it): skipped, with the reason, without one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null)
        {
            Skip = TestPostgres.SkipReason;
        }
    }
}

/// <summary>Finds <see cref="DbFactAttribute"/> tests.</summary>
public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        PostgresSkip.Applies(testMethod)
            ? [PostgresSkip.CreateCase(DiagnosticMessageSink, discoveryOptions, testMethod)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Finds <see cref="DbTheoryAttribute"/> tests.</summary>
public sealed class DbTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        PostgresSkip.Applies(testMethod)
            ? [PostgresSkip.CreateCase(DiagnosticMessageSink, discoveryOptions, testMethod)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

/// <summary>A test of a PostgreSQL twin class, skipped because no test server is configured.</summary>
public sealed class PostgresSkippedTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PostgresSkippedTestCase()
    {
    }

    public PostgresSkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => TestPostgres.SkipReason;
}

internal static class PostgresSkip
{
    public static bool Applies(ITestMethod testMethod) =>
        TestPostgres.ConnectionString is null && testMethod.TestClass.Class.GetCustomAttributes(typeof(OnPostgresAttribute)).Any();

    public static IXunitTestCase CreateCase(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod) =>
        new PostgresSkippedTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod);
}
