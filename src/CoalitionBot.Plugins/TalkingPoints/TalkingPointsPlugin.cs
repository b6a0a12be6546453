using System.ComponentModel.DataAnnotations;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using CoalitionBot.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Plugins.TalkingPoints;

/// <summary>Settings of the talking points plugin (<c>"tp"</c> in plugins.json).</summary>
public sealed class TalkingPointsSettings
{
    /// <summary>How many points a search shows. Default: 5.</summary>
    [Range(1, 5)]
    public int MaxResults { get; set; } = 5;

    /// <summary>A folder with extra pack files (<c>en/</c> and <c>es/</c>, same format) that add to or replace shipped points. Default: none.</summary>
    public string? ContentDirectory { get; set; }
}

/// <summary><c>/tp</c>: talking points by topic and audience, in English or Spanish, with rebuttals to common objections.</summary>
public sealed class TalkingPointsPlugin : BotPlugin<TalkingPointsSettings>
{
    public override string Name => "tp";

    public override string Description => "Talking points for council, media, faith, business, police and neighbors, in English and Spanish";

    public override IEnumerable<Type> Modules => [typeof(TalkingPointCommands), typeof(CoalitionPointCommands)];

    protected override void ConfigureServices(IServiceCollection services, TalkingPointsSettings settings)
    {
        // Loading validates every shipped and content-folder file now, so a malformed pack stops start-up with its path. The languages
        // folder's translations are added when the pack is first needed; a broken one is reported at start and skipped.
        var pack = ContentPack.Load(settings.ContentDirectory);
        services.AddSingleton(sp => pack.WithLanguageFolders(sp.GetRequiredService<IOptions<BotOptions>>().Value.LanguagesDirectory));
        services.AddHostedService<TalkingPointPackReport>();
        services.AddSingleton<ITranslatedContent, TalkingPointTranslations>();
        services.AddSingleton<PackIndex>();
        services.AddSingleton<TenantPointCache>();
        services.AddScoped<TalkingPointLibrary>();
        services.AddScoped<Shared.ICouncilTalkingPoints, CouncilTalkingPoints>();
        services.AddTenantDbContext<TalkingPointsDbContext, PostgresTalkingPointsDbContext>("tp");
        services.AddPersonalDataProvider<TalkingPointsPersonalData>();
    }
}

/// <summary>Loads the talking points at start and logs one warning line per languages-folder pack file that was skipped, like the
/// language catalogs' report, so a translator's mistake never stops the bot.</summary>
internal sealed partial class TalkingPointPackReport(ContentPack pack, ILogger<TalkingPointPackReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in pack.Problems)
        {
            Skipped(problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Talking point files: {Problem}")]
    private partial void Skipped(string problem);
}
