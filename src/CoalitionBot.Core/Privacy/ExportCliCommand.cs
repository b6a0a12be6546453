using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Core.Privacy;

/// <summary><c>export --tenant &lt;id&gt; &lt;file&gt;</c>: writes a coalition's whole data to a new JSON file (a bare name goes into data/exports/) and records the export in its audit log.</summary>
internal sealed class ExportCliCommand(TenantDataStore store, IServiceScopeFactory scopes) : ICliCommand
{
    public string Name => "export";

    public string Usage => "export --tenant <id> <file>";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (tenant, file, unexpected) = ParseArguments(args);
        if (unexpected is not null)
        {
            return await UsageAsync(error, $"unexpected \"{unexpected}\"");
        }

        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(file))
        {
            return await UsageAsync(error, string.IsNullOrWhiteSpace(tenant) ? "--tenant is missing" : "the file is missing");
        }

        var id = new TenantId(tenant.Trim());
        var counts = await store.CountAsync(id, cancellationToken);
        if (counts.Sum(c => c.Rows) == 0)
        {
            await error.WriteLineAsync($"export: nothing is stored for \"{id}\". Tenant ids look like discord:<server id>, slack:<team id> or console:local.");
            return CliExitCode.Failed;
        }

        var path = CliFiles.ForWriting(file);
        if (File.Exists(path))
        {
            await error.WriteLineAsync($"export: {path} already exists; choose a new file name.");
            return CliExitCode.Failed;
        }

        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            counts = await store.ExportAsync(id, stream, cancellationToken);
        }

        await RecordExportAsync(id, cancellationToken);
        await ReportAsync(output, counts, id, path);
        return 0;
    }

    /// <summary>The tenant and the file from the command line, or the first argument that is neither.</summary>
    private static (string? Tenant, string? File, string? Unexpected) ParseArguments(IReadOnlyList<string> args)
    {
        string? tenant = null;
        string? file = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--tenant" or "-t" && i + 1 < args.Count)
            {
                tenant = args[++i];
            }
            else if (args[i].StartsWith("--tenant=", StringComparison.Ordinal))
            {
                tenant = args[i]["--tenant=".Length..];
            }
            else if (file is null && !args[i].StartsWith('-'))
            {
                file = args[i];
            }
            else
            {
                return (tenant, file, args[i]);
            }
        }

        return (tenant, file, null);
    }

    /// <summary>Records the export in the coalition's audit log.</summary>
    private async Task RecordExportAsync(TenantId id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id);
        scope.ServiceProvider.GetRequiredService<AuditLog>().RecordByHost("data.export");
        await scope.ServiceProvider.GetRequiredService<CoalitionBotDbContext>().SaveChangesAsync(cancellationToken);
    }

    private static async Task ReportAsync(TextWriter output, IReadOnlyList<TableCount> counts, TenantId id, string path)
    {
        await output.WriteLineAsync($"Exported {counts.Sum(c => c.Rows)} row(s) from {counts.Count} table(s) of {id} to {path}");
        foreach (var count in counts)
        {
            await output.WriteLineAsync($"  {count.Name}: {count.Rows}");
        }
    }

    private async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"export: {problem}. Usage: {Usage}");
        return CliExitCode.Failed;
    }
}
