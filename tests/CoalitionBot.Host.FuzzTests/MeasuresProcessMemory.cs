namespace CoalitionBot.Host.FuzzTests;

/// <summary>Tests that measure the process's managed memory run after all others, one at a time, so no other test's work counts as theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresProcessMemory
{
    public const string Name = "Measures the process's memory";
}
