using System.Collections.Concurrent;
using System.Reflection;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Coordination;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>The shipped pack with its search index, built once at start-up.</summary>
public sealed class PackIndex
{
    public PackIndex(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        Pack = pack;
        ById = pack.Points.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Index = new SearchIndex(pack.Points.Select(p => TalkingPointLibrary.Document("p:" + p.Id, p)));
    }

    public ContentPack Pack { get; }

    public IReadOnlyDictionary<string, TalkingPoint> ById { get; }

    public SearchIndex Index { get; }
}

/// <summary>A coalition's own points and hidden pack points, with their index.</summary>
public sealed record TenantPoints(IReadOnlyList<TalkingPoint> Custom, IReadOnlySet<string> Hidden, SearchIndex Index)
{
    /// <summary>The coalition's points by index key (<c>c:&lt;row id&gt;</c>).</summary>
    public IReadOnlyDictionary<string, TalkingPoint> ByKey { get; } = Custom.ToDictionary(p => "c:" + p.CustomId, StringComparer.Ordinal);

    /// <summary>The visible points in starter order for an audience (key: the audience, or -1 for none), sorted once per cache entry.</summary>
    internal ConcurrentDictionary<int, IReadOnlyList<TalkingPoint>> StarterOrder { get; } = new();
}

/// <summary>Caches each coalition's points and index in memory; a saved change to them, through any instance, drops the entry everywhere
/// (<see cref="TalkingPointsDbContext"/> publishes it on <see cref="ICacheInvalidation"/>).</summary>
public sealed class TenantPointCache : IDisposable
{
    /// <summary>The name under which changes to a coalition's points are published (key: the tenant id).</summary>
    public const string CacheName = "talkingpoints";

    private readonly ConcurrentDictionary<string, TenantPoints> _byTenant = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public TenantPointCache(ICacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        _subscription = invalidation.Subscribe(CacheName, tenant =>
        {
            if (tenant is null)
            {
                _byTenant.Clear();
            }
            else
            {
                Invalidate(tenant);
            }
        });
    }

    public bool TryGet(string tenant, out TenantPoints points) => _byTenant.TryGetValue(tenant, out points!);

    public void Set(string tenant, TenantPoints points) => _byTenant[tenant] = points;

    public void Invalidate(string tenant) => _byTenant.TryRemove(tenant, out _);

    public void Dispose() => _subscription.Dispose();
}

/// <summary>What a search found, and whether the audience filter had to be dropped to find anything.</summary>
public sealed record SearchOutcome(IReadOnlyList<TalkingPoint> Points, bool AudienceFallback);

/// <summary>Finds talking points for a coalition: the pack (minus hidden points) and the coalition's own, searched together.</summary>
/// <remarks>The database is opened only when the coalition's points are not cached yet.</remarks>
public sealed class TalkingPointLibrary(PackIndex pack, TenantPointCache cache, Lazy<TalkingPointsDbContext> database, TenantContext tenant)
{
    private const double TitleWeight = 3.0;
    private const double TopicWeight = 2.5;
    private const double ObjectionWeight = 3.0;
    private const double SummaryWeight = 1.0;
    private const double DetailsWeight = 0.4;

    private string TenantKey => tenant.Current?.Value ?? throw new InvalidOperationException("No coalition in scope.");

    public ContentPack Pack => pack.Pack;

    /// <summary>The best points for a query, optionally for one audience and of one kind; up to <paramref name="max"/>.</summary>
    public async Task<SearchOutcome> SearchAsync(string query, Audience? audience, PointKind? kind, int max, CancellationToken cancellationToken)
    {
        var mine = await TenantAsync(cancellationToken);
        var exact = await FindAsync(query.Trim(), cancellationToken);
        bool Allowed(TalkingPoint p) => kind is null || p.Kind == kind;

        var found = pack.Index.Search(query, 60, key => !mine.Hidden.Contains(key[2..]) && Allowed(pack.ById[key[2..]]))
            .Select(r => (Point: pack.ById[r.Key[2..]], r.Score))
            .Concat(mine.Index.Search(query, 60).Select(r => (Point: mine.ByKey[r.Key], r.Score)).Where(r => Allowed(r.Point)))
            .OrderByDescending(r => r.Score)
            .ToList();
        if (found.Count > 0)
        {
            // Drop the long tail of weak, one-word coincidences.
            var best = found[0].Score;
            found = found.Where(r => r.Score >= best * 0.25).ToList();
        }

        var ranked = found.Select(r => r.Point).ToList();

        // The coalition's own points tagged with the topic asked for come first: they are why it tagged them.
        var words = SearchIndex.Terms(query).ToHashSet(StringComparer.Ordinal);
        var tagged = mine.Custom.Where(p => Allowed(p) && p.Topics.Any(t => words.Contains(t.Replace("-", string.Empty, StringComparison.Ordinal)) || words.Contains(t))).ToList();
        ranked.RemoveAll(tagged.Contains);
        ranked.InsertRange(0, tagged);
        if (exact is not null && Allowed(exact))
        {
            ranked.RemoveAll(p => p.Id == exact.Id);
            ranked.Insert(0, exact);
        }

        return Narrow(ranked, audience, max);
    }

    /// <summary>The points for an audience when no topic is given: points before rebuttals, those written mainly for it first.</summary>
    public async Task<SearchOutcome> ForAudienceAsync(Audience? audience, int max, CancellationToken cancellationToken)
    {
        var mine = await TenantAsync(cancellationToken);
        // The order depends only on the coalition's points (a new cache entry after any change) and the audience.
        var key = audience is { } wanted ? (int)wanted : -1;
        if (!mine.StarterOrder.TryGetValue(key, out var ordered))
        {
            ordered = Visible(mine)
                .OrderBy(p => p.Kind)
                .ThenBy(p => audience is { } a && p.Audiences.Count > 0 && p.Audiences[0] == a ? 0 : 1)
                .ThenBy(p => p.IsCustom ? 0 : 1)
                .ThenBy(p => CoreMessageRank(p.Id))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .ToList();
            mine.StarterOrder.TryAdd(key, ordered);
        }

        return Narrow(ordered, audience, max);
    }

    /// <summary>The campaign's core messages in the order a newcomer should hear them (DESIGN.md: equal treatment,
    /// the constitution, safety for everyone, local money, the funding threat, the demands).</summary>
    private static readonly string[] CoreMessages =
    [
        "equal-treatment-one-set-of-rules", "victims-witnesses-come-forward", "detainers-are-requests", "287g-is-voluntary",
        "local-money-local-priorities", "federal-funding-court-record", "trust-police-community", "tenth-amendment-anti-commandeering",
        "demand-no-city-resources", "demand-end-287g-and-detainers", "demand-no-status-collection", "stories-with-consent",
    ];

    private static int CoreMessageRank(string id)
    {
        var rank = Array.IndexOf(CoreMessages, id);
        return rank < 0 ? CoreMessages.Length : rank;
    }

    /// <summary>True when a word is a search term of the shipped points (so it is a topic, not a misspelt audience).</summary>
    public bool IsTopicWord(string word) => SearchIndex.Terms(word).Any(pack.Index.Contains);

    /// <summary>A visible point by pack id or coalition slug.</summary>
    public async Task<TalkingPoint?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var mine = await TenantAsync(cancellationToken);
        var key = id.Trim().ToLowerInvariant();
        if (pack.ById.TryGetValue(key, out var point) && !mine.Hidden.Contains(key))
        {
            return point;
        }

        return mine.Custom.FirstOrDefault(c => c.Id == key);
    }

    /// <summary>Every point the coalition sees: the pack minus hidden ones, and its own.</summary>
    public async Task<IReadOnlyList<TalkingPoint>> VisibleAsync(CancellationToken cancellationToken)
    {
        return Visible(await TenantAsync(cancellationToken));
    }

    private List<TalkingPoint> Visible(TenantPoints mine) => pack.Pack.Points.Where(p => !mine.Hidden.Contains(p.Id)).Concat(mine.Custom).ToList();

    /// <summary>Encodes points for a button value: pack points by position, coalition points by row id.</summary>
    public string Encode(string language, IEnumerable<TalkingPoint> points) =>
        $"{pack.Pack.Version}|{language}|" + string.Join(',', points.Select(p => p.IsCustom ? $"c{p.CustomId}" : $"p{pack.Pack.Ordinals[p.Id]}"));

    /// <summary>Decodes a button value; null when it was made by another version of the pack or names points that are gone.</summary>
    public async Task<(string Language, IReadOnlyList<TalkingPoint> Points)?> DecodeAsync(string value, CancellationToken cancellationToken)
    {
        var parts = value.Split('|');
        if (parts.Length != 3 || parts[0] != pack.Pack.Version || !LanguageCatalogs.IsLanguageCode(parts[1]) && parts[1] != LanguageCatalogs.Pseudo)
        {
            return null;
        }

        var mine = await TenantAsync(cancellationToken);
        var points = new List<TalkingPoint>();
        foreach (var item in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            TalkingPoint? point = null;
            if (item[0] == 'p' && int.TryParse(item[1..], out var ordinal) && ordinal >= 0 && ordinal < pack.Pack.Points.Count)
            {
                point = pack.Pack.Points[ordinal];
            }
            else if (item[0] == 'c' && long.TryParse(item[1..], out var id))
            {
                point = mine.Custom.FirstOrDefault(c => c.CustomId == id);
            }

            if (point is null)
            {
                return null;
            }

            points.Add(point);
        }

        return points.Count == 0 ? null : (parts[1], points);
    }

    internal static SearchDocument Document(string key, TalkingPoint point)
    {
        var fields = new List<SearchField>
        {
            new(point.Id.Replace('-', ' '), TopicWeight),
            new(string.Join(' ', point.Topics.Select(t => t.Replace('-', ' '))), TopicWeight),
        };
        // Every language's text is searchable, so a point is found by words of any language it is written in; the pseudo-locale's
        // accented copy of English is for display only.
        foreach (var text in point.Texts.Where(t => t.Key != LanguageCatalogs.Pseudo).Select(t => t.Value))
        {
            fields.Add(new SearchField(text.Title, TitleWeight));
            fields.Add(new SearchField(text.Summary, SummaryWeight));
            if (text.Objection is not null)
            {
                fields.Add(new SearchField(text.Objection, ObjectionWeight));
            }

            if (text.Details is not null)
            {
                fields.Add(new SearchField(text.Details, DetailsWeight));
            }
        }

        return new SearchDocument(key, fields);
    }

    internal static TalkingPoint ToPoint(CustomPoint row) => new()
    {
        Id = row.Slug,
        Kind = PointKind.Point,
        Topics = Split(row.Topics),
        Audiences = Split(row.Audiences).Select(a => AudienceNames.Parse(a)).OfType<Audience>().ToList(),
        Texts = new Dictionary<string, PointText>(StringComparer.Ordinal)
        {
            [row.Language] = new(row.Title, row.Text, null, null, row.CreatedBy),
        },
        IsCustom = true,
        CustomId = row.Id,
    };

    private static List<string> Split(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static SearchOutcome Narrow(IReadOnlyList<TalkingPoint> ranked, Audience? audience, int max)
    {
        if (audience is { } wanted)
        {
            var forAudience = ranked.Where(p => p.Audiences.Contains(wanted)).Take(max).ToList();
            if (forAudience.Count > 0 || ranked.Count == 0)
            {
                return new SearchOutcome(forAudience, false);
            }

            return new SearchOutcome(ranked.Take(max).ToList(), true);
        }

        return new SearchOutcome(ranked.Take(max).ToList(), false);
    }

    private async Task<TenantPoints> TenantAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGet(TenantKey, out var cached))
        {
            return cached;
        }

        var db = database.Value;
        var rows = await db.CustomPoints.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var hidden = await db.HiddenPackPoints.AsNoTracking().Select(h => h.PointId).ToListAsync(cancellationToken);
        var custom = rows.Select(ToPoint).ToList();
        var points = new TenantPoints(custom, hidden.ToHashSet(StringComparer.Ordinal), new SearchIndex(custom.Select(p => Document("c:" + p.CustomId, p)), pack.Index));
        cache.Set(TenantKey, points);
        return points;
    }
}

/// <summary>Reads audience names in English or Spanish, using the enum's choice names and aliases.</summary>
public static class AudienceNames
{
    private static readonly Dictionary<string, Audience> Names = typeof(Audience).GetFields(BindingFlags.Public | BindingFlags.Static)
        .SelectMany(f =>
        {
            var choice = f.GetCustomAttribute<ChoiceAttribute>()!;
            var value = (Audience)f.GetValue(null)!;
            return choice.Aliases.Append(choice.Name).Select(n => (Key: SearchIndex.Fold(n).Replace("-", string.Empty, StringComparison.Ordinal), value));
        })
        .ToDictionary(x => x.Key, x => x.value, StringComparer.Ordinal);

    /// <summary>The audience a word names, or null.</summary>
    public static Audience? Parse(string word)
    {
        return Names.TryGetValue(Key(word), out var audience) ? audience : null;
    }

    /// <summary>The audience a word names: an English or Spanish name or alias, else the audience's name in the reader's language
    /// (<paramref name="label"/>, from the catalog: a translator's word for "council" works for the people reading that language).</summary>
    public static Audience? Parse(string word, Func<Audience, string> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (Parse(word) is { } known)
        {
            return known;
        }

        var key = Key(word);
        var named = Enum.GetValues<Audience>().Where(a => key.Length > 0 && Key(label(a)) == key).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static string Key(string word) => SearchIndex.Fold(word).Replace("-", string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>The audience a word names, forgiving one typo in words of 5+ letters ("counsil", "concil", "medai"); null when none or several are that close.</summary>
    public static Audience? ParseForgiving(string word)
    {
        if (Parse(word) is { } exact)
        {
            return exact;
        }

        var key = SearchIndex.Fold(word).Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        if (key.Length < 5)
        {
            return null;
        }

        var close = Names.Where(n => SearchIndex.BoundedDistance(key, n.Key, 1) <= 1).Select(n => n.Value).Distinct().ToList();
        return close.Count == 1 ? close[0] : null;
    }

    /// <summary>The catalog key of the audience's name (<c>tp.audience.council</c>: "council", "concejo").</summary>
    public static string LabelKey(Audience audience) => $"tp.audience.{audience.ToString().ToLowerInvariant()}";
}
