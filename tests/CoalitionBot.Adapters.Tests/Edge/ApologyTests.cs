using System.Text.Json;
using System.Text.RegularExpressions;
using CoalitionBot.Adapters.Console;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Adapters.Tests.Slack;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Routing;
using CoalitionBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Adapters.Tests.Edge;

/// <summary>A failure of the pipeline itself (not a handler's, which the router answers) gets the one apology on every platform.</summary>
public sealed partial class ApologyTests
{
    [Theory]
    [InlineData(Platform.Discord, "en-US", "Sorry, something went wrong on our side (ref {0}). Please try again; if it keeps happening, tell an admin.")]
    [InlineData(Platform.Slack, "en-US", "Sorry, something went wrong on our side (ref {0}). Please try again; if it keeps happening, tell an admin.")]
    [InlineData(Platform.Console, "en-US", "Sorry, something went wrong on our side (ref {0}). Please try again; if it keeps happening, tell an admin.")]
    [InlineData(Platform.Discord, "es-419", "Lo sentimos, algo falló de nuestro lado (ref {0}). Intente de nuevo; si sigue pasando, avise a un administrador.")]
    [InlineData(Platform.Slack, "es-LA", "Lo sentimos, algo falló de nuestro lado (ref {0}). Intente de nuevo; si sigue pasando, avise a un administrador.")]
    [InlineData(Platform.Console, "es", "Lo sentimos, algo falló de nuestro lado (ref {0}). Intente de nuevo; si sigue pasando, avise a un administrador.")]
    public async Task PipelineFails_OnEveryPlatform_SameApologyInTheCallersLanguageWithTheLoggedReference(Platform platform, string locale, string expected)
    {
        var logs = new LogCapture();
        await using var bot = await StartAsync(platform, locale, logs);

        var shown = platform switch
        {
            Platform.Discord => await DiscordAsync(bot, locale),
            Platform.Slack => await SlackAsync(bot),
            _ => await ConsoleAsync(bot),
        };

        // Each platform shows the markup its own way (Discord keeps the code span and escapes the brackets, Slack's notification
        // text and the console drop it): compared as plain text.
        var text = shown.Replace("`", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal);

        var reference = Reference().Match(text).Groups[1].Value;
        reference.Should().MatchRegex("^[0-9a-f]{8}$", "the answer names its reference: {0}", text);
        text.Should().Be(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, reference));
        logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Line.Contains("ref " + reference, StringComparison.Ordinal) && e.Line.Contains("pipeline on fire", StringComparison.Ordinal),
            "the reference is logged with the exception");
    }

    [Fact]
    public void For_SameReference_OneTextWhateverTheLocaleSpelling()
    {
        Apology.For(CoreLanguages.For("es-MX"), "0000abcd").Reply.Text.Should().Be(Apology.For(CoreLanguages.For("ES"), "0000abcd").Reply.Text).And.StartWith("Lo sentimos");
        Apology.For(CoreLanguages.For(null), "0000abcd").Reply.Text.Should().Be(Apology.For(CoreLanguages.For("fr-FR"), "0000abcd").Reply.Text).And.StartWith("Sorry");
        Apology.For(CoreLanguages.For("en"), "0000abcd").Reply.Ephemeral.Should().BeTrue();
        Apology.For(CoreLanguages.For("qps-ploc"), "0000abcd").Reply.Text.Should().StartWith("[").And.Contain("0000abcd");
    }

    [Fact]
    public async Task GuardAsync_Cancelled_IsPassedOnNotApologisedFor()
    {
        var logs = new LogCapture();
        var cancelled = Task.FromCanceled<Core.Commands.CommandResult>(new CancellationToken(canceled: true));

        var guarded = () => Apology.GuardAsync(cancelled, CoreLanguages.For("en"), logs, "test");

        await guarded.Should().ThrowAsync<OperationCanceledException>();
        logs.Lines.Should().BeEmpty();
    }

    [GeneratedRegex("ref ([0-9a-f]+)\\)")]
    private static partial Regex Reference();

    private static Task<TestBot> StartAsync(Platform platform, string locale, LogCapture logs) => TestBot.StartAsync(
        plugins: ["help"],
        configuration: EdgeBot.Settings(("CoalitionBot:Console:Locale", locale)),
        configure: services =>
        {
            services.AddLogging(b => b.AddProvider(logs));
            services.TryAddSingleton<IHostApplicationLifetime, ApplicationLifetime>();

            // The command's context cannot be built: the router lets this through, as for any fault of the pipeline itself.
            services.Replace(ServiceDescriptor.Scoped<CommandContextFactory>(_ => throw new InvalidOperationException("pipeline on fire")));
            switch (platform)
            {
                case Platform.Discord:
                    services.AddDiscord(services.BuildServiceProvider().GetRequiredService<IConfiguration>());
                    break;
                case Platform.Slack:
                    services.AddSlack();
                    services.RemoveAll<IHttpClientFactory>();
                    services.AddSingleton<IHttpClientFactory>(sp => new FakeSlackHttp(sp.GetRequiredService<TimeProvider>())
                    {
                        DefaultJson = method => method == "users.info"
                            ? """{"ok":true,"user":{"id":"U1","locale":"LOCALE","profile":{"display_name":"Ana"}}}""".Replace("LOCALE", locale, StringComparison.Ordinal)
                            : """{"ok":true}""",
                    });
                    break;
                default:
                    services.AddConsoleChat(new ConsoleStreams(new StringReader("/help\n"), new StringWriter(), IsInteractive: false));
                    break;
            }
        });

    private static async Task<string> DiscordAsync(TestBot bot, string locale)
    {
        using var interaction = JsonDocument.Parse("""
            {"type":2,"id":"900000000000000100","token":"tok","application_id":"900000000000000009","guild_id":"900000000000000001",
             "channel_id":"900000000000000005","locale":"LOCALE","data":{"name":"help"},
             "member":{"permissions":"0","roles":[],"user":{"id":"900000000000000200","username":"ana"}}}
            """.Replace("LOCALE", locale, StringComparison.Ordinal));

        var answer = await bot.Services.GetRequiredService<DiscordInteractions>().HandleAsync(interaction.RootElement);

        return answer.Body!["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
    }

    private static async Task<string> SlackAsync(TestBot bot)
    {
        var fields = new Dictionary<string, string>
        {
            ["team_id"] = "T1", ["user_id"] = "U1", ["user_name"] = "ana", ["channel_id"] = "C1", ["channel_name"] = "general",
            ["command"] = "/help", ["text"] = string.Empty, ["response_url"] = "https://hooks.slack.test/commands/1",
        };
        var answer = await bot.Services.GetRequiredService<SlackDispatcher>().CommandAsync(SlashCommand.Read(name => fields.GetValueOrDefault(name), out _)!, CancellationToken.None);

        return answer!.ToJson()["text"]!.GetValue<string>();
    }

    private static async Task<string> ConsoleAsync(TestBot bot)
    {
        var chat = bot.Services.GetRequiredService<ConsoleChat>();
        await chat.StartAsync(CancellationToken.None);
        await chat.ExecuteTask!;
        var output = bot.Services.GetRequiredService<ConsoleStreams>().Output.ToString()!;
        return output.Split('\n').Single(l => l.StartsWith("! ", StringComparison.Ordinal))[2..].TrimEnd('\r');
    }
}
