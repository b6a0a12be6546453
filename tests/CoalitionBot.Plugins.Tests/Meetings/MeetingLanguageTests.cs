using System.Text.Json;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>A coalition whose language was added as files (Haitian Creole) gets its reminders and calendar in it, English where a string is missing.</summary>
public sealed class MeetingLanguageTests : IAsyncLifetime
{
    private static readonly TenantId Slack = TestBot.DefaultTenant(Platform.Slack);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cb-meet-lang-" + Guid.NewGuid().ToString("N"));
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "ht"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "ht", "meetings.json"), """
            {
              "meetings.reminder.title": "Rapèl: {title}",
              "meetings.rsvp.going": "M ap vini",
              "meetings.feed.calendar-name": "Reyinyon kowalisyon an"
            }
            """);
        _bot = await TestBot.StartAsync(plugins: ["meetings", "coalition"], configuration: new Dictionary<string, string?> { ["CoalitionBot:LanguagesDirectory"] = _folder });
        (await _bot.As(Platform.Slack, Role.Admin, user: "admin").SendAsync("/coalition language ht")).IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Reminder_AddedLanguageCoalition_InThatLanguageWithEnglishForTheRest()
    {
        await _bot.As(Platform.Slack, Role.Lead, user: "U0LEAD").SendAsync("/meeting add \"Budget hearing\" \"2026-03-10 18:00\" remind:1d");

        var reminder = (await _bot.InTenantAsync(Slack, sp => sp.GetRequiredService<CoalitionBotDbContext>().Outbox.AsNoTracking().ToListAsync())).Single();
        var reply = JsonSerializer.Deserialize<Reply>(reminder.Payload, Web)!;

        reply.Title.Should().Be("Rapèl: Budget hearing");
        reply.Buttons.Select(b => b.Label).Should().Equal("M ap vini", "Can't go");
        reply.Footer.Should().Be("Get ready with `/tp council`. Going? Answer with the buttons.");
        reminder.LateNotice.Should().Be("_Sent late: the bot was offline when this reminder was due._");
    }

    [Fact]
    public async Task CalendarFeed_AddedLanguageCoalition_NamedInThatLanguage()
    {
        var link = (await _bot.As(Platform.Slack).SendAsync("/meeting feed")).Reply.Text!;
        var plain = Markup.ToPlainText(link);
        var start = plain.IndexOf("/feeds/meetings/", StringComparison.Ordinal) + "/feeds/meetings/".Length;
        var token = plain[start..plain.IndexOf(".ics", start, StringComparison.Ordinal)];

        var document = await _bot.Services.GetServices<IPublicFeed>().Single(f => f.Name == "meetings").FindAsync(token, CancellationToken.None);

        Calendar.Load(document!.Body)!.Properties.Get<string>("X-WR-CALNAME").Should().Be("Reyinyon kowalisyon an");
    }
}
