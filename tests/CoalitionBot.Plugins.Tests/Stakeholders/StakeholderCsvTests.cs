using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Stakeholders;
using CoalitionBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CoalitionBot.Plugins.Tests.Stakeholders.StakeholderTestBot;

namespace CoalitionBot.Plugins.Tests.Stakeholders;

public class StakeholderCsvTests
{
    private static readonly TenantId Springfield = TestBot.DefaultTenant(Platform.Slack);
    private static readonly TenantId Copy = TenantId.For(Platform.Discord, "777");
    private static readonly UserRef Importer = new("cli:test", "test (CSV import)");
    private static readonly string Header = string.Join(",", StakeholderCsv.Columns);

    [Fact]
    public async Task ExportThenImport_IntoAnotherCoalition_GivesTheSameMap()
    {
        await using var bot = await StartAsync();
        var lead = await LeadWithMapAsync(bot);
        await lead.SendAsync("/stakeholder update \"Ana Ruiz\" owner:@maria notes:\"Chairs budget, said \"\"maybe\"\"\nfollow up, after vote\" website:springfield.gov/ruiz next-election:2027-11-02 phone:+1 555 0100");
        await lead.SendAsync("/stakeholder update \"First Baptist Church\" notes:=HYPERLINK(\"http://x\") committees:Interfaith council; Sanctuary task force");
        await lead.SendAsync("/stakeholder contact \"Tomás Ruiz\" met at the jail visit");

        var exported = await ExportAsync(bot, Springfield);
        var report = await ImportAsync(bot, Copy, exported);
        var again = await ExportAsync(bot, Copy);

        report.Should().BeEquivalentTo(new { Added = 4, Updated = 0, Unchanged = 0, Rejected = Array.Empty<RejectedRow>(), FileError = (string?)null });
        again.Should().Be(exported);
        var copied = await OneAsync(bot, Copy, "Ana Ruiz");
        copied.Should().BeEquivalentTo(await OneAsync(bot, Springfield, "Ana Ruiz"), o => o.Excluding(s => s.Id).Excluding(s => s.TenantId).Excluding(s => s.CreatedAt).Excluding(s => s.UpdatedAt));
        exported.Should().Contain("'=HYPERLINK").And.Contain(",+1 555 0100,");
        (await OneAsync(bot, Copy, "First Baptist Church")).Notes.Should().Be("=HYPERLINK(\"http://x\")");
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondTimeChangesNothing()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);
        var exported = await ExportAsync(bot, Springfield);
        var events = (await EventsAsync(bot, Springfield)).Count;

        var report = await ImportAsync(bot, Springfield, exported);

        report.Unchanged.Should().Be(4);
        report.Added.Should().Be(0);
        (await EventsAsync(bot, Springfield)).Should().HaveCount(events);
    }

    [Fact]
    public async Task Import_KnownName_UpdatesWithHistoryPerField()
    {
        await using var bot = await StartAsync();
        await LeadWithMapAsync(bot);

        var report = await ImportAsync(bot, Springfield, "name,stance,phone\r\nana ruiz,aliado-pasivo,555-0100\r\n");

        report.Updated.Should().Be(1);
        var ana = await OneAsync(bot, Springfield, "ana ruiz");
        ana.Stance.Should().Be(Stance.PassiveAlly);
        ana.Kind.Should().Be(StakeholderKind.CityCouncilMember, "columns that are not in the file stay as they are");
        var changes = (await EventsAsync(bot, Springfield)).Where(e => e.StakeholderId == ana.Id && e.ByUserId == "cli:test").ToList();
        changes.Select(e => (e.Kind, e.Field, e.OldValue, e.NewValue)).Should().Equal(
            (StakeholderEventKind.Changed, "name", "Ana Ruiz", "ana ruiz"),
            (StakeholderEventKind.StanceChanged, "stance", "neutral", "passive-ally"),
            (StakeholderEventKind.Changed, "phone", null, "555-0100"));
    }

    [Fact]
    public async Task Import_BadRows_AreRejectedWithReasons_AndNeverHalfImported()
    {
        await using var bot = await StartAsync();
        var csv = """
            name,kind,stance,email,phone,notes
            Luis Soto,county-commissioner,neutral,luis@lake.gov,,"Fine, with a comma"
            Marta Gil,mayor,friendly,marta@x.org,,
            ,mayor,neutral,,,
            Ana Ruiz,union,neutral,not-an-email,,
            Rosa Díaz,media,neutral,,call me maybe,
            rosa diaz,media,neutral,,,
            Rosa Diaz,union,neutral,,,
            Pedro Paz,media,neutral,,,,extra
            """;

        var report = await ImportAsync(bot, Springfield, csv);

        report.Added.Should().Be(2);
        report.Rejected.Select(r => (r.Row, r.Name)).Should().Equal(
            (3, "Marta Gil"), (4, null), (5, "Ana Ruiz"), (6, "Rosa Díaz"), (8, "Rosa Diaz"), (9, "Pedro Paz"));
        report.Rejected.Select(r => r.Reason).Should().SatisfyRespectively(
            r => r.Should().Contain("\"friendly\" is not one of: active-ally"),
            r => r.Should().Be("the name is missing."),
            r => r.Should().Contain("not an email address"),
            r => r.Should().Contain("phone"),
            r => r.Should().Be("the same name as row 7."),
            r => r.Should().Contain("7 values but the first row names 6 columns"));
        var stored = await StakeholdersAsync(bot, Springfield);
        stored.Select(s => s.Name).Should().Equal("Luis Soto", "rosa diaz");
        stored[0].Notes.Should().Be("Fine, with a comma");
        stored[1].Kind.Should().Be(StakeholderKind.Media);
        (await EventsAsync(bot, Springfield)).Should().HaveCount(2);
    }

    [Theory]
    [InlineData("name,stnce\r\nAna,neutral\r\n", "unknown column \"stnce\"")]
    [InlineData("kind,stance\r\nmayor,neutral\r\n", "must include a \"name\" column")]
    [InlineData("name,immigration status\r\nAna,x\r\n", "never stores anyone's immigration status")]
    [InlineData("name,notes\r\nAna,\"never closed\r\n", "a quoted value is never closed")]
    [InlineData("", "the file is empty")]
    public async Task Import_UnreadableFile_ImportsNothing(string csv, string expected)
    {
        await using var bot = await StartAsync();

        var report = await ImportAsync(bot, Springfield, csv);

        report.FileError.Should().Contain(expected);
        (await StakeholdersAsync(bot, Springfield)).Should().BeEmpty();
    }

    private static Task<string> ExportAsync(TestBot bot, TenantId tenant) => bot.InTenantAsync(tenant, async sp =>
    {
        var writer = new StringWriter();
        await sp.GetRequiredService<StakeholderCsv>().ExportAsync(writer, CancellationToken.None);
        return writer.ToString();
    });

    private static Task<ImportReport> ImportAsync(TestBot bot, TenantId tenant, string csv) => bot.InTenantAsync(tenant, sp =>
        sp.GetRequiredService<StakeholderCsv>().ImportAsync(new StringReader(csv), Importer, CancellationToken.None));
}
