using System.Text.RegularExpressions;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Tests;

/// <summary>The bot never stores immigration status: no table or column of any registered context, nor any migration, may be named like it.</summary>
public partial class ForbiddenColumnsTests
{
    /// <summary>Word sequences that name immigration status or papers (English and Spanish), matched on whole words of a name.</summary>
    private static readonly string[][] Forbidden =
    [
        ["immigration"], ["immigrant"], ["migratory"], ["migratorio"], ["migratoria"], ["nationality"], ["nacionalidad"],
        ["citizenship"], ["ciudadania"], ["visa"], ["visas"], ["passport"], ["pasaporte"],
        ["document"], ["documents"], ["documentation"], ["documented"], ["undocumented"], ["documentos"], ["indocumentado"],
        ["a", "number"], ["anumber"], ["alien"], ["country", "of", "birth"], ["birth", "country"], ["place", "of", "birth"],
        ["birthplace"], ["pais", "de", "nacimiento"], ["green", "card"], ["daca"], ["ssn"], ["itin"], ["legal", "status"],
        ["residency", "status"],
    ];

    [Fact]
    public async Task Models_EveryRegisteredContextOfEveryBuiltInPlugin_HaveNoForbiddenTableOrColumn()
    {
        await using var bot = await TestBot.StartAsync(plugins: BuiltInPlugins.Catalog.Keys);

        var names = ModelNames(bot.Services).ToList();

        names.Should().Contain(n => n.EndsWith("TenantSettings.TimeZone", StringComparison.Ordinal), "the scan must see Core's model");
        names.Where(n => ForbiddenWord(n) is not null).Should().BeEmpty("the bot never stores immigration status, nationality or documents");
    }

    [Fact]
    public async Task Migrations_EveryRegisteredContextOfEveryBuiltInPlugin_NeverAddForbiddenColumns()
    {
        await using var bot = await TestBot.StartAsync(plugins: BuiltInPlugins.Catalog.Keys);

        var names = MigrationNames(bot.Services).ToList();

        names.Should().Contain("core: AuditEntries.ActorId", "the scan must see Core's migrations");
        names.Where(n => ForbiddenWord(n) is not null).Should().BeEmpty("no migration may ever have added such a column");
    }

    [Fact]
    public async Task Models_PluginWithStatusColumn_IsCaught()
    {
        await using var bot = await TestBot.StartAsync(plugins: ["help"], extraPlugins: [(new BadPlugin(), null)]);

        var caught = ModelNames(bot.Services).Where(n => ForbiddenWord(n) is not null).ToList();

        caught.Should().BeEquivalentTo(
            "bad: People.ImmigrationStatus", "bad: People.CountryOfBirth", "bad: People.ANumber", "bad: People.visa_type", "bad: People.PassportNo");
    }

    [Theory]
    [InlineData("ImmigrationStatus", "immigration")]
    [InlineData("a_number", "a number")]
    [InlineData("ANumber", "a number")]
    [InlineData("CountryOfBirth", "country of birth")]
    [InlineData("Nacionalidad", "nacionalidad")]
    [InlineData("HasDocuments", "documents")]
    [InlineData("Status", null)]
    [InlineData("PhoneNumber", null)]
    [InlineData("AreaNumber", null)]
    [InlineData("Supervisor", null)]
    [InlineData("DueAt", null)]
    [InlineData("HonorsDetainers", null)]
    public void ForbiddenWord_Names_MatchWholeWordsOnly(string name, string? expected)
    {
        ForbiddenWord(name).Should().Be(expected);
    }

    internal static string? ForbiddenWord(string name)
    {
        var words = Words().Matches(name).Select(m => m.Value.ToLowerInvariant()).ToList();
        foreach (var sequence in Forbidden)
        {
            for (var i = 0; i + sequence.Length <= words.Count; i++)
            {
                if (sequence.Select((w, j) => words[i + j] == w).All(x => x))
                {
                    return string.Join(' ', sequence);
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> ModelNames(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        foreach (var registration in scope.ServiceProvider.GetServices<DbContextRegistration>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName() ?? entity.ShortName();
                yield return $"{registration.Name}: {table}";
                foreach (var property in entity.GetProperties())
                {
                    yield return $"{registration.Name}: {table}.{property.GetColumnName()}";
                }
            }
        }
    }

    private static IEnumerable<string> MigrationNames(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        foreach (var registration in scope.ServiceProvider.GetServices<DbContextRegistration>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            var migrations = db.GetService<IMigrationsAssembly>();
            foreach (var type in migrations.Migrations.Values)
            {
                var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
                foreach (var operation in migration.UpOperations)
                {
                    var names = operation switch
                    {
                        CreateTableOperation create => create.Columns.Select(c => $"{create.Name}.{c.Name}").Prepend(create.Name),
                        AddColumnOperation add => [$"{add.Table}.{add.Name}"],
                        RenameColumnOperation rename => [$"{rename.Table}.{rename.NewName}"],
                        RenameTableOperation renameTable => [renameTable.NewName ?? renameTable.Name],
                        _ => [],
                    };
                    foreach (var name in names)
                    {
                        yield return $"{registration.Name}: {name}";
                    }
                }
            }
        }
    }

    // Splits "ImmigrationStatus", "visa_type", "ANumber" into words: runs of capitals before a capitalized word, capitalized words, lowercase runs, digits.
    [GeneratedRegex("[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")]
    private static partial Regex Words();

    private sealed class BadPlugin : BotPlugin
    {
        public override string Name => "bad";

        public override string Description => "Stores what must never be stored.";

        public override IEnumerable<Type> Modules => [];

        protected override void ConfigureServices(IServiceCollection services) => services.AddTenantDbContext<BadContext>("bad");
    }

    private sealed class BadContext(DbContextOptions<BadContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<BadPerson>().ToTable("People").Property(p => p.VisaType).HasColumnName("visa_type");
            base.OnModelCreating(modelBuilder);
        }
    }

    private sealed class BadPerson : ITenantScoped
    {
        public long Id { get; set; }

        public string TenantId { get; set; } = string.Empty;

        public string? ImmigrationStatus { get; set; }

        public string? CountryOfBirth { get; set; }

        public string? ANumber { get; set; }

        public string? VisaType { get; set; }

        public string? PassportNo { get; set; }
    }
}
