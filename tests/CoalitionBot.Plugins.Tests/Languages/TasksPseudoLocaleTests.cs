using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Tasks;
using CoalitionBot.Plugins.Tests.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// The tasks plugin's messages that no command answers with, under the pseudo-locale: the direct messages and nudges an assignee
/// gets in their own language, the note to whoever assigned a task that comes back, and the coalition's daily digest.
/// </summary>
public sealed class TasksPseudoLocaleTests
{
    [Fact]
    public async Task DirectMessages_AssigneeReadsPseudoLocale_OnlyCatalogText()
    {
        await using var bot = await TaskTestBot.StartAsync();
        await bot.SetLanguageAsync("ana", LanguageCatalogs.Pseudo);
        await bot.SetLanguageAsync("lena", LanguageCatalogs.Pseudo);
        var lead = bot.Lead();
        (await lead.SendAsync("/task assign @ana \"Ana Ruiz\" due:\"2026-03-04 17:00\" step:2-education")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task assign @ana \"Ana Ruiz\" due:\"2026-03-05 17:00\"")).IsSuccess.Should().BeTrue();

        await bot.DispatchAsync();                        // the two assignments
        bot.Clock.Advance(TimeSpan.FromDays(1.5));        // Wednesday 03:00: the first task's reminder
        await bot.DispatchAsync();
        bot.Clock.Advance(TimeSpan.FromDays(3));          // long after both due times: the overdue notes, sent late
        await bot.DispatchAsync();
        var tasks = await bot.TasksAsync();
        var declined = await bot.Member("ana").PressAsync(new ReplyButton(TaskCards.DeclineAction, "x", tasks[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await bot.DispatchAsync();                        // lena hears that ana can't do #2

        var toAna = bot.Messages.To("ana");
        var toLena = bot.Messages.To("lena");
        toAna.Select(m => m.Title).Should().HaveCount(5, "two assignments, one reminder, two overdue notes");
        var lateNotice = bot.Bot.Services.GetRequiredService<LanguageCatalogs>().ReaderFor(LanguageCatalogs.Pseudo, TimeZoneInfo.Utc, bot.Clock.GetUtcNow()).T("tasks.late-notice");
        toAna.Should().Contain(m => m.Footer != null && m.Footer.Contains(lateNotice, StringComparison.Ordinal), "the late notice is in the assignee's language too");
        toLena.Should().ContainSingle();
        var seen = toAna.Concat(toLena).Sum(m => PseudoLocaleTests.Check(m, $"message «{m.Title}»"));
        seen += PseudoLocaleTests.Check(declined.Reply, "Can't do it, pressed");
        seen.Should().BeGreaterThan(20);
    }

    [Fact]
    public async Task Digest_CoalitionInPseudoLocale_OnlyCatalogText()
    {
        await using var bot = await TaskTestBot.StartAsync();
        await bot.SetCoalitionAsync(timeZone: "UTC", language: LanguageCatalogs.Pseudo);
        var lead = bot.Lead();
        (await lead.SendAsync("/task digest #organizers 18:00")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task assign @ana \"Ana Ruiz\" due:\"2026-03-02 16:00\" step:4-negotiation")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task assign @ana @lena \"Ana Ruiz\" due:\"2026-03-09 17:00\"")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task assign @lena \"Ana Ruiz\"")).IsSuccess.Should().BeTrue();
        (await bot.Member("ana").SendAsync("/task done 2 Ana Ruiz")).IsSuccess.Should().BeTrue();
        (await lead.SendAsync("/task reassign 4 @ana")).IsSuccess.Should().BeTrue();
        var tasks = await bot.TasksAsync();
        await bot.Member("ana").PressAsync(new ReplyButton(TaskCards.DeclineAction, "x", tasks[3].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        bot.Clock.Advance(TimeSpan.FromHours(4));         // 19:00 UTC, after the digest's time
        (await bot.PlanDigestsAsync()).Should().Be(1);
        await bot.DispatchAsync();

        var digest = bot.Messages.Sent.Where(s => s.Target.Channel is not null).Should().ContainSingle().Subject.Message;
        digest.Fields.Select(f => f.Name).Should().HaveCount(4, "a person's open tasks, one nobody has, the overdue and the finished");
        PseudoLocaleTests.Check(digest, "the daily digest").Should().BeGreaterThan(8);
    }
}
