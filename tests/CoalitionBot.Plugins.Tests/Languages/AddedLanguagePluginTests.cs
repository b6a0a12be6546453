using CoalitionBot.Core.Model;
using CoalitionBot.Plugins.Tests.Tasks;
using CoalitionBot.Testing;
using FluentAssertions;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>A language added as files reaches what the tasks and stakeholders plugins say outside commands and what they match.</summary>
public sealed class AddedLanguagePluginTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cb-lang-plugins-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
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

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
