using System.Globalization;
using CoalitionBot.Core.Scheduling;
using CoalitionBot.Adapters.Console;
using CoalitionBot.Core;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins;
using CoalitionBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CoalitionBot.Adapters.Tests;

public class ConsoleChatTests
{
    private static Task<string> ChatAsync(string input, params (string Key, string Value)[] settings) =>
        ChatAsync(input, ["help"], idleDispatcher: false, settings);

    private static async Task<string> ChatAsync(string input, string[] pluginNames, bool idleDispatcher, params (string Key, string Value)[] settings)
    {
        var connection = $"Data Source=console-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        await using var keepAlive = new SqliteConnection(connection);
        await keepAlive.OpenAsync();
        var output = new StringWriter();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["CoalitionBot:Database:ConnectionString"] = connection;
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        var plugins = new PluginLoader(BuiltInPlugins.Catalog).Load(pluginNames.Select(n => new PluginEntry(n, true, null, null)), AppContext.BaseDirectory);
        builder.Services.AddCoalitionBotCore().AddPlugins(plugins);
        if (idleDispatcher)
        {
            // No background services (the outbox dispatcher among them): only the chat itself can deliver what is queued.
            builder.Services.RemoveAll<IHostedService>();
        }

        builder.Services.AddConsoleChat(new ConsoleStreams(new StringReader(input), output, IsInteractive: false));
        using var host = builder.Build();
        await host.Services.MigrateDatabasesAsync();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return output.ToString();
    }

    [Fact]
    public async Task Run_PipedInput_AnswersEachLineAndStopsAtEnd()
    {
        var output = await ChatAsync("/help\nhello\n/nope\n");

        output.Should().StartWith("CoalitionBot console chat: you are organizer (admin) in console:local.");
        output.Should().Contain("/help [command…]");
        output.Should().Contain("Commands start with a slash");
        output.Should().Contain("! I don't know /nope.");
    }

    [Fact]
    public async Task Run_BackgroundLoops_WaitForTheFirstAnswer()
    {
        var connection = $"Data Source=console-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        await using var keepAlive = new SqliteConnection(connection);
        await keepAlive.OpenAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["CoalitionBot:Database:ConnectionString"] = connection;
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T18:00:00Z", CultureInfo.InvariantCulture)));
        builder.Services.AddCoalitionBotCore().AddPlugins(new PluginLoader(BuiltInPlugins.Catalog).Load([new PluginEntry("help", true, null, null)], AppContext.BaseDirectory));
        var output = new StringWriter();
        builder.Services.AddConsoleChat(new ConsoleStreams(new StringReader("/help\n"), output, IsInteractive: false));
        using var host = builder.Build();
        await host.Services.MigrateDatabasesAsync();
        var gate = host.Services.GetRequiredService<BackgroundGate>();

        gate.IsOpen.Should().BeFalse("the console holds the outbox and the planners back until its first answer");
        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        output.ToString().Should().Contain("/help [command…]");
        gate.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task Run_EndOfInput_ShowsQueuedMessagesBeforeLeaving()
    {
        var output = await ChatAsync(
            "/campaign start Springfield \"Springfield ends its 287(g) contract\"\n/campaign advance\n/press 1\n",
            ["coalition", "stakeholders", "meetings", "campaigns"],
            idleDispatcher: true);

        output.Should().Contain("[#general] == Springfield moves on to Step 2: Education ==");
    }

    [Fact]
    public async Task Run_AsSwitchesUserAndRole()
    {
        var output = await ChatAsync("/as ana member\n/as ana chief\n/as\n");

        output.Should().Contain("You are now ana (member).");
        output.Should().Contain("! `chief` is not a role");
        output.Should().Contain("! Usage: /as <name> [member|lead|admin]");
    }

    [Fact]
    public async Task Run_UserAndRoleFromConfiguration_AreUsed()
    {
        var output = await ChatAsync("/help\n", ("CoalitionBot:Console:User", "ben"), ("CoalitionBot:Console:Role", "Member"));

        output.Should().StartWith("CoalitionBot console chat: you are ben (member)");
    }

    [Fact]
    public async Task Run_PseudoLocale_TheChatsOwnLinesComeFromTheCatalog()
    {
        var output = await ChatAsync("hello\n/as ana member\n/as ana chief\n/as\n/press 1\n/help\n/press 9\n/nosuch\n", ("CoalitionBot:Console:Locale", "qps-ploc"));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().HaveCountGreaterThan(7);
        foreach (var line in lines.Where(l => !l.StartsWith("[1]", StringComparison.Ordinal)))
        {
            // The console prints plain text: what stands outside the brackets is the typed names, roles and the coalition id.
            PseudoLocale.CheckText(line, "the console chat", ["console:local", "organizer", "ana", "chief", "admin", "member"]);
        }

        output.Should().NotContain("You are now").And.NotContain("Commands start with");
    }

    [Fact]
    public async Task Run_PressWithoutButtons_SaysSo()
    {
        var output = await ChatAsync("/press 1\n");

        output.Should().Contain("! There is no button to press");
    }

    [Fact]
    public async Task Run_QuitStopsReading()
    {
        var output = await ChatAsync("/quit\n/help\n");

        output.Should().NotContain("== Commands ==");
    }

    [Fact]
    public async Task Messenger_ReplyWithImage_SavesItAndPrintsPathAndAltText()
    {
        var directory = Path.Combine(Path.GetTempPath(), "coalitionbot-images-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var messenger = new ConsoleMessenger(new ConsoleWriter(new ConsoleStreams(TextReader.Null, output, false)), Images(directory));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        try
        {
            await messenger.SendAsync(TenantId.ConsoleLocal, MessageTarget.ToChannel(new ChannelRef("council", "council")),
                new Reply { Text = "The map", Attachments = [new ReplyAttachment(png, "map.png", "Spectrum of allies: 4 people")] }, default);

            var line = output.ToString().Split('\n').Single(l => l.Contains("[image]", StringComparison.Ordinal)).Trim();
            line.Should().MatchRegex(@"^\[#council\] \[image\] .+-map\.png \(Spectrum of allies: 4 people\)$");
            var saved = Directory.GetFiles(directory).Should().ContainSingle().Subject;
            line.Should().Contain(saved.Replace('\\', '/'));
            (await File.ReadAllBytesAsync(saved)).Should().Equal(png);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Messenger_ImageDirectoryUnwritable_PrintsOneLineInstead()
    {
        var blocker = Path.GetTempFileName();
        var output = new StringWriter();
        var messenger = new ConsoleMessenger(new ConsoleWriter(new ConsoleStreams(TextReader.Null, output, false)), Images(Path.Combine(blocker, "images")));
        try
        {
            await messenger.SendAsync(TenantId.ConsoleLocal, MessageTarget.ToChannel(new ChannelRef("council", "council")),
                new Reply { Text = "The map", Attachments = [new ReplyAttachment([1, 2], "map.png", "alt", "es")] }, default);

            output.ToString().Should().Contain("[#council] The map").And.Contain("No se pudo enviar la imagen").And.NotContain("[image]");
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    private static ConsoleImages Images(string directory) =>
        new(Options.Create(new ConsoleOptions { ImagesDirectory = directory }), CoreLanguages.Catalogs, new FakeTimeProvider(), NullLogger<ConsoleImages>.Instance);

    [Fact]
    public async Task Messenger_PrintsChannelOrRecipient()
    {
        var output = new StringWriter();
        var messenger = new ConsoleMessenger(new ConsoleWriter(new ConsoleStreams(TextReader.Null, output, false)), Images(Path.GetTempPath()));

        await messenger.SendAsync(TenantId.ConsoleLocal, MessageTarget.ToChannel(new ChannelRef("council", "council")), new Reply { Text = "Council meets in 2 hours" }, default);
        await messenger.SendAsync(TenantId.ConsoleLocal, MessageTarget.ToUser(new UserRef("ana", "ana")), new Reply { Text = "Task #3 is due tomorrow" }, default);

        output.ToString().Should().Contain("[#council] Council meets in 2 hours").And.Contain("[DM ana] Task #3 is due tomorrow");
    }
}
