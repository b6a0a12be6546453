using System.ComponentModel.DataAnnotations;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;

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


    public override string? DescriptionEs => "Puntos clave para el concejo, los medios, comunidades de fe, negocios, policía y vecinos, en inglés y español";

    public override IEnumerable<Type> Modules => [typeof(TalkingPointCommands), typeof(CoalitionPointCommands)];

    protected override void ConfigureServices(IServiceCollection services, TalkingPointsSettings settings)
    {
        // Loading validates every file now, so a malformed pack stops start-up with its path.
        var pack = ContentPack.Load(settings.ContentDirectory);
        services.AddSingleton(pack);
        services.AddSingleton<PackIndex>();
        services.AddSingleton<TenantPointCache>();
        services.AddScoped<TalkingPointLibrary>();
        services.AddScoped<Shared.ICouncilTalkingPoints, CouncilTalkingPoints>();
        services.AddTenantDbContext<TalkingPointsDbContext, PostgresTalkingPointsDbContext>("tp");
        services.AddPersonalDataProvider<TalkingPointsPersonalData>();
    }
}
