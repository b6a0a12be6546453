using Microsoft.Extensions.Localization;
using System.Globalization;
using System.Text.Json;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Adapters.Discord;

/// <summary>Reads Discord's interaction payloads into Core's terms: who acted where (the caller), the command path and its
/// option values as the text Core's parser reads, and whether a field lacks Discord's syntax.</summary>
public static class DiscordInteractionParser
{
    /// <summary>The Administrator permission bit.</summary>
    public const long Administrator = 1L << 3;

    /// <summary>The Manage Server permission bit.</summary>
    public const long ManageGuild = 1L << 5;

    /// <summary>Reads who acted, where: the guild is the coalition; Administrator or Manage Server makes an admin.</summary>
    /// <param name="interaction">The interaction payload.</param>
    /// <param name="strings">The strings for a platform locale, for the refusal.</param>
    /// <param name="refusal">Why nobody can act here (a direct message outside any coalition), in the person's language; null otherwise.</param>
    internal static Caller? ReadCaller(JsonElement interaction, Func<string?, IStringLocalizer> strings, out string? refusal)
    {
        refusal = null;
        var locale = Text(interaction, "locale");
        var member = interaction.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var userElement = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("user", out var mu) ? mu
            : interaction.TryGetProperty("user", out var u) ? u : default;
        if (userElement.ValueKind != JsonValueKind.Object || Text(userElement, "id") is not { } userId)
        {
            return null;
        }

        var guildId = Text(interaction, "guild_id");
        if (guildId is null && DirectButtonCoalition(interaction) is { } coalition)
        {
            // A button the bot sent in a direct message (a task's Done): the coalition is the one the button names, and the
            // person acts as a member (their stored lead grant still applies; server roles and permissions are not known here).
            var dmName = Text(userElement, "global_name") ?? Text(userElement, "username");
            var dmChannel = Text(interaction, "channel_id");
            return new Caller(
                TenantId.For(Platform.Discord, coalition),
                Platform.Discord,
                new UserRef(userId, dmName),
                dmChannel is null ? null : new ChannelRef(dmChannel, null),
                Role.Member,
                locale,
                []);
        }

        if (guildId is null || member.ValueKind != JsonValueKind.Object)
        {
            // Direct messages belong to no coalition: the bot works inside a coalition's server.
            refusal = strings(locale)["core.adapter.outside-coalition"].Value;
            return null;
        }

        var name = Text(member, "nick") ?? Text(userElement, "global_name") ?? Text(userElement, "username");
        var permissions = long.TryParse(Text(member, "permissions"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var role = (permissions & (Administrator | ManageGuild)) != 0 ? Role.Admin : Role.Member;
        var roleIds = member.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList()
            : [];
        var channelId = Text(interaction, "channel_id");
        var channelName = interaction.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.Object ? Text(c, "name") : null;
        return new Caller(
            TenantId.For(Platform.Discord, guildId),
            Platform.Discord,
            new UserRef(userId, name),
            channelId is null ? null : new ChannelRef(channelId, channelName),
            role,
            locale,
            roleIds);
    }

    /// <summary>The server id in the pressed button of a direct message, when that button is really on the message Discord says was pressed.</summary>
    private static string? DirectButtonCoalition(JsonElement interaction)
    {
        if (!interaction.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.Number || type.GetInt32() != (int)InteractionType.MessageComponent
            || !interaction.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || Text(data, "custom_id") is not { } customId
            || !DiscordRenderer.TryParseDirectCustomId(customId, out var guildId, out _, out _))
        {
            return null;
        }

        // Discord fills in the message from its own records: the id must be one of that message's buttons.
        return interaction.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("components", out var rows) && HasCustomId(rows, customId)
            ? guildId
            : null;
    }

    private static bool HasCustomId(JsonElement element, string customId) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasCustomId(e, customId)),
        JsonValueKind.Object => (element.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == customId)
            || (element.TryGetProperty("components", out var children) && HasCustomId(children, customId)),
        _ => false,
    };

    /// <summary>Walks nested subcommand options into the command path, and turns every value into the text Core's parser reads.</summary>
    internal static void ReadOptions(JsonElement data, JsonElement level, List<string> path, Dictionary<string, string> values, out (string Name, string Value)? focused)
    {
        focused = null;
        if (!level.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var option in options.EnumerateArray())
        {
            var name = Text(option, "name");
            if (name is null || !option.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out var number))
            {
                continue;
            }

            var type = (ApplicationCommandOptionType)number;

            if (type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup)
            {
                path.Add(name);
                ReadOptions(data, option, path, values, out focused);
                return;
            }

            var text = ValueText(data, type, option.TryGetProperty("value", out var v) ? v : default);
            values[name] = text;
            if (option.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True)
            {
                focused = (name, text);
            }
        }
    }

    // The focused option's type, found by walking into the subcommands.
    internal static bool IsNumericOption(JsonElement level, string name)
    {
        if (!level.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var option in options.EnumerateArray())
        {
            var type = (ApplicationCommandOptionType)(option.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var n) ? n : 0);
            if (type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup)
            {
                return IsNumericOption(option, name);
            }

            if (Text(option, "name") == name)
            {
                return type is ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number;
            }
        }

        return false;
    }

    private static string ValueText(JsonElement data, ApplicationCommandOptionType type, JsonElement value)
    {
        var raw = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => string.Empty,
        };
        return type switch
        {
            ApplicationCommandOptionType.User => $"<@{raw}>",
            ApplicationCommandOptionType.Channel => $"<#{raw}>",
            ApplicationCommandOptionType.Role => $"<@&{raw}>",
            ApplicationCommandOptionType.Mentionable => data.TryGetProperty("resolved", out var resolved) && resolved.TryGetProperty("roles", out var roles)
                && roles.ValueKind == JsonValueKind.Object && roles.TryGetProperty(raw, out _) ? $"<@&{raw}>" : $"<@{raw}>",
            _ => raw,
        };
    }

    /// <summary>The first field that does not have the platform's syntax, as a reason; ids become tenants and paths, so only snowflakes pass.</summary>
    internal static string? MalformedField(JsonElement interaction, string token)
    {
        if (token.Length is 0 or > MaxTokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return "the interaction token is malformed";
        }

        foreach (var name in (ReadOnlySpan<string>)["guild_id", "channel_id", "application_id"])
        {
            if (interaction.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                && (value.ValueKind != JsonValueKind.String || !DiscordOptionsValidator.IsSnowflake(value.GetString())))
            {
                return $"{name} is not a Discord id";
            }
        }

        var member = interaction.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var user = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("user", out var mu) ? mu
            : interaction.TryGetProperty("user", out var u) ? u : default;
        if (user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var userId)
            && (userId.ValueKind != JsonValueKind.String || !DiscordOptionsValidator.IsSnowflake(userId.GetString())))
        {
            return "user.id is not a Discord id";
        }

        return null;
    }

    // Discord's interaction tokens are a few hundred URL-safe characters; they go into webhook paths.
    private const int MaxTokenLength = 1000;

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
