using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;

namespace CoalitionBot.Plugins.Campaigns;

/// <summary><c>/campaign tactics</c>: nonviolent action methods from the tactics catalog, municipal ones first, in the reader's language.</summary>
internal sealed class CampaignTacticsCommands(TacticsCatalog tactics) : CampaignModule
{
    [Command("campaign tactics", "Nonviolent action methods, in three families, municipal ones first")]
    public CommandResult Tactics(
        [Option("protest, noncooperation or intervention")] TacticFamily? family = null)
    {
        string Line(Tactic t) => Context.T(t.Sharp is null ? "campaigns.tactics.line" : "campaigns.tactics.line.numbered", new
        {
            municipal = new TrustedMarkup(t.Municipal ? "🏛 " : string.Empty),
            name = new TrustedMarkup(Context.T(t.NameKey)),
            number = t.Sharp ?? 0,
            text = new TrustedMarkup(Context.T(t.TextKey)),
        });
        var footer = Context.T("campaigns.tactics.legend") + " " + Context.T(TacticsCatalog.SourceKey);
        if (family is { } f)
        {
            var methods = tactics.Of(f).ToList();
            return CommandResult.Ok(new Reply
            {
                Title = Context.T("campaigns.tactics.family", new { family = new TrustedMarkup(Context.T(TacticsCatalog.FamilyKey(f))), count = methods.Count }),
                Bullets = methods.Select(Line).ToList(),
                Footer = footer,
                Ephemeral = true,
            });
        }

        const int PerFamily = 6;
        return CommandResult.Ok(new Reply
        {
            Title = Context.T("campaigns.tactics.title"),
            Text = Context.T("campaigns.tactics.text"),
            Fields = Enum.GetValues<TacticFamily>().Select(f =>
            {
                var methods = tactics.Of(f).ToList();
                var more = Context.T("campaigns.tactics.more", new { count = methods.Count - PerFamily, family = TacticsCatalog.FamilyWord(f) });
                return new ReplyField(
                    Context.T("campaigns.tactics.family", new { family = new TrustedMarkup(Context.T(TacticsCatalog.FamilyKey(f))), count = methods.Count }),
                    string.Join('\n', methods.Take(PerFamily).Select(Line)) + (methods.Count > PerFamily ? "\n" + more : string.Empty));
            }).ToList(),
            Footer = footer,
            Ephemeral = true,
        });
    }
}
