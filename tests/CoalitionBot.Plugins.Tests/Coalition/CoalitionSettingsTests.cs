using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Plugins.Tests.Coalition;

public abstract class CoalitionSettingsTests(DatabaseProvider database)
{
    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Timezone_IanaZone_CreatesSettingsRowAndAudits(Platform platform)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        (await bot.SettingsAsync(platform)).Should().BeNull();

        var reply = await bot.As(platform, Role.Admin, user: "rosa").SendAsync("/coalition timezone America/Chicago");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain("Time zone set to America/Chicago").And.Contain("9:00");
        (await bot.SettingsAsync(platform))!.TimeZone.Should().Be("America/Chicago");
        var entry = (await bot.AuditAsync(platform)).Should().ContainSingle().Subject;
        entry.Should().BeEquivalentTo(new { ActorId = "rosa", ActorName = "rosa", Action = "timezone.set", Detail = "– → America/Chicago" });
        entry.At.Should().Be(bot.Clock.GetUtcNow());
    }

    [DbFact]
    public async Task Timezone_AnyLetterCase_StoredInCanonicalSpelling()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition timezone america/los_angeles");

        (await bot.SettingsAsync(Platform.Slack))!.TimeZone.Should().Be("America/Los_Angeles");
    }

    [DbFact]
    public async Task Timezone_AppliesToTheNextCommandsContext()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition timezone America/New_York");

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition audit");

        reply.Text.Should().Contain("Times in America/New_York").And.Contain("3/2/2026 10:00");
    }

    [DbTheory]
    [InlineData("Central", "America/Chicago")]
    [InlineData("CST", "America/Chicago")]
    [InlineData("Chicago", "America/Chicago")]
    [InlineData("central time", "America/Chicago")]
    [InlineData("Pacific", "America/Los_Angeles")]
    [InlineData("PST", "America/Los_Angeles")]
    [InlineData("Eastern", "America/New_York")]
    [InlineData("hora del Pacífico", "America/Los_Angeles")]
    [InlineData("Mountain", "America/Denver")]
    [InlineData("new york", "America/New_York")]
    [InlineData("Houston", "America/Chicago")]
    public async Task Timezone_CommonName_SuggestsZoneAndChangesNothing(string typed, string suggested)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync($"/coalition timezone \"{typed}\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain($"Did you mean {suggested}?").And.Contain("Nothing was changed");
        reply.Reply.Buttons.Should().ContainSingle().Which.Value.Should().Be(suggested);
        (await bot.SettingsAsync(Platform.Slack)).Should().BeNull();
        (await bot.AuditAsync(Platform.Slack)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Timezone_SpanishSpeaker_GetsTheSuggestionInSpanish()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Discord, Role.Admin, locale: "es-419").SendAsync("/coalition timezone \"hora del centro\"");

        reply.Text.Should().Contain("¿Quiso decir America/Chicago?").And.Contain("Aún no se cambió nada");
        reply.Reply.Buttons.Should().ContainSingle().Which.Label.Should().Be("Usar America/Chicago");
    }

    [DbTheory]
    [InlineData(Platform.Discord)]
    [InlineData(Platform.Slack)]
    [InlineData(Platform.Console)]
    public async Task Timezone_SuggestionButton_SetsTheSuggestedZone(Platform platform)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(platform, Role.Admin);
        await admin.SendAsync("/coalition timezone Central");

        var reply = await admin.PressAsync("Use America/Chicago");

        reply.IsSuccess.Should().BeTrue();
        reply.Result.UpdatesOriginal.Should().BeTrue();
        (await bot.SettingsAsync(platform))!.TimeZone.Should().Be("America/Chicago");
    }

    [DbTheory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT")]
    [InlineData("Central Standard Tiem")]
    public async Task Timezone_Unknown_ClearErrorAndNothingChanged(string typed)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Discord, Role.Admin).SendAsync("/coalition timezone Europe/Madrid");

        var reply = await bot.As(Platform.Discord, Role.Admin).SendAsync($"/coalition timezone \"{typed}\"");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("Nothing was changed");
        (await bot.SettingsAsync(Platform.Discord))!.TimeZone.Should().Be("Europe/Madrid");
        (await bot.AuditAsync(Platform.Discord)).Should().ContainSingle();
    }

    [DbFact]
    public async Task Timezone_ForgedButtonValue_IsRefused()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).PressAsync(new Core.Replies.ReplyButton("coalition.timezone", "x", "Not/AZone"));

        reply.Kind.Should().Be(ResultKind.Invalid);
        (await bot.SettingsAsync(Platform.Slack)).Should().BeNull();
    }

    [DbTheory]
    [InlineData(Role.Member)]
    [InlineData(Role.Lead)]
    public async Task SettingsCommands_NonAdmin_ForbiddenAndNothingChanged(Role role)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var user = bot.As(Platform.Slack, role);

        foreach (var command in new[] { "/coalition timezone America/Chicago", "/coalition language es", "/coalition channel reminders #council", "/coalition leads add @bo", "/coalition setup", "/coalition audit" })
        {
            (await user.SendAsync(command)).Kind.Should().Be(ResultKind.Forbidden, command);
        }

        (await bot.SettingsAsync(Platform.Slack)).Should().BeNull();
        (await bot.AuditAsync(Platform.Slack)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Language_Spanish_OnSlackEveryoneButThoseWhoChoseTheirOwn()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language español");

        reply.Text.Should().Contain("Default language set to Spanish (es)");
        (await bot.SettingsAsync(Platform.Slack))!.Language.Should().Be("es");
        (await bot.As(Platform.Slack, user: "bo").SendAsync("/help")).Text.Should().Contain("Comandos");
        // Slack reports the workspace's en-US for nearly everyone: the coalition's choice wins over it.
        (await bot.As(Platform.Slack, user: "cy", locale: "en-US").SendAsync("/help")).Text.Should().Contain("Comandos");
        (await bot.As(Platform.Slack, user: "cy", locale: "en-US").SendAsync("/coalition me language en")).Text.Should().Contain("English");
        (await bot.As(Platform.Slack, user: "cy", locale: "en-US").SendAsync("/help")).Text.Should().Contain("Commands");
        (await bot.AuditAsync(Platform.Slack)).Single().Detail.Should().Be("– → es");
    }

    [DbFact]
    public async Task Language_Spanish_OnDiscordForPeopleWhoseDiscordLanguageIsNotLoaded()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        await bot.As(Platform.Discord, Role.Admin).SendAsync("/coalition language es");

        (await bot.As(Platform.Discord, user: "bo").SendAsync("/help")).Text.Should().Contain("Comandos");
        (await bot.As(Platform.Discord, user: "bo", locale: "fr").SendAsync("/help")).Text.Should().Contain("Comandos");
        // Discord's locale is the language each person runs Discord in.
        (await bot.As(Platform.Discord, user: "cy", locale: "en-US").SendAsync("/help")).Text.Should().Contain("Commands");
    }

    [DbFact]
    public async Task Language_NotOffered_ListsChoicesAndChangesNothing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language fr");

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain("fr is not one of: en, es");
        (await bot.SettingsAsync(Platform.Slack)).Should().BeNull();
    }

    [DbFact]
    public async Task Language_SameAsBefore_NoSecondAuditEntry()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language en");

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language english");

        reply.Text.Should().Contain("already English");
        (await bot.AuditAsync(Platform.Slack)).Should().ContainSingle();
    }

    [DbTheory]
    [InlineData(Platform.Discord, "<#112233445566>", "112233445566")]
    [InlineData(Platform.Slack, "<#C0COUNCIL|council>", "C0COUNCIL")]
    [InlineData(Platform.Console, "#council", "council")]
    public async Task Channel_EachPlatformsMention_StoresTheChannelId(Platform platform, string typed, string id)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(platform, Role.Admin).SendAsync($"/coalition channel reminders {typed}");

        reply.IsSuccess.Should().BeTrue(reply.Text);
        reply.Text.Should().Contain($"Reminders channel: #{id}");
        var settings = (await bot.SettingsAsync(platform))!;
        settings.ChannelFor(CoalitionChannel.Reminders).Should().Be(id);
        settings.DigestChannelId.Should().BeNull();
        (await bot.AuditAsync(platform)).Single().Should().BeEquivalentTo(new { Action = "channel.set", Detail = $"reminders: – → <#{id}>" });
    }

    [DbFact]
    public async Task Channel_DiscordTypedOptions_SameAsSlackText()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Discord, Role.Admin)
            .SendOptionsAsync("coalition channel", new Dictionary<string, string> { ["purpose"] = "digest", ["channel"] = "<#998877>" });

        reply.IsSuccess.Should().BeTrue(reply.Text);
        (await bot.SettingsAsync(Platform.Discord))!.DigestChannelId.Should().Be("998877");
    }

    [DbFact]
    public async Task Channel_SpanishPurposeAlias_Works()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition channel anuncios #general");

        (await bot.SettingsAsync(Platform.Console))!.AnnouncementsChannelId.Should().Be("general");
    }

    [DbTheory]
    [InlineData("/coalition channel birthdays #council", "birthdays is not one of: reminders, digest, announcements")]
    [InlineData("/coalition channel reminders council", "name a channel, like #general")]
    [InlineData("/coalition channel reminders #council clear:yes", "not both")]
    [InlineData("/coalition channel reminders #coun>cil", "is not a channel")]
    public async Task Channel_BadInput_ClearErrorAndNothingChanged(string command, string expected)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync(command);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain(expected);
        (await bot.SettingsAsync(Platform.Console))?.RemindersChannelId.Should().BeNull();
        (await bot.AuditAsync(Platform.Console)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Channel_NoChannel_ShowsCurrentAndHowToChange()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition channel digest #daily");

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition channel digest");

        reply.Text.Should().Contain("Digest channel: #daily").And.Contain("clear:yes");
        (await bot.AuditAsync(Platform.Console)).Should().ContainSingle();
    }

    [DbFact]
    public async Task Channel_Clear_RemovesItAndAudits()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition channel digest #daily");

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition channel digest clear:yes");

        reply.Text.Should().Contain("cleared");
        (await bot.SettingsAsync(Platform.Console))!.DigestChannelId.Should().BeNull();
        (await bot.AuditAsync(Platform.Console)).Last().Should().BeEquivalentTo(new { Action = "channel.clear", Detail = "digest: <#daily> → –" });
    }

    [DbFact]
    public async Task Settings_OneCoalition_DoNotTouchAnother()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition timezone America/Denver");
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition channel reminders #council");

        (await bot.SettingsAsync(Platform.Discord)).Should().BeNull();
        (await bot.AuditAsync(Platform.Discord)).Should().BeEmpty();
    }

    [DbFact]
    public async Task Setup_Fresh_ListsWhatIsMissingWithTheCommandsToFixIt()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition setup");

        reply.Reply.Title.Should().Be("Coalition setup: 0 of 6 done");
        reply.Text.Should().Contain("Time zone: ✗ not set").And.Contain("Next: /coalition timezone America/Chicago (until then: UTC)")
            .And.Contain("Next: /coalition channel digest #channel").And.Contain("Next: /coalition leads add @person");
    }

    [DbFact]
    public async Task Setup_AfterChanges_ShowsValuesAndOnlyTheRestAsMissing()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        var admin = bot.As(Platform.Console, Role.Admin);
        await admin.SendAsync("/coalition timezone America/Chicago");
        await admin.SendAsync("/coalition channel reminders #council");
        await admin.SendAsync("/coalition leads add @bo");

        var reply = await admin.SendAsync("/coalition setup");

        reply.Reply.Title.Should().Be("Coalition setup: 3 of 6 done");
        reply.Text.Should().Contain("Time zone: ✓ America/Chicago").And.Contain("Reminders channel: ✓ #council").And.Contain("Leads: ✓ @bo")
            .And.Contain("Next: /coalition language").And.NotContain("Next: /coalition timezone").And.NotContain("Next: /coalition channel reminders");
    }

    [DbFact]
    public async Task Audit_ListsWhoDidWhatNewestFirst_InTheCoalitionsZone()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);
        await bot.As(Platform.Console, Role.Admin, user: "rosa").SendAsync("/coalition timezone America/Chicago");
        bot.Clock.Advance(TimeSpan.FromHours(2));
        await bot.As(Platform.Console, Role.Admin, user: "tomas").SendAsync("/coalition leads add @bo");

        var reply = await bot.As(Platform.Console, Role.Admin).SendAsync("/coalition audit");

        // .NET formats "11:00 AM" with a narrow no-break space; compare with a plain one.
        var lines = reply.Reply.Bullets.Select(b => Core.Replies.Markup.ToPlainText(b).Replace('\u202F', ' ')).ToList();
        lines.Should().Equal(
            "3/2/2026 11:00 AM — tomas — made a lead: @bo",
            "3/2/2026 9:00 AM — rosa — time zone: – → America/Chicago");
    }

    [DbFact]
    public async Task Audit_Days_LeavesOutOlderEntries()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        await using var bot = await CoalitionTestBot.StartAsync(clock, database: database);
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition language es");
        clock.Advance(TimeSpan.FromDays(10));
        await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition timezone America/Chicago");

        var week = await bot.As(Platform.Slack, Role.Admin, locale: "en").SendAsync("/coalition audit 7");
        var month = await bot.As(Platform.Slack, Role.Admin, locale: "en").SendAsync("/coalition audit days:30");

        week.Reply.Bullets.Should().ContainSingle().Which.Should().Contain("America/Chicago");
        month.Reply.Bullets.Should().HaveCount(2);
    }

    [DbTheory]
    [InlineData("/coalition audit 0", "must be at least 1")]
    [InlineData("/coalition audit 400", "must be at most 365")]
    [InlineData("/coalition audit lots", "is not a whole number")]
    public async Task Audit_BadDays_ClearError(string command, string expected)
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync(command);

        reply.Kind.Should().Be(ResultKind.Invalid);
        reply.Text.Should().Contain(expected);
    }

    [DbFact]
    public async Task Audit_Empty_SaysSo()
    {
        await using var bot = await CoalitionTestBot.StartAsync(database: database);

        var reply = await bot.As(Platform.Slack, Role.Admin).SendAsync("/coalition audit");

        reply.Text.Should().Be("No changes in the last 30 days.");
    }
}

public sealed class CoalitionSettingsTestsOnSqlite() : CoalitionSettingsTests(DatabaseProvider.Sqlite);

[OnPostgres]
public sealed class CoalitionSettingsTestsOnPostgres() : CoalitionSettingsTests(DatabaseProvider.Postgres);
