using System.Reflection;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;

namespace CoalitionBot.Core.Tests;

public class PluginLoadingTests
{
    private static string SamplePluginPath =>
        typeof(PluginLoadingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SamplePluginPath").Value!;

    private static IReadOnlyList<LoadedPlugin> Load(string json, string? baseDirectory = null) =>
        new PluginLoader(BuiltInPlugins.Catalog).Load(PluginManifest.Parse(json), baseDirectory ?? AppContext.BaseDirectory);

    [Fact]
    public void Load_BuiltInsInOrder_SkipsDisabled()
    {
        var loaded = Load("""{ "plugins": [ { "name": "help", "enabled": true }, { "name": "nope", "enabled": false } ] }""");

        loaded.Select(p => p.Plugin.Name).Should().Equal("help");
    }

    [Theory]
    [InlineData("""{ "plugins": [ { "name": "tpp" } ] }""", "plugin \"tpp\" is not a built-in plugin")]
    [InlineData("""{ "plugins": [ { "name": "help" }, { "name": "HELP" } ] }""", "plugin \"HELP\" is listed twice")]
    [InlineData("""{ "plugins": [ { "enabled": true } ] }""", "plugins[0]: field \"name\" is missing")]
    [InlineData("""{ "plugins": [ { "name": "help", "enabled": "yes" } ] }""", "plugin \"help\"): field \"enabled\" must be true or false")]
    [InlineData("""{ "plugins": [ { "name": "help", "setings": {} } ] }""", "unknown field \"setings\"")]
    [InlineData("""{ "plugins": [ { "name": "help", "settings": { "color": "red" } } ] }""", "plugin \"help\": this plugin takes no settings, but settings.color is given")]
    [InlineData("""{ "plugins": { } }""", "expected an object with a \"plugins\" array")]
    [InlineData("""{ "plugins": [ """, "not valid JSON")]
    [InlineData("""{ "plugins": [ { "name": "ghost", "assembly": "plugins/Ghost.dll" } ] }""", "plugin \"ghost\": assembly \"plugins/Ghost.dll\" was not found")]
    public void Load_BadManifest_OneClearMessage(string json, string expected)
    {
        var act = () => Load(json);

        act.Should().Throw<PluginConfigurationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task Load_ExternalAssembly_LoadsByPathAndAnswers()
    {
        File.Exists(SamplePluginPath).Should().BeTrue($"the tests build the sample plugin at {SamplePluginPath}");
        var json = $$"""{ "plugins": [ { "name": "sample", "assembly": "{{SamplePluginPath.Replace("\\", "/", StringComparison.Ordinal)}}", "settings": { "greeting": "Hola", "repeat": 2 } } ] }""";
        var loaded = Load(json);

        loaded.Should().ContainSingle().Which.AssemblyPath.Should().Be(Path.GetFullPath(SamplePluginPath));
        await using var bot = await TestBot.StartAsync(plugins: ["help"], extraPlugins: loaded.Select(p => (p.Plugin, p.Settings)));
        var ana = bot.As(Platform.Console);
        var reply = await ana.SendAsync("/sample greet Ruiz");
        var waved = await ana.PressAsync("Wave");

        reply.Text.Should().StartWith("Hola Hola, Ruiz! (greeting #1)");
        waved.Text.Should().Be("ana waves at Ruiz.");
    }

    [Theory]
    [InlineData("""{ "greeting": "" }""", "settings.greeting:")]
    [InlineData("""{ "repeat": 9 }""", "settings.repeat:")]
    [InlineData("""{ "repeat": "often" }""", "settings.repeat has the wrong type of value")]
    [InlineData("""{ "greting": "Hi" }""", "settings.greting is not a setting of this plugin")]
    public void Load_ExternalPluginInvalidSettings_NamesPluginAndField(string settings, string expected)
    {
        var json = $$"""{ "plugins": [ { "name": "sample", "assembly": "{{SamplePluginPath.Replace("\\", "/", StringComparison.Ordinal)}}", "settings": {{settings}} } ] }""";

        var act = () => Load(json);

        act.Should().Throw<PluginConfigurationException>().Which.Message.Should().StartWith("plugins.json: plugin \"sample\": ").And.Contain(expected);
    }

    [Fact]
    public void Load_AssemblyWithoutThatPlugin_SaysWhatItHas()
    {
        var json = $$"""{ "plugins": [ { "name": "other", "assembly": "{{SamplePluginPath.Replace("\\", "/", StringComparison.Ordinal)}}" } ] }""";

        var act = () => Load(json);

        act.Should().Throw<PluginConfigurationException>().WithMessage("*has plugins \"sample\", not one named \"other\"*");
    }

    [Fact]
    public void Load_NotAnAssembly_IsAClearError()
    {
        var folder = Directory.CreateTempSubdirectory("cb-plugin-");
        File.WriteAllText(Path.Combine(folder.FullName, "Fake.dll"), "not a dll");

        var act = () => Load("""{ "plugins": [ { "name": "fake", "assembly": "Fake.dll" } ] }""", folder.FullName);

        act.Should().Throw<PluginConfigurationException>().WithMessage("*is not a .NET plugin assembly*");
    }
}
