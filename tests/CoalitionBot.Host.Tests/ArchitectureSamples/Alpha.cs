using CoalitionBot.Core.Commands;
using CoalitionBot.Host.Tests.ArchitectureSamples.Beta;

// A tiny "plugin" that reaches into another on purpose, so ArchitectureTests can show its check finds it.
namespace CoalitionBot.Host.Tests.ArchitectureSamples.Alpha;

public sealed class AlphaModule : CommandModule
{
    [Command("alpha", "Reaches into Beta")]
    public string Run() => BetaThing.Name;
}
