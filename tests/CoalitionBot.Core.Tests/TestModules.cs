using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Tests;

public enum Stance
{
    [Choice("active-ally", "aliado-activo")]
    ActiveAlly,
    [Choice("neutral")]
    Neutral,
    [Choice("active-opponent")]
    ActiveOpponent,
}

/// <summary>A plugin whose commands use every option kind, for parser and router tests.</summary>
public sealed class KitchenSinkPlugin : BotPlugin
{
    public override string Name => "kitchen";

    public override string Description => "Test commands.";

    public override IEnumerable<Type> Modules => [typeof(KitchenSinkCommands)];
}

public sealed class KitchenSinkCommands : CommandModule
{
    public static readonly List<object?[]> Calls = [];

    [Command("task assign", "Assign a task", Role = Role.Lead)]
    public CommandResult Assign(
        [Option("Who does it")] UserRef assignee,
        [Option("What to do", MaxLength = 40)] string title,
        [Option("When it is due")] DateTimeOffset? due = null,
        [Option("How many people")] int? count = null)
    {
        lock (Calls)
        {
            Calls.Add([assignee, title, due, count]);
        }

        return new Reply { Text = Markup.Format($"Assigned {title} to {assignee.Name}{(due is null ? string.Empty : $" due {due:yyyy-MM-dd HH:mm zzz}")}.") };
    }

    [Command("team", "Give several people one job")]
    public CommandResult Team(
        [Option("Who does it")] IReadOnlyList<UserRef> people,
        [Option("What to do", Remainder = true)] string title) =>
        new Reply { Text = Markup.Format($"{string.Join(",", people.Select(p => p.Id))}|{title}") };

    [Command("note", "Write a note")]
    public CommandResult Note(
        [Option("Which channel")] ChannelRef channel,
        [Option("The note", Remainder = true)] string text,
        [Option("Pin it")] bool pin = false) =>
        new Reply { Text = Markup.Format($"{channel.Id}|{text}|{pin}") };

    [Command("stance", "Set a stance")]
    public CommandResult SetStance(
        [Option("Stance")] Stance stance,
        [Option("Urgent?")] bool urgent = false,
        [Option("Remind before")] TimeSpan? remind = null,
        [Option("Lead role")] RoleRef? role = null,
        [Option("Weight", MinValue = 0, MaxValue = 1)] double? weight = null) =>
        new Reply { Text = $"{stance}|{urgent}|{remind}|{role?.Id}|{weight}" };

    [Command("admin only", "Admins only", Role = Role.Admin)]
    public CommandResult AdminOnly() => new Reply { Text = "secret" };

    [Command("boom", "Throws")]
    public Task<CommandResult> Boom() => throw new InvalidOperationException("database on fire");

    [Command("confirm", "Asks for confirmation")]
    public CommandResult Confirm() => new Reply
    {
        Text = "Sure?",
        Buttons = [new ReplyButton("kitchen.yes", "Yes", "42", ButtonStyle.Danger), new ReplyButton("kitchen.lead", "Lead only", "7")],
    };

    [Button("kitchen.yes")]
    public CommandResult Yes(string value) => CommandResult.Update(new Reply { Text = $"Confirmed {value} by {Context.User.Name}" });

    [Button("kitchen.lead", Role = Role.Lead)]
    public CommandResult LeadOnly(string value) => new Reply { Text = $"lead pressed {value}" };
}
