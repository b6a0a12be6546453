using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using CoalitionBot.Plugins.Shared;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The <c>/tp</c> commands that find and show talking points, and the Share and More buttons of their cards.</summary>
public sealed class TalkingPointCommands(
    TalkingPointLibrary library,
    TalkingPointsSettings settings,
    Lazy<CoalitionBotDbContext> coreDatabase,
    TimeProvider clock) : CommandModule
{
    // Asking for points reads the cache alone; only /tp lang opens the database.
    private CoalitionBotDbContext CoreDb => coreDatabase.Value;

    [Command("tp", "Talking points on a topic, for an audience")]
    public async Task<CommandResult> AskAsync(
        [Option("Topic or question, like: detainers, 287g, federal funding", Remainder = true, MaxLength = 200, Autocomplete = typeof(TopicAutocomplete))] string? topic = null,
        [Option("Who you will talk to")] Audience? audience = null,
        [Option(LanguageHelp, MaxLength = 35)] string? lang = null,
        CancellationToken cancellationToken = default)
    {
        if (Voice(lang) is not { } voice)
        {
            return UnknownLanguage(lang!);
        }

        var own = PointVoice.For(Context, Context.Language);
        var (query, spotted) = ExtractAudience(topic ?? string.Empty, library.IsTopicWord, word => AudienceNames.Parse(word, own.Audience));
        audience ??= spotted;
        var forWhom = audience is { } a ? voice.Audience(a) : null;

        if (query.Length == 0)
        {
            if (forWhom is null)
            {
                return CommandResult.Invalid(voice.T("tp.ask.what"));
            }

            var starters = await library.ForAudienceAsync(audience, settings.MaxResults, cancellationToken);
            return CommandResult.Ok(TalkingPointCards.Results(voice, library, voice.T("tp.results.title.audience", new { audience = forWhom }), null, starters.Points));
        }

        var outcome = await library.SearchAsync(query, audience, kind: null, settings.MaxResults, cancellationToken);
        if (outcome.Points.Count == 0)
        {
            return CommandResult.NotFound(voice.T("tp.search.none", new { query }));
        }

        var note = outcome.AudienceFallback && forWhom is not null ? voice.T("tp.search.audience-fallback", new { audience = forWhom }) : null;
        var title = forWhom is null
            ? voice.T("tp.results.title.topic", new { topic = query })
            : voice.T("tp.results.title.topic.audience", new { topic = query, audience = forWhom });
        return CommandResult.Ok(TalkingPointCards.Results(voice, library, title, note, outcome.Points));
    }

    [Command("tp rebut", "The answer to an objection you heard")]
    public async Task<CommandResult> RebutAsync(
        [Option("The objection, like: it protects criminals", Remainder = true, MaxLength = 200)] string objection,
        [Option("Language of the answer: en, es or an added one like ht", MaxLength = 35)] string? lang = null,
        CancellationToken cancellationToken = default)
    {
        if (Voice(lang) is not { } voice)
        {
            return UnknownLanguage(lang!);
        }

        var outcome = await library.SearchAsync(objection, audience: null, PointKind.Rebuttal, 3, cancellationToken);
        if (outcome.Points.Count == 0)
        {
            var known = (await library.VisibleAsync(cancellationToken))
                .Where(p => p.Kind == PointKind.Rebuttal)
                .Select(p => voice.T("tp.quote", new { text = TalkingPointCards.Body(p, p.In(voice.Language).Text.Objection!) }))
                .ToList();
            return CommandResult.Ok(new Reply
            {
                Text = voice.T("tp.rebut.none", new { objection }),
                Bullets = known,
                Ephemeral = true,
            });
        }

        var best = outcome.Points[0];
        var card = TalkingPointCards.Detail(voice, best, clock.GetUtcNow(), library);
        var others = outcome.Points.Skip(1).Select(p => voice.T("tp.rebut.other", new
        {
            objection = TalkingPointCards.Body(p, p.In(voice.Language).Text.Objection!),
            command = new TrustedMarkup(Markup.Format($"`/tp show {p.Id}`")),
        })).ToList();
        return CommandResult.Ok(card with { Bullets = others });
    }

    [Command("tp show", "One talking point in full, with its source")]
    public async Task<CommandResult> ShowAsync(
        [Option("The point's id, like detainers-are-requests", MaxLength = 48, Autocomplete = typeof(TopicAutocomplete))] string id,
        [Option("Language: en, es or an added one like ht", MaxLength = 35)] string? lang = null,
        CancellationToken cancellationToken = default)
    {
        if (Voice(lang) is not { } voice)
        {
            return UnknownLanguage(lang!);
        }

        var point = await library.FindAsync(id, cancellationToken);
        return point is null
            ? CommandResult.NotFound(voice.T("tp.show.none", new { id }))
            : CommandResult.Ok(TalkingPointCards.Detail(voice, point, clock.GetUtcNow(), library));
    }

    [Command("tp topics", "The topics, with how many points each audience has")]
    public async Task<CommandResult> TopicsAsync(CancellationToken cancellationToken = default)
    {
        var voice = PointVoice.For(Context, Context.Language);
        var points = await library.VisibleAsync(cancellationToken);
        var rows = points
            .SelectMany(p => p.Topics.Select(t => (Topic: t, Point: p)))
            .GroupBy(x => x.Topic, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(40)
            .Select(g =>
            {
                var perAudience = Enum.GetValues<Audience>()
                    .Select(a => (Audience: a, Count: g.Count(x => x.Point.Audiences.Contains(a))))
                    .Where(x => x.Count > 0)
                    .Select(x => voice.T("tp.topics.audience", new { audience = voice.Audience(x.Audience), count = x.Count }));
                return voice.T("tp.topics.row", new
                {
                    topic = new TrustedMarkup(Markup.Format($"`{g.Key}`")),
                    count = g.Count(),
                    audiences = new TrustedMarkup(string.Join(" · ", perAudience)),
                });
            })
            .ToList();
        return CommandResult.Ok(new Reply
        {
            Title = voice.T("tp.topics.title"),
            Text = voice.T("tp.topics.summary", new { count = points.Count, rebuttals = points.Count(p => p.Kind == PointKind.Rebuttal) }),
            Bullets = rows,
            Ephemeral = true,
        });
    }

    [Command("tp lang", "Your language for every answer (the same as /coalition me language)")]
    public Task<CommandResult> LanguageAsync(
        [Option(PersonalLanguage.Help, MaxLength = 35)] string? language = null,
        CancellationToken cancellationToken = default) =>
        PersonalLanguage.SetAsync(CoreDb, Context, language, clock, cancellationToken);

    [Button(TalkingPointCards.ShareAction)]
    public async Task<CommandResult> ShareAsync(string value, CancellationToken cancellationToken = default)
    {
        var decoded = await library.DecodeAsync(value, cancellationToken);
        if (decoded is null)
        {
            return CommandResult.Invalid(Context.T("tp.share.stale"));
        }

        return CommandResult.Ok(TalkingPointCards.Shared(Context, PointVoice.For(Context, decoded.Value.Language), decoded.Value.Points));
    }

    [Button(TalkingPointCards.MoreAction)]
    public async Task<CommandResult> MoreAsync(string value, CancellationToken cancellationToken = default)
    {
        var decoded = await library.DecodeAsync(value, cancellationToken);
        if (decoded is null)
        {
            return CommandResult.Invalid(Context.T("tp.more.stale"));
        }

        var voice = PointVoice.For(Context, decoded.Value.Language);
        var point = decoded.Value.Points[0];
        return CommandResult.Ok(TalkingPointCards.Detail(voice, point, clock.GetUtcNow(), library));
    }

    private const string LanguageHelp = "Language of the points: en, es or an added one like ht";

    /// <summary>The strings for the language asked for with <c>lang</c> (a loaded code, or English/Spanish by name), else the caller's own; null when <c>lang</c> names no loaded language.</summary>
    private PointVoice? Voice(string? lang) =>
        lang is null ? PointVoice.For(Context, Context.Language)
        : LanguageNames.Resolve(Context.Languages, lang) is { } code ? PointVoice.For(Context, code)
        : null;

    private CommandResult UnknownLanguage(string lang) =>
        CommandResult.Invalid(Context.T("tp.lang.unknown", new { code = lang.Trim(), languages = TalkingPointCards.Codes(Context.Languages) }));

    /// <summary>Takes audience words out of a topic ("detainers council" → detainers, for council), also misspelt ("counsil")
    /// unless the word is a topic of its own (<paramref name="isTopicWord"/>: "policy" is not a misspelt "police"). <paramref name="parse"/>
    /// reads an audience word (default: English and Spanish names; commands add the caller's language).</summary>
    internal static (string Query, Audience? Audience) ExtractAudience(string topic, Func<string, bool>? isTopicWord = null, Func<string, Audience?>? parse = null)
    {
        parse ??= AudienceNames.Parse;
        Audience? found = null;
        var kept = new List<string>();
        foreach (var word in topic.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var audience = parse(word) ?? (isTopicWord?.Invoke(word) == false ? AudienceNames.ParseForgiving(word) : null);
            if (found is null && audience is not null)
            {
                found = audience;
                continue;
            }

            kept.Add(word);
        }

        return (string.Join(' ', kept), found);
    }
}
