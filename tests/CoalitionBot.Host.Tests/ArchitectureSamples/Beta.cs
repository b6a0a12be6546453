using CoalitionBot.Core.Commands;

// The other sample "plugin": its module takes a service locator on purpose, so ArchitectureTests can show its check finds it.
namespace CoalitionBot.Host.Tests.ArchitectureSamples.Beta;

public static class BetaThing
{
    public static string Name => "beta";
}

public sealed class LocatorModule(IServiceProvider services) : CommandModule
{
    [Command("locator", "Resolves what it needs by hand")]
    public string Run() => services.GetType().Name;
}
