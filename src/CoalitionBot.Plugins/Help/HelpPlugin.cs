using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.Help;

/// <summary><c>/help</c>: the commands of the loaded plugins that the caller may use.</summary>
public sealed class HelpPlugin : BotPlugin
{
    public override string Name => "help";

    public override string Description => "Lists the commands you can use.";



    public override IEnumerable<Type> Modules => [typeof(HelpCommands)];
}

/// <summary>Lists commands by plugin, filtered by the caller's role, or explains one command in detail.</summary>
public sealed class HelpCommands(CommandCatalog catalog, IReadOnlyList<LoadedPlugin> plugins, Lazy<CoalitionBotDbContext> database) : CommandModule
{
    private const string SetupPath = "coalition setup";

    [Command("help", "List the commands you can use, or explain one")]
    public async Task<CommandResult> Help(
        [Option("A command to explain, like: task assign", Remainder = true)] string? command = null,
        CancellationToken cancellationToken = default)
    {
        var visible = catalog.Commands.Where(c => Context.Role >= c.Role).ToList();
        if (!string.IsNullOrWhiteSpace(command))
        {
            var path = string.Join(' ', command.Trim().TrimStart('/').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var exact = catalog.Find(path);

            // A command with subcommands (/tp beside /tp rebut, /tp add …) is a group: its help lists them all, like /help task.
            var group = visible.Where(c => c.Path == exact?.Path || c.Path.StartsWith((exact?.Path ?? path) + " ", StringComparison.Ordinal)).ToList();
            if (exact is not null && group.Count <= 1)
            {
                return Detail(exact);
            }

            if (group.Count == 0)
            {
                group = visible.Where(c => c.Words[0] == path.Split(' ')[0]).ToList();
            }

            if (group.Count == 0)
            {
                return CommandResult.NotFound(Context.T("help.unknown", new { path }));
            }

            var name = exact?.Path ?? (group.All(c => c.Path.StartsWith(path + " ", StringComparison.Ordinal)) ? path : group[0].Words[0]);
            return List(Context.T("help.group.title", new { name }), group, text: null, footer: Context.T("help.group.footer"));
        }

        var hidden = catalog.Commands.Where(c => Context.Role < c.Role).ToList();
        var forWhom = hidden.All(c => c.Role == Role.Admin) ? "admins" : hidden.All(c => c.Role == Role.Lead) ? "leads" : "both";
        var footer = Context.T("help.footer") + (hidden.Count > 0 ? " " + Context.T($"help.hidden.{forWhom}", new { count = hidden.Count }) : string.Empty);
        return List(Context.T("help.title"), visible, await FirstStepAsync(cancellationToken), footer);
    }

    /// <summary>For an admin of a coalition that has not chosen its time zone yet (the setting every date depends on): where to start.</summary>
    private async Task<string?> FirstStepAsync(CancellationToken cancellationToken)
    {
        if (Context.Role < Role.Admin || catalog.Find(SetupPath) is null
            || await database.Value.TenantSettings.AsNoTracking().AnyAsync(s => s.TimeZone != null, cancellationToken))
        {
            return null;
        }

        return Context.T("help.first-step");
    }

    private CommandResult List(string title, IReadOnlyList<CommandDescriptor> commands, string? text, string? footer)
    {
        var fields = commands
            .GroupBy(c => c.PluginName)
            .OrderBy(g => plugins.ToList().FindIndex(p => p.Plugin.Name == g.Key))
            .Select(g => new ReplyField(
                PluginTitle(g.Key),
                string.Join('\n', g.Select(c => Line(c)))))
            .ToList();
        return CommandResult.Ok(new Reply { Title = title, Text = text, Fields = fields, Footer = footer, Ephemeral = true });
    }

    private CommandResult Detail(CommandDescriptor command)
    {
        var options = command.Options.Select(o =>
        {
            var choices = o.Choices.Count > 0 ? $" ({string.Join(", ", o.Choices.Select(c => c.Name))})" : string.Empty;
            return Context.T(o.Required ? "help.option.required" : "help.option.optional", new { name = o.Name, description = Context.T(CommandTexts.Key(command, o)), choices });
        }).ToList();
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("help.detail.title", new { path = command.Path }),
            Text = Line(command, "help.detail"),
            Bullets = options,
            Footer = command.Options.Count == 0 ? null : Context.T("help.options.footer"),
            Ephemeral = true,
        });
    }

    /// <summary>One command: how to type it, what it does, and who may (the description comes from the catalogs, see <see cref="CommandTexts"/>).</summary>
    /// <param name="command">The command.</param>
    /// <param name="key">"help.line" for a line of a list; "help.detail" for one command's own help (what it does first, then how to type it).</param>
    private string Line(CommandDescriptor command, string key = "help.line")
    {
        var forRole = command.Role switch { Role.Lead => key + ".leads", Role.Admin => key + ".admins", _ => key };
        return Context.T(forRole, new { usage = command.Usage, description = Context.T(CommandTexts.Key(command)) });
    }

    private string PluginTitle(string name) =>
        plugins.Any(p => p.Plugin.Name == name) ? Context.T("help.heading", new { name, description = new TrustedMarkup(Context.T(CommandTexts.PluginKey(name))) }) : name;
}
