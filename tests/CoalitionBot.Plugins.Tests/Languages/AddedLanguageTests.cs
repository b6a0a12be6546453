using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Tests.Tasks;
using CoalitionBot.Plugins.TalkingPoints;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>A coalition adds Haitian Creole by dropping files into its languages folder, and a translator uses the command-line tools.</summary>
public sealed class AddedLanguageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cb-lang-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task LanguageFolder_FewStrings_UsedWithEnglishForTheRestAndBadEntriesReported()
    {
        Write("ht/core.json", """{ "core.language.self": "Kreyòl ayisyen" }""");
        Write("ht/coalition.json", """
            {
              "coalition.me.language.set": "Dakò: m ap reponn ou an {language} toupatou.",
              "coalition.leads.none": "Poko gen responsab.",
              "coalition.leads.title": "Responsab ({konte})",
              "coalition.nothing.here": "Anyen"
            }
            """);
        await using var bot = await StartAsync();

        var problems = bot.Services.GetRequiredService<LanguageCatalogs>().Problems;
        problems.Should().HaveCount(2);
        problems.Should().Contain(p => p.Contains("\"coalition.leads.title\" uses {konte} but English uses {count}", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("\"coalition.nothing.here\" is not a key the bot knows", StringComparison.Ordinal));

        var admin = bot.As(Platform.Slack, Role.Admin);
        (await admin.SendAsync("/coalition me language ht")).Text.Should().Be("Dakò: m ap reponn ou an Kreyòl ayisyen toupatou.");
        (await admin.SendAsync("/coalition leads")).Text.Should().Be("Poko gen responsab.");
        (await admin.SendAsync("/coalition leads add @bo")).Text.Should().Contain("is now a lead", "a string ht lacks comes in English");
        (await admin.SendAsync("/coalition leads")).Reply.Title.Should().Be("Leads (1)", "the mismatched translation was skipped");

        var member = bot.As(Platform.Slack, user: "cy", locale: "ht-HT");
        (await member.SendAsync("/coalition me language")).Text.Should().Contain("en, es, ht");
    }

    [Fact]
    public async Task LanguageFolder_StringsAndATalkingPoint_UsedByTpWithEnglishForTheRestAndBrokenPackReported()
    {
        Write("ht/tp.json", """
            {
              "tp.results.title.topic": "Pwen pou pale: {topic}",
              "tp.card.share": "Pataje nan chanèl la",
              "tp.detail.for": "Pou",
              "tp.audience.council": "konsèy",
              "tp.results.title.topic.audience": "Pwen pou pale: {topic} · pou {audience}"
            }
            """);
        WriteHaitianPoints();
        Write("ht/talking-points/broken.md", "no header here\n");
        await using var bot = await StartAsync("tp");

        bot.Services.GetRequiredService<LanguageCatalogs>().Problems.Should().BeEmpty();
        bot.Services.GetRequiredService<ContentPack>().Problems.Should().ContainSingle()
            .Which.Should().Contain(Path.Combine(_folder, "ht", "talking-points", "broken.md")).And.Contain("front-matter").And.EndWith("the file is skipped.");
        var haitian = bot.As(Platform.Slack, user: "jn", locale: "ht-HT");

        var found = await haitian.SendAsync("/tp detainers");
        found.Reply.Title.Should().Be("Pwen pou pale: detainers");
        found.Reply.Fields[0].Name.Should().Be("1. Detainer ICE yo se demann, se pa lòd");
        found.Reply.Fields.Skip(1).Should().NotBeEmpty().And.OnlyContain(f => f.Name.EndsWith("(only in English)", StringComparison.Ordinal), "untranslated points come in English");
        found.Reply.Buttons[0].Label.Should().Be("Pataje nan chanèl la");
        found.Reply.Footer.Should().Be("Only you can see this. Share it with the button, or see details and sources with “More”.", "a string ht lacks comes in English");

        (await haitian.SendAsync("/tp detainers konsey")).Reply.Title.Should().Be("Pwen pou pale: detainers · pou konsèy", "audience words come from the reader's catalog too");

        var more = await haitian.PressAsync(found.Reply.Buttons[1]);
        more.Reply.Title.Should().Be("Detainer ICE yo se demann, se pa lòd");
        more.Text.Should().Contain("Pou: konsèy, media, police");

        var own = await haitian.SendAsync("/tp fanmi ayisyen");
        own.Reply.Fields[0].Name.Should().Be("1. Fanmi ayisyen yo nan vil nou an", "a new id is a point of its own, found by its words");
        (await haitian.SendAsync("/tp show lakay-se-lakay")).Text.Should().Contain("dimil fanmi").And.Contain("reviewed today");

        var english = await bot.As(Platform.Slack, user: "bo").SendAsync("/tp detainers");
        english.Reply.Fields[0].Name.Should().Be("1. ICE detainers are requests, not orders");
        (await bot.As(Platform.Slack, user: "bo").SendAsync("/tp show lakay-se-lakay")).Text.Should().Contain("This point is only in ").And.Contain("dimil fanmi");
        (await bot.As(Platform.Slack, user: "bo").SendAsync("/tp detainers lang:ht")).Reply.Title.Should().Be("Pwen pou pale: detainers");

        var lead = bot.As(Platform.Slack, Role.Admin, user: "lead");
        (await lead.SendAsync("/tp add \"Bis yo\" Koupe bis yo fè travayè yo mal. topics:transit lang:ht")).IsSuccess.Should().BeTrue();
        (await haitian.SendAsync("/tp transit")).Reply.Fields[0].Name.Should().Be("1. Bis yo");
        (await bot.As(Platform.Slack, user: "bo").SendAsync("/tp transit")).Reply.Fields[0].Name.Should().StartWith("1. Bis yo (only in ");
        (await lead.SendAsync("/tp add \"Bis\" Tèks lang:klingon")).Text.Should().Contain("klingon").And.Contain("is not a language the bot has; use one of:").And.EndWith("ht.");
    }

    [Fact]
    public async Task LanguagesStatus_TalkingPointsInAFolder_ShippedPointsTranslatedPerLanguage()
    {
        WriteHaitianPoints();
        await using var bot = await StartAsync("tp");
        var pack = bot.Services.GetRequiredService<ContentPack>();
        pack.Problems.Should().BeEmpty();
        var shipped = pack.Points.Count(p => p.Texts.ContainsKey("en"));

        var (exit, output, _) = await RunAsync(bot, "languages", "status");

        exit.Should().Be(CliExitCode.Ok);
        var tables = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        tables.Should().HaveCount(2, "the catalogs' strings, then the talking points in files of their own");
        var points = tables[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        points[0].Should().MatchRegex(@"^language\s+tp-points$");
        points.Should().Contain(l => l.StartsWith("es ", StringComparison.Ordinal) && l.EndsWith(" 100%", StringComparison.Ordinal));
        var expected = shipped > 100 ? "<1%" : $"{100 / shipped}%";
        points.Single(l => l.StartsWith("ht ", StringComparison.Ordinal)).Should().MatchRegex($@"^ht\s+{expected}$", "one shipped point of {0} is translated; the new point translates nothing", shipped);
    }

    [Fact]
    public async Task CoalitionLanguage_AddedLanguage_BecomesTheDefault()
    {
        Write("ht/ui.json", """{ "coalition.privacy.title": "Sa bot la konnen sou ou" }""");
        await using var bot = await StartAsync();

        (await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language ht")).Text.Should().Contain("(ht)");
        (await bot.As(Platform.Slack, user: "cy").SendAsync("/privacy me")).Reply.Title.Should().Be("Sa bot la konnen sou ou");
        (await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language xx")).Text.Should().Contain("xx is not one of: en, es, ht");
    }

    [Fact]
    public async Task LanguagesStatus_AddedLanguage_PercentPerCatalog()
    {
        Write("ht/coalition.json", """{ "coalition.leads.none": "Poko gen responsab." }""");
        await using var bot = await StartAsync();

        var (exit, output, _) = await RunAsync(bot, "languages", "status");

        exit.Should().Be(CliExitCode.Ok);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        header[0].Should().Be("language");
        header[^1].Should().Be("all");
        header.Should().Contain(["coalition", "core", "help", "time"]);
        header[1..^1].Should().BeInAscendingOrder(StringComparer.Ordinal, "catalogs are listed by name");
        lines.Should().Contain(l => l.StartsWith("en ", StringComparison.Ordinal) && l.EndsWith("100%", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("es ", StringComparison.Ordinal) && l.EndsWith("100%", StringComparison.Ordinal));
        var ht = lines.Single(l => l.StartsWith("ht ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ht.Should().HaveSameCount(header);
        for (var column = 1; column < header.Length; column++)
        {
            ht[column].Should().MatchRegex(header[column] is "coalition" or "all" ? @"^(<1|[1-9])%$" : "^0%$", header[column]);
        }
    }

    [Fact]
    public async Task LanguagesExport_MissingStrings_FileToFillAndDropIn()
    {
        Write("ht/coalition.json", """{ "coalition.leads.none": "Poko gen responsab." }""");
        await using var bot = await StartAsync();
        var file = Path.Combine(_folder, "ht-todo.json");

        var (exit, output, _) = await RunAsync(bot, "languages", "export", "ht", file);

        exit.Should().Be(CliExitCode.Ok);
        output.Should().Contain("Fill in each \"text\"");
        var exported = await File.ReadAllTextAsync(file);
        exported.Should().Contain("\"coalition.leads.title\"").And.Contain("\"english\": \"Leads ({count})\"").And.Contain("\"note\"")
            .And.NotContain("\"coalition.leads.none\"");

        (await RunAsync(bot, "languages", "export", "ht", file)).Error.Should().Contain("already exists").And.Contain("--force");
        (await RunAsync(bot, "languages", "export", "ht", file, "--force")).Exit.Should().Be(CliExitCode.Ok);
        (await RunAsync(bot, "languages", "export", "klingon", file, "--force")).Error.Should().Contain("\"klingon\" is not a language code");
        (await RunAsync(bot, "languages", "export", "en", file, "--force")).Error.Should().Contain("English is the source");
        (await RunAsync(bot, "languages", "bogus")).Exit.Should().Be(CliExitCode.Failed);

        // Dropping the file, filled in, into the language's folder is the import.
        File.Move(file, Path.Combine(_folder, "ht", "todo.json"));
        await using var again = await StartAsync();
        again.Services.GetRequiredService<LanguageCatalogs>().Problems.Should().BeEmpty("untranslated entries (empty text) are simply not used yet");
    }

    [Fact]
    public async Task TaskMessages_AddedLanguage_DirectMessageAndDigestUseItWithEnglishForTheRest()
    {
        Write("ht/tasks.json", """
            {
              "tasks.assigned.title": "Nouvo travay #{number}: {title}",
              "tasks.digest.footer": "Pa ou: `/task mine`"
            }
            """);
        await using var bot = await TaskTestBot.StartAsync(configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = _folder });
        await bot.SetCoalitionAsync(timeZone: "UTC", language: "ht");
        await bot.SetLanguageAsync("luis", "es");
        var lead = bot.Lead();
        (await lead.SendAsync("/task digest #organizers 18:00")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task assign @ana @luis \"Call Ruiz\" due:\"2026-03-05 17:00\"")).IsSuccess.Should().BeTrue();

        bot.Clock.Advance(TimeSpan.FromHours(4));
        await bot.PlanDigestsAsync();
        await bot.DispatchAsync();

        var toAna = bot.Messages.To("ana")[0];
        toAna.Title.Should().Be("Nouvo travay #1: Call Ruiz", "ana has no language of her own: the coalition's added language");
        toAna.Footer.Should().Be("Or type `/task done 1 [note]` in a coalition channel.", "a string Haitian Creole lacks comes in English");
        bot.Messages.To("luis")[0].Title.Should().Be("Nueva tarea #2: Call Ruiz", "luis's own language comes first");
        var digest = bot.Messages.Sent.Single(s => s.Target.Channel is not null).Message;
        digest.Footer.Should().Be("Pa ou: `/task mine`");
        digest.Title.Should().StartWith("Today's tasks — ");
    }

    [Fact]
    public async Task StakeholderFind_KindNamedInAnAddedLanguage_FoundWhateverTheCallersLanguage()
    {
        Write("ht/stakeholders.json", """{ "stakeholders.kind.sheriff": "Chèf lapolis konte" }""");
        await using var bot = await TestBot.StartAsync(
            plugins: ["stakeholders"],
            configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = _folder });
        var lead = bot.As(Platform.Slack, Role.Admin);
        (await lead.SendAsync("/stakeholder add \"Tomás Ruiz\" kind:sheriff")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/stakeholder add \"Ana Ruiz\" kind:mayor")).IsSuccess.Should().BeTrue();

        var english = await bot.As(Platform.Slack).SendAsync("/stakeholder find lapolis");
        var spanish = await bot.As(Platform.Slack, locale: "es").SendAsync("/stakeholder find sheriff");
        var haitian = await bot.As(Platform.Slack, locale: "ht").SendAsync("/stakeholder find alguacil");

        english.Text.Should().Contain("Tomás Ruiz").And.NotContain("Ana Ruiz");
        english.Text.Should().Contain("Sheriff", "the caller reads English");
        spanish.Text.Should().Contain("Tomás Ruiz").And.Contain("Alguacil");
        haitian.Text.Should().Contain("Tomás Ruiz").And.Contain("Chèf lapolis konte");
    }

    private Task<TestBot> StartAsync(params string[] plugins) => TestBot.StartAsync(
        plugins: ["help", "coalition", .. plugins],
        configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = _folder });

    private static async Task<(int Exit, string Output, string Error)> RunAsync(TestBot bot, string verb, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(bot.Services, verb, args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Two Haitian Creole pack files: a translation of a shipped point (by its id) and a point of the language's own.</summary>
    private void WriteHaitianPoints()
    {
        Write("ht/talking-points/detainers-are-requests.md", """
            ---
            id: detainers-are-requests
            title: Detainer ICE yo se demann, se pa lòd
            kind: point
            topics: [detainers, constitution, fourth-amendment, warrants]
            audiences: [council, media, police]
            lang: ht
            source: 8 C.F.R. § 287.7(a)
            reviewed: 2026-11-24
            ---
            Yon detainer ICE se yon demann yon ajans federal fè, se pa yon lòd yon jij siyen.
            """);
        Write("ht/talking-points/lakay-se-lakay.md", """
            ---
            id: lakay-se-lakay
            title: Fanmi ayisyen yo nan vil nou an
            kind: point
            topics: [families]
            audiences: [neighbors]
            lang: ht
            source: Kowalisyon an
            reviewed: 2026-11-24
            ---
            Plis pase dimil fanmi ayisyen rete nan vil nou an epi travay isit la chak jou.
            """);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
