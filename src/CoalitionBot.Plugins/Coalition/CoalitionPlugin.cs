using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Plugins;

namespace CoalitionBot.Plugins.Coalition;

/// <summary><c>/coalition</c> (settings, leads, audit log, export, delete) and <c>/privacy me</c>: the coalition's setup and the data the bot keeps.</summary>
public sealed class CoalitionPlugin : BotPlugin
{
    public override string Name => "coalition";

    public override string Description => "Coalition settings, leads, audit log and privacy.";



    public override IEnumerable<Type> Modules => [typeof(CoalitionSettingsCommands), typeof(CoalitionDataCommands), typeof(PrivacyCommands)];
}

/// <summary>What <c>/coalition leads</c> does.</summary>
public enum LeadsAction
{
    [Choice("list", "ver", "lista")]
    List,

    [Choice("add", "agregar", "añadir")]
    Add,

    [Choice("remove", "quitar", "eliminar")]
    Remove,
}
