using CoalitionBot.Core.Cli;

namespace CoalitionBot.Core.Tests;

public class CliFilesTests
{
    [Fact]
    public void ForWriting_BareName_GoesIntoTheIgnoredExportsFolder()
    {
        var path = CliFiles.ForWriting($"map-{Guid.NewGuid():N}.csv");

        Path.GetDirectoryName(path).Should().Be(Path.GetFullPath(Path.Combine("data", "exports")));
        Directory.Exists(Path.GetDirectoryName(path)).Should().BeTrue();
    }

    [Fact]
    public void ForWriting_PathWithAFolder_IsUsedAsGiven()
    {
        var file = Path.Combine(Path.GetTempPath(), "coalition.json");

        CliFiles.ForWriting(file).Should().Be(file);
        CliFiles.ForWriting(Path.Combine("out", "map.csv")).Should().Be(Path.GetFullPath(Path.Combine("out", "map.csv")));
    }

    [Fact]
    public async Task ForReading_BareNameOnlyInExports_ReadsTheExport()
    {
        var name = $"map-{Guid.NewGuid():N}.csv";
        var exported = CliFiles.ForWriting(name);
        await File.WriteAllTextAsync(exported, "name\n");

        CliFiles.ForReading(name).Should().Be(exported);
        CliFiles.ForReading("missing-" + name).Should().Be("missing-" + name, "a missing file is reported under the name typed");
        File.Delete(exported);
    }
}
