using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Localization;

/// <summary>Loads the language catalogs at start and logs one warning line per skipped entry or file, so a translator's typo never stops the bot.</summary>
internal sealed partial class LanguageCatalogReport(LanguageCatalogs catalogs, ILogger<LanguageCatalogReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in catalogs.Problems)
        {
            Skipped(problem);
        }

        Loaded(string.Join(", ", catalogs.Languages));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language files: {Problem}")]
    private partial void Skipped(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Languages: {Languages}")]
    private partial void Loaded(string languages);
}
