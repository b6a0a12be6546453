using System.Text.Json;
using CoalitionBot.Core.Model;

namespace CoalitionBot.Adapters.Slack;

/// <summary>Where a Slack payload came from: the coalition (workspace, or the whole org for an org-wide install), the person and the channel.</summary>
public sealed record SlackOrigin(TenantId Tenant, string UserId, string? UserName, string? ChannelId, string? ChannelName)
{
    /// <summary>The workspace (or, for an org-wide install, the org) id: what Slack's per-workspace limits are counted by.</summary>
    public string? Team => Tenant.WorkspaceOf(Platform.Slack);

    /// <summary>The tenant of a workspace; an org-wide (Enterprise Grid) install is one coalition for the whole org.</summary>
    public static TenantId? TenantFor(string? teamId, string? enterpriseId, bool isEnterpriseInstall)
    {
        if (isEnterpriseInstall && IsId(enterpriseId))
        {
            return TenantId.For(Platform.Slack, enterpriseId!);
        }

        if (IsId(teamId))
        {
            return TenantId.For(Platform.Slack, teamId!);
        }

        return IsId(enterpriseId) ? TenantId.For(Platform.Slack, enterpriseId!) : null;
    }

    internal static bool IsId(string? id) => TenantId.IsWorkspaceId(id);
}

/// <summary>A slash command as Slack sends it (form fields over HTTP, the same fields as JSON in Socket Mode).</summary>
public sealed record SlashCommand(SlackOrigin Origin, string Command, string Text, string? ResponseUrl)
{
    /// <summary>Slack's id of this invocation (<c>trigger_id</c>): the same in a redelivered copy, so it identifies duplicates.</summary>
    public string? TriggerId { get; init; }

    /// <summary>Reads the command's fields; null with a reason when a required one is missing.</summary>
    public static SlashCommand? Read(Func<string, string?> field, out string? error)
    {
        ArgumentNullException.ThrowIfNull(field);
        var tenant = SlackOrigin.TenantFor(field("team_id"), field("enterprise_id"), field("is_enterprise_install") == "true");
        var user = field("user_id");
        var command = field("command")?.Trim();
        error = tenant is null ? "team_id is missing"
            : !SlackOrigin.IsId(user) ? "user_id is missing"
            : string.IsNullOrEmpty(command) || command.Length > 64 || command.Any(char.IsWhiteSpace) ? "command is missing"
            : field("channel_id") is { } channel && !SlackOrigin.IsId(channel) ? "channel_id is not a Slack id"
            : null;
        if (error is not null)
        {
            return null;
        }

        return new SlashCommand(
            new SlackOrigin(tenant!.Value, user!, field("user_name"), field("channel_id"), field("channel_name")),
            command!.TrimStart('/'),
            field("text") ?? string.Empty,
            field("response_url"))
        {
            TriggerId = field("trigger_id") is { Length: > 0 and <= 100 } trigger ? trigger : null,
        };
    }

    /// <summary>Reads a Socket Mode <c>slash_commands</c> payload.</summary>
    public static SlashCommand? FromJson(JsonElement payload, out string? error) =>
        Read(name => SlackJson.String(payload, name), out error);

    /// <summary>The text handed to Core's parser: the command word (without its slash) and what followed it.</summary>
    public string RouterText => Text.Length == 0 ? Command : Command + " " + Text;
}

/// <summary>A pressed Block Kit button (<c>block_actions</c>).</summary>
public sealed record BlockAction(SlackOrigin Origin, string ActionId, string Value, string? ResponseUrl, string? MessageTs)
{
    /// <summary>Slack's id of this press (<c>trigger_id</c>): the same in a redelivered copy, so it identifies duplicates.</summary>
    public string? TriggerId { get; init; }

    /// <summary>Reads the first button action of an interaction payload; null with a reason when it is not one.</summary>
    public static BlockAction? FromJson(JsonElement payload, out string? error)
    {
        error = null;
        if (payload.ValueKind != JsonValueKind.Object || SlackJson.String(payload, "type") != "block_actions")
        {
            error = "not a block_actions payload";
            return null;
        }

        var team = SlackJson.Object(payload, "team");
        var user = SlackJson.Object(payload, "user");
        var enterprise = SlackJson.Object(payload, "enterprise");
        var channel = SlackJson.Object(payload, "channel");
        var isOrgInstall = payload.TryGetProperty("is_enterprise_install", out var e) && e.ValueKind == JsonValueKind.True;
        var tenant = SlackOrigin.TenantFor(
            SlackJson.String(team, "id") ?? SlackJson.String(user, "team_id"),
            SlackJson.String(enterprise, "id"),
            isOrgInstall);
        var userId = SlackJson.String(user, "id");
        var action = payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0
            ? actions[0]
            : default;
        var actionId = SlackJson.String(action, "action_id");
        if (tenant is null || !SlackOrigin.IsId(userId) || string.IsNullOrEmpty(actionId))
        {
            error = "team, user or action is missing";
            return null;
        }

        if (SlackJson.String(channel, "id") is { } channelId && !SlackOrigin.IsId(channelId))
        {
            error = "channel.id is not a Slack id";
            return null;
        }

        return new BlockAction(
            new SlackOrigin(tenant.Value, userId!, SlackJson.String(user, "username") ?? SlackJson.String(user, "name"), SlackJson.String(channel, "id"), SlackJson.String(channel, "name")),
            actionId,
            SlackJson.String(action, "value") ?? string.Empty,
            SlackJson.String(payload, "response_url"),
            SlackJson.String(SlackJson.Object(payload, "container"), "message_ts"))
        {
            TriggerId = SlackJson.String(payload, "trigger_id") is { Length: > 0 and <= 100 } trigger ? trigger : null,
        };
    }
}

internal static class SlackJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;
}
