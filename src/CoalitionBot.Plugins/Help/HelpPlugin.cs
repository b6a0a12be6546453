using CoalitionBot.Core.Commands;
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


    public override string? DescriptionEs => "Muestra los comandos que puede usar.";

    public override IEnumerable<Type> Modules => [typeof(HelpCommands)];
}

/// <summary>Lists commands by plugin, filtered by the caller's role, or explains one command in detail.</summary>
public sealed class HelpCommands(CommandCatalog catalog, IReadOnlyList<LoadedPlugin> plugins, Lazy<CoalitionBotDbContext> database) : CommandModule
{
    private const string SetupPath = "coalition setup";

    [Command("help", "List the commands you can use, or explain one", DescriptionEs = "Ver los comandos que puede usar, o explicar uno")]
    public async Task<CommandResult> Help(
        [Option("A command to explain, like: task assign", Remainder = true, DescriptionEs = "Un comando para explicar, como: task assign")] string? command = null,
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
                return CommandResult.NotFound(Context.Say(
                    $"There is no command `/{path}`. Type `/help` to see them all.",
                    $"No existe el comando `/{path}`. Escriba `/help` para verlos todos."));
            }

            var name = exact?.Path ?? (group.All(c => c.Path.StartsWith(path + " ", StringComparison.Ordinal)) ? path : group[0].Words[0]);
            return List(
                Context.Say($"/{name} commands", $"Comandos de /{name}"),
                group,
                text: null,
                footer: Context.Say("Type `/help <command>` for one command's options.", "Escriba `/help <comando>` para ver las opciones de uno."));
        }

        var hidden = catalog.Commands.Where(c => Context.Role < c.Role).ToList();
        var forWhom = hidden.All(c => c.Role == Role.Admin)
            ? Context.Say("admins", "administradores")
            : hidden.All(c => c.Role == Role.Lead) ? Context.Say("leads", "coordinadores") : Context.Say("leads and admins", "coordinadores y administradores");
        var footer = Context.Say(
            "Type `/help <command>` for details." + (hidden.Count > 0 ? $" {hidden.Count} more command(s) are for {forWhom}." : string.Empty),
            "Escriba `/help <comando>` para más detalles." + (hidden.Count > 0 ? $" Otros {hidden.Count} comando(s) son para {forWhom}." : string.Empty));
        return List(Context.Say("Commands", "Comandos"), visible, await FirstStepAsync(cancellationToken), footer);
    }

    /// <summary>For an admin of a coalition that has not chosen its time zone yet (the setting every date depends on): where to start.</summary>
    private async Task<string?> FirstStepAsync(CancellationToken cancellationToken)
    {
        if (Context.Role < Role.Admin || catalog.Find(SetupPath) is null
            || await database.Value.TenantSettings.AsNoTracking().AnyAsync(s => s.TimeZone != null, cancellationToken))
        {
            return null;
        }

        return Context.Say(
            "**First, run `/coalition setup`**: it shows what this coalition still needs (time zone, language, channels, leads) and the command that sets each.",
            "**Primero, use `/coalition setup`**: muestra lo que aún le falta a esta coalición (zona horaria, idioma, canales, coordinadores) y el comando para configurar cada cosa.");
    }

    private CommandResult List(string title, IReadOnlyList<CommandDescriptor> commands, string? text, string? footer)
    {
        var fields = commands
            .GroupBy(c => c.PluginName)
            .OrderBy(g => plugins.ToList().FindIndex(p => p.Plugin.Name == g.Key))
            .Select(g => new ReplyField(
                PluginTitle(g.Key),
                string.Join('\n', g.Select(c => Markup.Format($"`{c.Usage}` — {Describe(c)}{RoleNote(c.Role)}")))))
            .ToList();
        return CommandResult.Ok(new Reply { Title = title, Text = text, Fields = fields, Footer = footer, Ephemeral = true });
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
        return plugin is null ? name : $"{plugin.Name} — {(Context.IsSpanish ? plugin.DescriptionEs ?? plugin.Description : plugin.Description)}";
    }
}
