using System.Reflection;
using CoalitionBot.Adapters.Console;
using CoalitionBot.Core.Commands;
using CoalitionBot.Plugins;
using NetArchTest.Rules;

namespace CoalitionBot.Host.Tests;

/// <summary>
/// The dependency rule of DESIGN.md, checked on the compiled assemblies (method bodies included): Core references no
/// project of ours, adapters and plugins never reference each other, plugins meet only through <c>Plugins.Shared</c>,
/// and command modules get what they need from their constructor, not from a service locator.
/// </summary>
public class ArchitectureTests
{
    private const string SharedNamespace = "CoalitionBot.Plugins.Shared";

    private static readonly Assembly Core = typeof(CommandModule).Assembly;
    private static readonly Assembly Adapters = typeof(ConsoleRenderer).Assembly;
    private static readonly Assembly Plugins = typeof(BuiltInPlugins).Assembly;

    [Fact]
    public void Core_ReferencesNoProjectOfOurs() =>
        OurReferences(Core).Should().BeEmpty();

    [Fact]
    public void Adapters_ReferenceOnlyCore() =>
        OurReferences(Adapters).Should().Equal(Core.GetName().Name);

    [Fact]
    public void Plugins_ReferenceOnlyCore() =>
        OurReferences(Plugins).Should().Equal(Core.GetName().Name);

    [Fact]
    public void BuiltInPlugins_UseEachOthersTypesOnlyThroughShared()
    {
        var namespaces = BuiltInPlugins.Catalog.Values.Select(create => create().GetType().Namespace!).ToList();

        namespaces.Should().HaveCount(BuiltInPlugins.Catalog.Count).And.OnlyHaveUniqueItems().And.NotContain(SharedNamespace);
        CrossPluginUses(Plugins, namespaces).Should().BeEmpty();
    }

    [Fact]
    public void Shared_UsesNoPlugin()
    {
        var namespaces = BuiltInPlugins.Catalog.Values.Select(create => create().GetType().Namespace!).ToArray();

        var result = Types.InAssembly(Plugins).That().ResideInNamespace(SharedNamespace).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();

        (result.FailingTypeNames ?? []).Should().BeEmpty();
    }

    [Fact]
    public void CrossPluginUses_APluginReachingIntoAnother_IsFound()
    {
        var samples = typeof(ArchitectureSamples.Alpha.AlphaModule).Namespace![..^".Alpha".Length];

        var found = CrossPluginUses(typeof(ArchitectureTests).Assembly, [$"{samples}.Alpha", $"{samples}.Beta"]);

        found.Should().Equal($"{samples}.Alpha.AlphaModule uses {samples}.Beta");
    }

    [Fact]
    public void Modules_OfEveryBuiltInPlugin_TakeNoServiceProvider() =>
        ModulesTakingServiceProvider(BuiltInPlugins.Catalog.Values.SelectMany(create => create().Modules)).Should().BeEmpty();

    [Fact]
    public void ModulesTakingServiceProvider_AModuleWithALocator_IsFound() =>
        ModulesTakingServiceProvider([typeof(ArchitectureSamples.Alpha.AlphaModule), typeof(ArchitectureSamples.Beta.LocatorModule)])
            .Should().Equal(typeof(ArchitectureSamples.Beta.LocatorModule).FullName);

    private static List<string> OurReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("CoalitionBot.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>"A.Type uses B" for every type of one plugin namespace that depends on another plugin's namespace.</summary>
    private static List<string> CrossPluginUses(Assembly assembly, IReadOnlyList<string> pluginNamespaces) =>
        pluginNamespaces.SelectMany(own => pluginNamespaces.Where(other => other != own).SelectMany(other =>
                (Types.InAssembly(assembly).That().ResideInNamespace(own).ShouldNot().HaveDependencyOn(other).GetResult().FailingTypeNames ?? [])
                .Select(type => $"{type} uses {other}")))
            .ToList();

    private static List<string> ModulesTakingServiceProvider(IEnumerable<Type> modules) =>
        modules.Where(m => m.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IServiceProvider))))
            .Select(m => m.FullName!)
            .ToList();
}
