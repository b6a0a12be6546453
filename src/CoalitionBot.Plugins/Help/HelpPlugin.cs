using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Help;

/// <summary><c>/help</c>: the commands of the loaded plugins that the caller may use.</summary>
public sealed class HelpPlugin : BotPlugin
{
    public override string Name => "help";

    public override string Description => "Lists the commands you can use.";

    public override IEnumerable<Type> Modules => [typeof(HelpCommands)];
}

/// <summary>Lists commands by plugin, filtered by the caller's role, or explains one command in detail.</summary>
public sealed class HelpCommands(CommandCatalog catalog, IReadOnlyList<LoadedPlugin> plugins) : CommandModule
{
    [Command("help", "List the commands you can use, or explain one", DescriptionEs = "Ver los comandos que puede usar, o explicar uno")]
    public CommandResult Help(
        [Option("A command to explain, like: task assign", Remainder = true, DescriptionEs = "Un comando para explicar, como: task assign")] string? command = null)
    {
        var visible = catalog.Commands.Where(c => Context.Role >= c.Role).ToList();
        if (!string.IsNullOrWhiteSpace(command))
        {
            var path = command.Trim().TrimStart('/').ToLowerInvariant();
            var exact = catalog.Find(path);
            if (exact is not null)
            {
                return Detail(exact);
            }

            var group = visible.Where(c => c.Words[0] == path.Split(' ')[0]).ToList();
            if (group.Count == 0)
            {
                return CommandResult.NotFound(Context.Say(
                    $"There is no command `/{path}`. Type `/help` to see them all.",
                    $"No existe el comando `/{path}`. Escriba `/help` para verlos todos."));
            }

            return List(Context.Say($"/{group[0].Words[0]} commands", $"Comandos de /{group[0].Words[0]}"), group, footer: null);
        }

        var hidden = catalog.Commands.Count - visible.Count;
        var footer = Context.Say(
            "Type `/help <command>` for details." + (hidden > 0 ? $" {hidden} more command(s) are for leads and admins." : string.Empty),
            "Escriba `/help <comando>` para más detalles." + (hidden > 0 ? $" Otros {hidden} comando(s) son para coordinadores y administradores." : string.Empty));
        return List(Context.Say("Commands", "Comandos"), visible, footer);
    }

    private CommandResult List(string title, IReadOnlyList<CommandDescriptor> commands, string? footer)
    {
        var fields = commands
            .GroupBy(c => c.PluginName)
            .OrderBy(g => plugins.ToList().FindIndex(p => p.Plugin.Name == g.Key))
            .Select(g => new ReplyField(
                PluginTitle(g.Key),
                string.Join('\n', g.Select(c => Markup.Format($"`{c.Usage}` — {Describe(c)}{RoleNote(c.Role)}")))))
            .ToList();
        return CommandResult.Ok(new Reply { Title = title, Fields = fields, Footer = footer, Ephemeral = true });
    }

    private CommandResult Detail(CommandDescriptor command)
    {
        var options = command.Options.Select(o =>
        {
            var choices = o.Choices.Count > 0 ? $" ({string.Join(", ", o.Choices.Select(c => c.Name))})" : string.Empty;
            var required = o.Required ? Context.Say("required", "obligatorio") : Context.Say("optional", "opcional");
            return Markup.Format($"`{o.Name}` — {(Context.IsSpanish ? o.DescriptionEs ?? o.Description : o.Description)}{choices} · {required}");
        }).ToList();
        var text = Markup.Format($"{Describe(command)}{RoleNote(command.Role)}\n`{command.Usage}`");
        return CommandResult.Ok(new Reply
        {
            Title = "/" + command.Path,
            Text = text,
            Bullets = options,
            Footer = command.Options.Count == 0 ? null : Context.Say(
                "Options can also be given by name, like `due:2026-12-03`; quote text with spaces.",
                "Las opciones también se pueden dar por nombre, como `due:2026-12-03`; use comillas para texto con espacios."),
            Ephemeral = true,
        });
    }

    private string Describe(CommandDescriptor command) =>
        Context.IsSpanish ? command.DescriptionEs ?? command.Description : command.Description;

    private string RoleNote(Role role) => role switch
    {
        Role.Lead => Context.Say(" (leads)", " (coordinadores)"),
        Role.Admin => Context.Say(" (admins)", " (administradores)"),
        _ => string.Empty,
    };

    private string PluginTitle(string name)
    {
        var plugin = plugins.FirstOrDefault(p => p.Plugin.Name == name)?.Plugin;
        return plugin is null ? name : $"{plugin.Name} — {plugin.Description}";
    }
}
