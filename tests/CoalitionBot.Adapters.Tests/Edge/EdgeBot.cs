using CoalitionBot.Testing;

namespace CoalitionBot.Adapters.Tests.Edge;

/// <summary>The settings of a test bot with Slack and Discord configured against fakes, for tests of what the adapters share.</summary>
internal static class EdgeBot
{
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CoalitionBot:Slack:SigningSecret"] = "secret",
            ["CoalitionBot:Slack:BotToken"] = "xoxb-test",
            ["CoalitionBot:Slack:ApiBaseUrl"] = "https://slack.test/api/",
            ["CoalitionBot:Slack:HooksBaseUrl"] = "https://hooks.slack.test/",
            ["CoalitionBot:Discord:PublicKey"] = new string('0', 64),
            ["CoalitionBot:Discord:BotToken"] = "discord-test-token",
            ["CoalitionBot:Discord:ApplicationId"] = "900000000000000009",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
