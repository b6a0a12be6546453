using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;
using CoalitionBot.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CoalitionBot.Plugins.Tests.Languages;

/// <summary>
/// Runs every command of a converted plugin under the pseudo-locale <c>qps-ploc</c> (bare, with each option filled, each choice
/// taken) as every role, presses every button it offers two levels deep, and fails on any text that did not come from a catalog.
/// </summary>
/// <remarks>
/// Text from a catalog shows as <c>[Åççéñţéð ţéẋţ]</c>; what may stand outside the brackets is what nobody translates: user
/// data (the samples typed below, names, ids, zones), mentions, `code` (commands as typed) and punctuation or numbers.
/// Errors from Core's option reader (a value of the wrong type) are not reached: the samples are valid, and those errors are
/// Core's, converted with the router.
/// </remarks>
public sealed class PseudoLocaleTests(ITestOutputHelper output)
{
    /// <summary>Every built-in plugin: each one's every string comes from catalogs (a new plugin is covered without a line here).</summary>
    public static readonly IReadOnlyList<string> Converted = [.. BuiltInPlugins.Catalog.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Text the samples type, and so may show as it is.</summary>
    private static readonly string[] UserData = ["America/Chicago", "Ana Ruiz", "console:local", "general", "organizers", "ana", "admin", "lena", "UTC", .. PseudoLocaleSamples.Data];

    public static TheoryData<string> Plugins => new(Converted);

    /// <summary>Sample data made before a plugin's commands run, so that they reach their answers about something that exists
    /// (meeting #1 repeats weekly on Tuesdays, so show, next, RSVP and cancelling one date find it).</summary>
    private static readonly Dictionary<string, string[]> Seeds = new(StringComparer.Ordinal)
    {
        ["meetings"] = ["/meeting add \"Ana Ruiz\" \"2026-03-03 18:00\" repeat:\"RRULE:FREQ=WEEKLY;BYDAY=TU\" where:\"Ana Ruiz\" agenda:\"Ana Ruiz\" remind:1d,2h"],
        ["stakeholders"] = [PseudoLocaleSamples.AddStakeholder],

        // Task #1 is the member's, due before the run's own due times, about the stakeholder (so done logs a contact).
        ["tasks"] = [PseudoLocaleSamples.AddStakeholder, "/task assign @ana \"Ana Ruiz\" due:\"2026-03-04 17:00\" step:2-education stakeholder:\"Ana Ruiz\""],
    };

    [Theory]
    [MemberData(nameof(Plugins))]
    public async Task EveryCommandAndButton_PseudoLocale_OnlyCatalogText(string plugin)
    {
        await using var bot = await TestBot.StartAsync(plugins: Converted.Contains("help") ? Converted : [.. Converted, "help"]);
        var commands = bot.Services.GetRequiredService<CommandCatalog>().Commands.Where(c => c.PluginName == plugin).ToList();
        commands.Should().NotBeEmpty();
        if (Seeds.TryGetValue(plugin, out var seed))
        {
            foreach (var command in seed)
            {
                var seeded = await bot.As(Platform.Console, Role.Admin, user: "admin").SendAsync(command);
                seeded.IsSuccess.Should().BeTrue($"the sample data ({command}) must be made: {seeded.Text}");
            }
        }

        var seen = 0;
        foreach (var role in new[] { Role.Member, Role.Admin })
        {
            var user = bot.As(Platform.Console, role, user: role == Role.Admin ? "admin" : "ana", locale: LanguageCatalogs.Pseudo);
            foreach (var command in commands.Where(c => c.Role <= role))
            {
                foreach (var options in Samples(command))
                {
                    var reply = await user.SendOptionsAsync(command.Path, options);
                    seen += Check(reply, $"/{command.Path} {string.Join(' ', options.Select(o => $"{o.Key}:{o.Value}"))} as {role}");
                    foreach (var button in reply.Reply.Buttons)
                    {
                        var pressed = await user.PressAsync(button);
                        seen += Check(pressed, $"/{command.Path} → {button.ActionId}");
                        foreach (var next in pressed.Reply.Buttons)
                        {
                            seen += Check(await user.PressAsync(next), $"/{command.Path} → {button.ActionId} → {next.ActionId}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{plugin}: {seen} texts checked");
        seen.Should().BeGreaterThan(commands.Count);
    }

    [Fact]
    public void Check_HardCodedText_IsCaught()
    {
        var act = () => Check(new TestReply(CommandResult.Ok(new Reply { Text = "[Ŧåľķîñĝ] and then plain words" })), "sample");
        act.Should().Throw<Exception>().WithMessage("*plain words*");
        Check(new TestReply(CommandResult.Ok(new Reply { Title = "[Ŧåľķîñĝ þôîñţš: Ana]", Text = "`/help` · <@U1> 12 — [Ðöñé]" })), "sample").Should().Be(2);
    }

    /// <summary>The command bare, then with every option filled with a valid sample, then once per choice of each choice option.</summary>
    private static IEnumerable<Dictionary<string, string>> Samples(CommandDescriptor command)
    {
        var required = command.Options.Where(o => o.Required).ToDictionary(o => o.Name, o => Sample(command, o));
        yield return required;
        yield return command.Options.ToDictionary(o => o.Name, o => Sample(command, o));
        foreach (var option in command.Options.Where(o => o.Choices.Count > 0))
        {
            foreach (var choice in option.Choices)
            {
                yield return new Dictionary<string, string>(required) { [option.Name] = choice.Name };
            }
        }
    }

    /// <summary>The samples of <see cref="PluginAloneTests"/>, with a real time zone so that setting one succeeds too, and the names of seeded data.</summary>
    private static string Sample(CommandDescriptor command, OptionDescriptor option) =>
        PseudoLocaleSamples.For(command, option) ?? (option.Name == "zone" ? "America/Chicago" : PluginAloneTests.Sample(option));

    /// <summary>Fails when a visible text of the reply has words outside the pseudo-locale's brackets; returns how many texts it checked.</summary>
    internal static int Check(TestReply reply, string what) => Check(reply.Reply, what);

    /// <summary>As <see cref="Check(TestReply, string)"/>, for a message the bot sent on its own (a direct message, a reminder, a digest); <paramref name="userData"/> is more text the test typed.</summary>
    internal static int Check(Reply reply, string what, params string[] userData) => PseudoLocale.Check(reply, what, UserData.Concat(userData));
}
