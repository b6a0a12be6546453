using System.Text.Json.Serialization;
using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary>A text in English and Spanish.</summary>
internal readonly record struct Text2(string En, string Es)
{
    public string In(CommandContext context) => context.Say(En, Es);

    public string In(bool spanish) => spanish ? Es : En;
}
