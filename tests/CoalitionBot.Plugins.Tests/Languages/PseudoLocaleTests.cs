using System.Text;
using System.Text.RegularExpressions;
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
public sealed partial class PseudoLocaleTests(ITestOutputHelper output)
{
    /// <summary>The plugins whose every string comes from catalogs. A plugin converted later is one more name here.</summary>
    public static readonly IReadOnlyList<string> Converted = ["coalition", "help", "tp"];

    /// <summary>Text the samples type, and so may show as it is.</summary>
    private static readonly string[] UserData = ["America/Chicago", "Ana Ruiz", "console:local", "general", "organizers", "ana", "admin", "UTC"];

    public static TheoryData<string> Plugins => new(Converted);

    [Theory]
    [MemberData(nameof(Plugins))]
    public async Task EveryCommandAndButton_PseudoLocale_OnlyCatalogText(string plugin)
    {
        await using var bot = await TestBot.StartAsync(plugins: Converted.Contains("help") ? Converted : [.. Converted, "help"]);
        var commands = bot.Services.GetRequiredService<CommandCatalog>().Commands.Where(c => c.PluginName == plugin).ToList();
        commands.Should().NotBeEmpty();
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
        var required = command.Options.Where(o => o.Required).ToDictionary(o => o.Name, Sample);
        yield return required;
        yield return command.Options.ToDictionary(o => o.Name, Sample);
        foreach (var option in command.Options.Where(o => o.Choices.Count > 0))
        {
            foreach (var choice in option.Choices)
            {
                yield return new Dictionary<string, string>(required) { [option.Name] = choice.Name };
            }
        }
    }

    /// <summary>The samples of <see cref="PluginAloneTests"/>, with a real time zone so that setting one succeeds too.</summary>
    private static string Sample(OptionDescriptor option) => option.Name == "zone" ? "America/Chicago" : PluginAloneTests.Sample(option);

    /// <summary>Fails when a visible text of the reply has words outside the pseudo-locale's brackets; returns how many texts it checked.</summary>
    internal static int Check(TestReply reply, string what)
    {
        var texts = new List<string?> { reply.Reply.Title, reply.Reply.Text, reply.Reply.Footer };
        texts.AddRange(reply.Reply.Fields.SelectMany(f => new[] { f.Name, f.Value }));
        texts.AddRange(reply.Reply.Bullets);
        texts.AddRange(reply.Reply.Buttons.Select(b => b.Label));
        var checkedTexts = 0;
        foreach (var text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var outside = Outside(text!);
            foreach (var data in UserData)
            {
                outside = outside.Replace(data, " ", StringComparison.Ordinal);
            }

            outside = NotWords().Replace(outside, " ");
            Words().IsMatch(outside).Should().BeFalse($"{what} shows text that is not from a catalog: \"{Words().Match(outside).Value}\" in «{text}»");
            checkedTexts++;
        }

        return checkedTexts;
    }

    /// <summary>The text with every bracketed (catalog) part taken out; escaped brackets (<c>\[</c>, user data) do not count.</summary>
    private static string Outside(string text)
    {
        var result = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (depth == 0)
                {
                    result.Append(text[i + 1]);
                }

                i++;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>What nobody translates: `code`, mentions (&lt;@U1&gt;, &lt;#C1&gt;, @ana, #council, @&amp;role) and numbers.</summary>
    [GeneratedRegex(@"`[^`]*`|<[@#][^>]*>|[@#]&?[\w.-]+|\d+")]
    private static partial Regex NotWords();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
