using System.Text.Json.Nodes;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Testing.Rendering;

/// <summary>Renders a command's answer with a platform's real renderer, as its adapter sends it, and reads the meaning back from the payload.</summary>
public static class PlatformRendering
{
    /// <summary>The platforms whose answers must mean the same.</summary>
    public static IReadOnlyList<Platform> All { get; } = [Platform.Console, Platform.Discord, Platform.Slack];

    /// <summary>What a person on <paramref name="platform"/> is shown; the console shows the neutral meaning (its renderer prints exactly that text).</summary>
    public static RenderedMeaning MeaningOn(Platform platform, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return platform switch
        {
            Platform.Discord => DiscordMeaning.Read(Discord(result.Reply)),
            Platform.Slack => SlackMeaning.Read(Slack(result).ToJson()),
            _ => RenderedMeaning.Of(result.Reply),
        };
    }

    /// <summary>The message bodies Discord's interaction answer carries: the messages, buttons that cannot be sent left out, images on the first.</summary>
    public static IReadOnlyList<JsonObject> Discord(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var messages = DiscordRenderer.Render(reply, reply.Ephemeral).ToList();
        if (reply.Attachments.Count > 0)
        {
            messages[0] = DiscordRenderer.WithImages(messages[0], reply.Attachments);
        }

        return messages;
    }

    /// <summary>Slack's answer to a slash command; images are shown in image blocks from the bot's public address.</summary>
    public static SlackAnswer Slack(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reply = result.Reply;
        if (reply.Attachments.Count == 0)
        {
            return SlackRenderer.Response(result);
        }

        var links = reply.Attachments.Select((image, i) => ($"https://bot.example.org/images/{i}/{image.FileName}", image.AltText)).ToList();
        return new SlackAnswer(SlackRenderer.Render(reply, links), reply.Ephemeral);
    }

    /// <summary>Every way the answer differs between platforms, each line naming the platform that differs from the neutral meaning.</summary>
    public static IReadOnlyList<string> Differences(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var expected = RenderedMeaning.Of(result.Reply);
        return All.SelectMany(p => expected.DifferencesFrom(MeaningOn(p, result)).Select(d => $"{p}: {d}")).ToList();
    }
}
