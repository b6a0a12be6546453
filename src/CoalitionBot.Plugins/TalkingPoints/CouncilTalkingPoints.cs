using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>Council talking points for other plugins' buttons, found and shown exactly as <c>/tp &lt;topic&gt; council</c> does.</summary>
internal sealed class CouncilTalkingPoints(TalkingPointLibrary library, TalkingPointsSettings settings) : ICouncilTalkingPoints
{
    public async Task<Reply> ForCouncilAsync(string topic, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var voice = PointVoice.For(context, context.Language);
        var outcome = await library.SearchAsync(topic, Audience.Council, kind: null, settings.MaxResults, cancellationToken);
        if (outcome.Points.Count == 0)
        {
            outcome = await library.ForAudienceAsync(Audience.Council, settings.MaxResults, cancellationToken);
        }

        return TalkingPointCards.Results(voice, library, voice.T("tp.council.title", new { topic }), null, outcome.Points) with { Ephemeral = true };
    }
}
