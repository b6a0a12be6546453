using System.Text.Json;
using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

public abstract class TenantDataTests(DatabaseProvider database)
{
    private static readonly TenantId Springfield = TenantId.For(Platform.Slack, "TSPRING");
    private static readonly TenantId Shelbyville = TenantId.For(Platform.Discord, "4242");

    /// <summary>The tables <see cref="SeedAsync"/> fills; tables added later are still exported and scanned, just possibly empty.</summary>
    private static readonly string[] SeededTables =
        ["core.TenantSettings", "core.LeadGrants", "core.UserPreferences", "core.AuditEntries", "meetings-fixture.FixtureMeetings", "meetings-fixture.FixtureRsvps"];

    [DbFact]
    public async Task Tables_EveryEntityOfEveryRegisteredContext_IsTenantScoped()
    {
        await using var bot = await TestBot.StartAsync(plugins: BuiltInPlugins.Catalog.Keys, extraPlugins: [(new MeetingsFixturePlugin(), null)], database: database);
        await using var scope = bot.Services.CreateAsyncScope();

        var entities = scope.ServiceProvider.GetServices<DbContextRegistration>()
            .SelectMany(r => ((DbContext)scope.ServiceProvider.GetRequiredService(r.ContextType)).Model.GetEntityTypes().Select(e => (r.Name, e.ClrType)))
            .ToList();

        entities.Should().Contain(("meetings-fixture", typeof(FixtureRsvp)));
        entities.Where(e => !typeof(ITenantScoped).IsAssignableFrom(e.ClrType) && !typeof(Coordination.IClusterRecord).IsAssignableFrom(e.ClrType)).Should().BeEmpty(
            "every stored row carries a tenant id, or export and deletion would miss it (only instance coordination rows, which hold no coalition data, are exempt)");
    }

    [DbFact]
    public async Task Export_EveryTableOfEveryContext_AppearsWithExactlyTheTenantsRows()
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        await SeedAsync(bot, Shelbyville, "ben");
        var store = bot.Services.GetRequiredService<TenantDataStore>();
        using var output = new MemoryStream();

        var counts = await store.ExportAsync(Springfield, output, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        json.RootElement.GetProperty("tenant").GetString().Should().Be(Springfield.Value);
        json.RootElement.GetProperty("exportedAt").GetDateTimeOffset().Should().Be(bot.Clock.GetUtcNow());
        var contexts = json.RootElement.GetProperty("contexts");
        var tables = store.Tables();
        tables.Select(t => t.Name).Should().Contain(SeededTables);
        foreach (var table in tables)
        {
            var rows = contexts.GetProperty(table.Context.Name).GetProperty(table.Table).EnumerateArray().ToList();
            rows.Should().HaveCount(await RawCountAsync(bot, table.Table, Springfield), table.Name);
            rows.Where(r => r.GetProperty("TenantId").GetString() != Springfield.Value).Should().BeEmpty(table.Name);
            if (SeededTables.Contains(table.Name))
            {
                rows.Should().NotBeEmpty(table.Name);
            }
        }

        counts.Select(c => c.Name).Should().Equal(tables.Select(t => t.Name));
        System.Text.Encoding.UTF8.GetString(output.ToArray()).Should().NotContain("\"ben\"").And.NotContain(Shelbyville.Value);
    }

    [DbFact]
    public async Task Export_Rows_CarryEveryColumnIncludingForeignKeysAndEnumsByName()
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        using var output = new MemoryStream();

        await bot.Services.GetRequiredService<TenantDataStore>().ExportAsync(Springfield, output, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        var contexts = json.RootElement.GetProperty("contexts");
        var grant = contexts.GetProperty("core").GetProperty("LeadGrants")[0];
        grant.GetProperty("SubjectKind").GetString().Should().Be("User");
        grant.GetProperty("SubjectId").GetString().Should().Be("ana");
        var rsvp = contexts.GetProperty("meetings-fixture").GetProperty("FixtureRsvps")[0];
        rsvp.GetProperty("MeetingId").GetInt64().Should().Be(contexts.GetProperty("meetings-fixture").GetProperty("FixtureMeetings")[0].GetProperty("Id").GetInt64());
    }

    [DbFact]
    public async Task DeleteAll_LeavesNoRowOfTheTenantInAnyTable_AndOthersUntouched()
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        await SeedAsync(bot, Shelbyville, "ben");
        var before = await RawScanAsync(bot, Shelbyville.Value);

        var deleted = await bot.Services.GetRequiredService<TenantDataStore>().DeleteAllAsync(Springfield, CancellationToken.None);

        deleted.Where(c => SeededTables.Contains(c.Name)).Should().HaveCount(SeededTables.Length).And.OnlyContain(c => c.Rows > 0);
        deleted.Select(c => c.Name).Should().BeEquivalentTo(bot.Services.GetRequiredService<TenantDataStore>().Tables().Select(t => t.Name));
        (await FilteredScanAsync(bot, Springfield)).Should().Be(0);
        (await RawScanAsync(bot, Springfield.Value)).Should().BeEmpty("no table, column or row may keep anything of the deleted coalition");
        (await RawScanAsync(bot, Shelbyville.Value)).Should().BeEquivalentTo(before);
    }

    [DbFact]
    public async Task ExportVerb_WritesTheFileAndRecordsTheExport()
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        var file = Path.Combine(Directory.CreateTempSubdirectory("export-").FullName, "out.json");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await CliCommands.RunAsync(bot.Services, "export", ["--tenant", Springfield.Value, file], output, error, CancellationToken.None);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().StartWith($"Exported ").And.Contain($"of {Springfield.Value} to {file}").And.Contain("meetings-fixture.FixtureRsvps: 2");
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        json.RootElement.GetProperty("contexts").GetProperty("core").GetProperty("LeadGrants").GetArrayLength().Should().Be(1);
        var audit = await bot.InTenantAsync(Springfield, sp => sp.GetRequiredService<CoalitionBotDbContext>().AuditEntries.OrderBy(a => a.Id).LastAsync());
        audit.Should().BeEquivalentTo(new { Action = "data.export", ActorId = (string?)null, ActorName = AuditLog.HostActor });
    }

    [DbTheory]
    [InlineData(new[] { "export", "{folder}/out.json" }, 1, "--tenant is missing")]
    [InlineData(new[] { "export", "--tenant", "slack:TSPRING" }, 1, "the file is missing")]
    [InlineData(new[] { "export", "--tenant", "slack:TNOBODY", "{folder}/x.json" }, 1, "nothing is stored for \"slack:TNOBODY\"")]
    [InlineData(new[] { "exprot", "--tenant", "slack:TSPRING", "{folder}/x.json" }, 1, "Unknown command \"exprot\". Commands: db copy --from <connection string>")]
    public async Task ExportVerb_BadArguments_ExplainAndWriteNothing(string[] args, int expectedExit, string expected)
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        var folder = Directory.CreateTempSubdirectory("export-").FullName;
        var error = new StringWriter();

        var words = args.Select(a => a.Replace("{folder}", folder, StringComparison.Ordinal)).ToList();
        var exit = await CliCommands.RunAsync(bot.Services, words[0], words.Skip(1).ToList(), TextWriter.Null, error, CancellationToken.None);

        exit.Should().Be(expectedExit);
        error.ToString().Should().Contain(expected);
        Directory.GetFiles(folder).Should().BeEmpty();
    }

    [DbFact]
    public async Task ExportVerb_ExistingFile_IsNotOverwritten()
    {
        await using var bot = await StartAsync();
        await SeedAsync(bot, Springfield, "ana");
        var file = Path.Combine(Directory.CreateTempSubdirectory("export-").FullName, "keep.json");
        await File.WriteAllTextAsync(file, "precious");
        var error = new StringWriter();

        var exit = await CliCommands.RunAsync(bot.Services, "export", ["--tenant", Springfield.Value, file], TextWriter.Null, error, CancellationToken.None);

        exit.Should().Be(1);
        error.ToString().Should().Contain("already exists");
        (await File.ReadAllTextAsync(file)).Should().Be("precious");
    }

    private async Task<TestBot> StartAsync()
    {
        var bot = await TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new MeetingsFixturePlugin(), null)], database: database);
        await MeetingsFixturePlugin.CreateTablesAsync(bot.Services);
        return bot;
    }

    /// <summary>A row in every table: settings, lead grant, preference, audit entry, and a meeting with two RSVPs.</summary>
    private static async Task SeedAsync(TestBot bot, TenantId tenant, string person)
    {
        await bot.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<CoalitionBotDbContext>();
            db.TenantSettings.Add(new TenantSettings { TimeZone = "America/Chicago", RemindersChannelId = "C1" });
            db.LeadGrants.Add(new LeadGrant { SubjectId = person, GrantedBy = "admin", SubjectKind = LeadSubject.User });
            db.UserPreferences.Add(new UserPreference { UserId = person, Language = "es" });
            sp.GetRequiredService<AuditLog>().Record(new UserRef("admin"), "lead.add", "person", (person, person));
            return await db.SaveChangesAsync();
        });
        await MeetingsFixturePlugin.SeedAsync(bot, tenant, person, person, "someone");
    }

    /// <summary>Counts the tenant's rows in every entity table through EF with the filter switched off.</summary>
    private static async Task<int> FilteredScanAsync(TestBot bot, TenantId tenant)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var total = 0;
        foreach (var registration in scope.ServiceProvider.GetServices<DbContextRegistration>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            foreach (var entity in db.Model.GetEntityTypes().Where(e => typeof(ITenantScoped).IsAssignableFrom(e.ClrType)))
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
                total += await set.IgnoreQueryFilters().Cast<ITenantScoped>().CountAsync(r => r.TenantId == tenant.Value);
            }
        }

        return total;
    }

    /// <summary>Every text cell of every table in the database file that contains <paramref name="needle"/>, as "table.column = value".</summary>
    private static async Task<List<string>> RawScanAsync(TestBot bot, string needle)
    {
        var tables = await bot.Database.TablesAsync();
        await using var connection = bot.Database.Open();
        await connection.OpenAsync();
        var hits = new List<string>();

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is string text && text.Contains(needle, StringComparison.Ordinal))
                    {
                        hits.Add($"{table}.{reader.GetName(i)} = {text}");
                    }
                }
            }
        }

        return hits;
    }

    private static async Task<int> RawCountAsync(TestBot bot, string table, TenantId tenant)
    {
        await using var connection = bot.Database.Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"TenantId\" = @tenant";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.Value;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class TenantDataTestsOnSqlite() : TenantDataTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class TenantDataTestsOnPostgres() : TenantDataTests(DatabaseProvider.Postgres);
