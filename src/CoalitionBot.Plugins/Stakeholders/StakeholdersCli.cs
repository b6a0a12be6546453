using System.Text;
using System.Text.RegularExpressions;
using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CoalitionBot.Plugins.Stakeholders;

/// <summary><c>stakeholders import|export &lt;file&gt; --tenant &lt;id&gt;</c>: the whole power map of one coalition as a CSV file.</summary>
internal sealed partial class StakeholdersCli : ICliCommand
{
    public string Name => "stakeholders";

    public string Usage => "stakeholders import|export <file.csv> --tenant <id>   (id: console:local, slack:<team id>, discord:<server id>)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (action, file, tenant, problem) = Parse(args);
        if (problem is not null)
        {
            await error.WriteLineAsync($"{problem}\nUsage: {Usage}");
            return CliExitCode.Failed;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var csv = scope.ServiceProvider.GetRequiredService<StakeholderCsv>();
        return action == "export"
            ? await ExportAsync(csv, file!, tenant, output, error, cancellationToken)
            : await ImportAsync(csv, file!, tenant, output, error, cancellationToken);
    }

    private static async Task<int> ExportAsync(StakeholderCsv csv, string file, TenantId tenant, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var path = CliFiles.ForWriting(file);
        var temporary = path + ".tmp";
        int count;
        try
        {
            // Write beside the target and move it into place, so a failed export never leaves half a file.
            await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            {
                count = await csv.ExportAsync(writer, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await error.WriteLineAsync($"Cannot write {file}: {ex.Message}");
            return CliExitCode.Failed;
        }

        await output.WriteLineAsync($"Exported {count} stakeholder(s) of {tenant} to {path}.");
        if (count == 0)
        {
            await output.WriteLineAsync($"The map of {tenant} is empty; is that the right --tenant?");
        }

        return CliExitCode.Ok;
    }

    private static async Task<int> ImportAsync(StakeholderCsv csv, string file, TenantId tenant, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        file = CliFiles.ForReading(file);
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"Cannot read {file}: the file does not exist.");
            return CliExitCode.Failed;
        }

        ImportReport report;
        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var by = new UserRef("cli:" + Environment.UserName, $"{Environment.UserName} (CSV import)");
            report = await csv.ImportAsync(reader, by, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read {file}: {ex.Message}");
            return CliExitCode.Failed;
        }

        if (report.FileError is not null)
        {
            await error.WriteLineAsync($"Nothing imported from {file}: {report.FileError}");
            return CliExitCode.Failed;
        }

        await output.WriteLineAsync(
            $"Imported {file} into {tenant}: {report.Accepted} row(s) accepted ({report.Added} added, {report.Updated} updated, {report.Unchanged} unchanged), {report.Rejected.Count} rejected.");
        foreach (var row in report.Rejected)
        {
            await output.WriteLineAsync($"  row {row.Row}{(row.Name is null ? string.Empty : $" ({row.Name})")}: {row.Reason}");
        }

        return report.Rejected.Count == 0 ? CliExitCode.Ok : CliExitCode.Failed;
    }

    private static (string? Action, string? File, TenantId Tenant, string? Problem) Parse(IReadOnlyList<string> args)
    {
        string? action = null, file = null, tenant = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--tenant" && i + 1 < args.Count)
            {
                tenant = args[++i];
            }
            else if (arg.StartsWith("--tenant=", StringComparison.Ordinal))
            {
                tenant = arg["--tenant=".Length..];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return (null, null, default, $"Unknown option {arg}.");
            }
            else if (action is null)
            {
                action = arg.ToLowerInvariant();
            }
            else if (file is null)
            {
                file = arg;
            }
            else
            {
                return (null, null, default, $"Unexpected \"{arg}\".");
            }
        }

        if (action is not ("import" or "export"))
        {
            return (null, null, default, action is null ? "Say import or export." : $"\"{action}\" is neither import nor export.");
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return (null, null, default, "Give the CSV file.");
        }

        if (tenant is null || !TenantRule().IsMatch(tenant))
        {
            return (null, null, default, tenant is null ? "Give the coalition with --tenant." : $"\"{tenant}\" is not a coalition id.");
        }

        return (action, file, new TenantId(tenant), null);
    }

    [GeneratedRegex("^(console|slack|discord):[A-Za-z0-9._-]{1,90}$")]
    private static partial Regex TenantRule();
}
