using System.Text.Json;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins.Tasks;

namespace CoalitionBot.Plugins.Tests.Tasks;

public class TaskSettingsTests
{
    [Fact]
    public void Load_TheRepositorysPluginsJsonEntry_BindsTheTasksSettings()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CoalitionBot.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var entries = PluginManifest.Load(Path.Combine(root, "plugins.json"));
        var loaded = new PluginLoader(BuiltInPlugins.Catalog).Load(entries.Where(e => e.Name == "tasks").ToList(), root);

        var settings = loaded.Should().ContainSingle().Subject.Settings.Should().BeOfType<TasksSettings>().Subject;
        settings.NudgeBefore.Should().Be(TimeSpan.FromDays(1));
        settings.DigestTimeOfDay.Should().Be(new TimeOnly(8, 0));
        settings.DefaultDueTimeOfDay.Should().Be(new TimeOnly(17, 0));
    }

    [Theory]
    [InlineData("""{ "digestTime": "25:00" }""", "settings.digestTime")]
    [InlineData("""{ "defaultDueTime": "5pm" }""", "settings.defaultDueTime")]
    [InlineData("""{ "nudgeBefore": "00:01:00" }""", "settings.nudgeBefore")]
    public void Load_BadSettings_NameTheField(string settings, string expected)
    {
        var entry = new PluginEntry("tasks", true, null, JsonDocument.Parse(settings).RootElement);

        var act = () => new PluginLoader(BuiltInPlugins.Catalog).Load([entry], AppContext.BaseDirectory);

        act.Should().Throw<PluginConfigurationException>().Which.Message.Should().Contain("\"tasks\"").And.Contain(expected);
    }
}
