using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary><c>/campaign tactics</c>: nonviolent action methods from the tactics catalog, municipal ones first.</summary>
internal sealed class CampaignTacticsCommands(TacticsCatalog tactics) : CampaignModule
{
    [Command("campaign tactics", "Nonviolent action methods, in three families, municipal ones first", DescriptionEs = "Métodos de acción no violenta, en tres familias, primero los municipales")]
    public CommandResult Tactics(
        [Option("protest, noncooperation or intervention", DescriptionEs = "protesta, no-cooperación o intervención")] TacticFamily? family = null)
    {
        string Line(Tactic t) => Markup.Format($"{(t.Municipal ? "🏛 " : string.Empty)}**{t.Name.In(Spanish)}**{(t.Sharp is { } n ? $" (#{n})" : string.Empty)} — {t.Text.In(Spanish)}");
        var legend = Say("🏛 fits a municipal sanctuary campaign. Numbers are Gene Sharp's 198 methods.", "🏛 sirve para una campaña municipal de ciudad santuario. Los números son los de los 198 métodos de Gene Sharp.");
        if (family is { } f)
        {
            var methods = tactics.Of(f).ToList();
            return CommandResult.Ok(new Reply
            {
                Title = $"{TacticsCatalog.FamilyName(f).In(Spanish)} ({methods.Count})",
                Bullets = methods.Select(Line).ToList(),
                Footer = Markup.Escape(legend + " " + tactics.Source),
                Ephemeral = true,
            });
        }

        const int PerFamily = 6;
        return CommandResult.Ok(new Reply
        {
            Title = Say("Nonviolent tactics", "Tácticas no violentas"),
            Text = Say("Pick tactics that fit the step you are on and the people who decide. Escalate one step at a time.", "Elija tácticas adecuadas al paso en que está la campaña y a quienes deciden. Aumente la presión un paso a la vez."),
            Fields = Enum.GetValues<TacticFamily>().Select(f =>
            {
                var methods = tactics.Of(f).ToList();
                var more = Say($"… {methods.Count - PerFamily} more: `/campaign tactics {Choice(f)}`", $"… {methods.Count - PerFamily} más: `/campaign tactics {Choice(f)}`");
                return new ReplyField($"{TacticsCatalog.FamilyName(f).In(Spanish)} ({methods.Count})", string.Join('\n', methods.Take(PerFamily).Select(Line)) + (methods.Count > PerFamily ? "\n" + more : string.Empty));
            }).ToList(),
            Footer = Markup.Escape(legend + " " + tactics.Source),
            Ephemeral = true,
        });
    }

    private static string Choice(TacticFamily family) => family switch
    {
        TacticFamily.ProtestAndPersuasion => "protest",
        TacticFamily.Noncooperation => "noncooperation",
        _ => "intervention",
    };
}
