using CoalitionBot.Adapters;
using CoalitionBot.Adapters.Slack;
using CoalitionBot.Adapters.Discord;
using CoalitionBot.Core;
using CoalitionBot.Core.Cli;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Messaging;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Plugins;
using CoalitionBot.Plugins;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using CoalitionBot.Core.Logging;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Host;

/// <summary>The bot's composition root: configuration, DI, endpoints and hosted services.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            // `stakeholders export map.csv --tenant …`: a plugin's command-line verb runs instead of the chat.
            var (hostArgs, verb, verbArgs) = CliCommands.Split(args);
            await using var app = await BuildAsync(hostArgs, warmUp: verb is null);
            if (verb is not null)
            {
                return await CliCommands.RunAsync(app.Services, verb, verbArgs, Console.Out, Console.Error, CancellationToken.None);
            }

            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is PluginConfigurationException or CatalogException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"CoalitionBot cannot start: {ex.Message}");
            return 2;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            await Console.Error.WriteLineAsync($"CoalitionBot cannot start: {string.Join(" ", ex.InnerExceptions.Select(e => e.Message))}");
            return 2;
        }
        catch (Exception ex) when (ex is DatabaseStartException || DatabaseSetup.IsDatabaseFailure(ex))
        {
            await Console.Error.WriteLineAsync($"CoalitionBot cannot start: the database failed: {DatabaseSetup.Describe(ex)}");
            return 3;
        }
    }

    /// <summary>Builds the bot with its database migrated, ready to start; tests pass <paramref name="configure"/> to swap services (clock, fakes).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="configure">Changes to the builder, after the bot's own registrations.</param>
    /// <param name="warmUp">Build the core database model while start-up goes on (the chat's first answer waits less); off for command-line verbs and tests.</param>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, bool warmUp = false)
    {
        var builder = CreateBuilder(args);
        var consoleChat = AdapterServices.IsConsoleEnabled(builder.Configuration);
        ConfigureLogging(builder.Logging, consoleChat);

        var discord = DiscordOptions.IsConfigured(builder.Configuration);
        AddCoreServices(builder);
        AddAdapters(builder, consoleChat, discord);

        configure?.Invoke(builder);
        var app = builder.Build();

        // Options are checked here, before the host starts: a bad setting is then the one-line error Main prints, not the
        // host's "failed to start" log with a stack trace in front of it.
        app.Services.GetService<IStartupValidator>()?.Validate();
        if (warmUp)
        {
            _ = app.Services.WarmUpCoreModelAsync();
        }

        await app.Services.MigrateDatabasesAsync();
        MapEndpoints(app, discord);
        return app;
    }

    private static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The slim builder leaves out what the bot never uses (IIS integration, host filtering, the Debug and EventSource
        // log providers, static web assets), which is start-up time for every console chat; HTTPS endpoints stay available.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.WebHost.UseKestrelHttpsConfiguration();

        // Defaults ship beside the binary; the working directory's files, environment and command line override them.
        // The file provider is named: without one, the source resolves against the content root (the working directory) and
        // an absolute path there is silently not found, so the shipped defaults were skipped when run from the repository root.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--user"] = "CoalitionBot:Console:User",
            ["--role"] = "CoalitionBot:Console:Role",
            ["--locale"] = "CoalitionBot:Console:Locale",
        });
        return builder;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool consoleChat)
    {
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A failed connection, command or save is reported once, by whoever catches it (start-up's one line, the router's
        // reference, a loop's "will try again"), not also by EF Core's own error log with its stack trace: a save that loses a
        // race on a unique key (two instances queueing the same reminder) is caught and answered, and is no error at all.
        foreach (var category in (string[])["Microsoft.EntityFrameworkCore.Database", "Microsoft.EntityFrameworkCore.Update"])
        {
            logging.AddFilter(category, LogLevel.Critical);
            logging.AddFilter<ConsoleLoggerProvider>(category, LogLevel.Critical);
        }

        if (consoleChat)
        {
            // Keep the chat readable: only warnings and errors on stderr.
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        }
    }

    private static void AddCoreServices(WebApplicationBuilder builder)
    {
        var plugins = CoreServices.LoadPlugins(builder.Configuration, builder.Environment.ContentRootPath, BuiltInPlugins.Catalog);
        builder.Services.AddCoalitionBotCore().AddPlugins(plugins);
        builder.Services.AddSecretRedaction();

        // Secrets that plugins keep (Legistar tokens) are encrypted with these keys; instances sharing a database must share the folder.
        var protection = builder.Services.AddDataProtection().SetApplicationName("CoalitionBot");
        if (builder.Configuration["CoalitionBot:DataProtection:KeysDirectory"] is { Length: > 0 } keys)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
    }

    private static void AddAdapters(WebApplicationBuilder builder, bool consoleChat, bool discord)
    {
        var listen = !string.IsNullOrWhiteSpace(builder.Configuration["urls"])
            || SlackServices.NeedsHttpListener(builder.Configuration)
            || DiscordOptions.RunsHttp(builder.Configuration);
        if (consoleChat)
        {
            builder.Services.AddConsoleChat();
        }

        // Printing the Slack manifest needs no Slack credentials: it is how a coalition creates its Slack app.
        builder.Services.AddSlackManifest();

        if (SlackServices.IsConfigured(builder.Configuration))
        {
            builder.Services.AddSlack();
        }

        if (discord)
        {
            builder.Services.AddDiscord(builder.Configuration);
        }

        if (!listen)
        {
            builder.Services.AddSingleton<IServer, NoServer>();
        }
    }

    private static void MapEndpoints(WebApplication app, bool discord)
    {
        if (discord)
        {
            app.MapDiscord();
        }

        app.MapGet("/healthz", async (DatabaseHealth health, IEnumerable<IAdapterStatus> adapters, CancellationToken ct) =>
        {
            // Writable, not just reachable: a read-only, full, deleted or replaced database answers connections but saves nothing.
            var database = await health.IsWritableAsync(ct);
            var statuses = adapters.Select(a => new { name = a.Name, running = a.IsRunning, problem = a.Problem, details = a.Details }).ToList();
            var healthy = database && statuses.All(s => s.running);
            return Results.Json(new { status = healthy ? "ok" : "degraded", database, adapters = statuses }, statusCode: healthy ? 200 : 503);
        });

        app.MapGet("/feeds/{name}/{token}", async (string name, string token, IEnumerable<IPublicFeed> feeds, CancellationToken ct) =>
        {
            var feed = feeds.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            var document = feed is null ? null : await feed.FindAsync(token, ct);
            return document is null ? Results.NotFound() : Results.Text(document.Body, document.ContentType);
        });

        app.MapSlack();
        app.MapSlackImages();
    }

    /// <summary>Stands in for Kestrel when nothing needs to listen (console chat only, Gateway or Socket Mode).</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
