using CoalitionBot.Core.Commands;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>Suggests talking points while the topic is typed (Discord autocomplete): the point's title, filling in its id.</summary>
public sealed class TopicAutocomplete(TalkingPointLibrary library) : IAutocompleteProvider
{
    public async Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(CommandContext context, string partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var points = string.IsNullOrWhiteSpace(partial)
            ? (await library.ForAudienceAsync(null, 25, cancellationToken)).Points
            : (await library.SearchAsync(partial, null, null, 25, cancellationToken)).Points;
        return points.Select(p =>
        {
            var title = p.In(context.Language).Text.Title;
            return new AutocompleteChoice(title.Length <= 100 ? title : title[..99] + "…", p.Id);
        }).ToList();
    }
}
