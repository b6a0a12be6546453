using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using CoalitionBot.Core.Commands;
using CoalitionBot.Core.Commands.Parsing;
using CoalitionBot.Core.Localization;
using CoalitionBot.Core.Model;
using CoalitionBot.Core.Persistence;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Routing;

/// <summary>The one pipeline every adapter uses: find the command, check the role, bind options, run the handler in its own scope.</summary>
/// <remarks>Expected failures come back as results; a handler's exception is logged with a correlation id and answered with one short apology.</remarks>
public sealed partial class CommandRouter(
    CommandCatalog catalog,
    IServiceScopeFactory scopes,
    OptionBinder binder,
    TimeProvider clock,
    InFlightCommands inFlight,
    LanguageCatalogs languages,
    ILogger<CommandRouter> logger)
{
    // Matching a module's constructor against the container is done once per module type, not on every command.
    private readonly ConcurrentDictionary<Type, ObjectFactory> _factories = new();

    /// <summary>
    /// The strings for a caller the adapter knows only by their platform locale (an answer made before or without the
    /// coalition's settings, like the apology for a pipeline failure): the locale's loaded language, else English.
    /// </summary>
    public CatalogStringLocalizer StringsFor(string? locale)
    {
        return languages.StringsFor(languages.Match(locale) ?? LanguageCatalogs.English);
    }

    /// <summary>
    /// The caller's strings chosen exactly as for their commands (their own setting, their platform locale, the coalition's
    /// language), for what an adapter says itself; from the locale alone when the coalition's settings cannot be read.
    /// </summary>
    public async Task<CatalogStringLocalizer> StringsForAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            var opened = await OpenAsync(caller, Apology.NewReference(), cancellationToken);
            await using var scope = opened.Scope;
            return (CatalogStringLocalizer)opened.Context.Strings;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The caller's language could not be read; answering in their platform's");
            return StringsFor(caller.Locale);
        }
    }

    /// <summary>Runs a slash command.</summary>
    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var correlationId = Apology.NewReference();
        using var flight = inFlight.Enter();
        using var logScope = LogScope(request.Caller, correlationId);
        var started = Stopwatch.GetTimestamp();
        var (opened, refusal) = await TryOpenAsync(request.Caller, correlationId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await using var scope = opened.Scope;
        var context = opened.Context;
        var parse = ParseContext.For(context, clock.GetUtcNow());
        if (TooLong(request) is { } length)
        {
            Log.TooLong(logger, length);
            return CommandResult.Invalid(context.T("core.router.too-long", new
            {
                length = length.ToString("N0", context.Culture),
                limit = Tokenizer.MaxLength.ToString("N0", context.Culture),
            }));
        }

        var ((command, bound), unmatched) = Match(request, context, parse);
        if (unmatched is not null)
        {
            return unmatched;
        }

        if (context.Role < command.Role)
        {
            Log.Denied(logger, command.Path, context.Role, command.Role);
            return CommandResult.Forbidden(context.T(
                command.Role == Role.Admin ? "core.router.forbidden.admin" : "core.router.forbidden.lead", new { command = new TrustedMarkup(command.Path) }));
        }

        if (!bound.IsSuccess)
        {
            Log.Finished(logger, command.Path, ResultKind.Invalid, Elapsed(started));
            return CommandResult.Invalid(bound.Error!);
        }

        var arguments = Arguments(command, bound, cancellationToken);
        var result = await InvokeAsync(scope.ServiceProvider, command.ModuleType, command.Method, context, arguments, cancellationToken);
        Log.Finished(logger, command.Path, result.Kind, Elapsed(started));
        return result;
    }

    /// <summary>Finds the command by its path or its typed words and binds its options, or gives the answer for a command it does not know.</summary>
    private ((CommandDescriptor Command, BindResult Bound) Matched, CommandResult? Unmatched) Match(CommandRequest request, CommandContext context, ParseContext parse)
    {
        if (request.Path is not null)
        {
            var found = catalog.Find(request.Path);
            if (found is null)
            {
                return (default, Unknown(context, request.Path));
            }

            return ((found, binder.BindNamed(found, request.Options ?? new Dictionary<string, string>(), parse)), null);
        }

        var tokens = Tokenizer.Tokenize(request.Text?.TrimStart().TrimStart('/'));
        var words = tokens.TakeWhile(t => t is { Name: null, Quoted: false }).Select(t => t.Value).ToList();
        var (command, used) = catalog.Resolve(words);
        if (command is null)
        {
            return (default, words.Count == 0
                ? CommandResult.Invalid(context.T("core.router.empty"))
                : Unknown(context, words[0]));
        }

        return ((command, binder.Bind(command, tokens.Skip(used).ToList(), parse)), null);
    }

    /// <summary>The handler's arguments in parameter order: the bound options (or their defaults) and the cancellation token.</summary>
    private static object?[] Arguments(CommandDescriptor command, BindResult bound, CancellationToken cancellationToken) =>
        command.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken)
                ? cancellationToken
                : bound.Values[command.Options.First(o => o.Parameter.Position == p.Position).Name] ?? (p.HasDefaultValue ? p.DefaultValue : null))
            .ToArray();

    /// <summary>Runs the handler of a pressed button.</summary>
    public async Task<CommandResult> PressAsync(ButtonPress press, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(press);
        var correlationId = Apology.NewReference();
        using var flight = inFlight.Enter();
        using var logScope = LogScope(press.Caller, correlationId);
        var started = Stopwatch.GetTimestamp();
        var (opened, refusal) = await TryOpenAsync(press.Caller, correlationId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await using var scope = opened.Scope;
        var context = opened.Context;

        var button = catalog.FindButton(press.ActionId);
        if (button is null)
        {
            return CommandResult.Invalid(context.T("core.router.button-expired"));
        }

        if (context.Role < button.Role)
        {
            Log.Denied(logger, button.ActionId, context.Role, button.Role);
            return CommandResult.Forbidden(context.T(button.Role == Role.Admin ? "core.router.button-forbidden.admin" : "core.router.button-forbidden.lead"));
        }

        var arguments = button.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken) ? (object)cancellationToken : press.Value)
            .ToArray();
        var result = await InvokeAsync(scope.ServiceProvider, button.ModuleType, button.Method, context, arguments, cancellationToken);
        Log.Finished(logger, "button " + button.ActionId, result.Kind, Elapsed(started));
        return result;
    }

    /// <summary>Asks an option's autocomplete provider for suggestions; errors give an empty list.</summary>
    public async Task<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var option = catalog.Find(request.Path)?.Options.FirstOrDefault(o => o.Name == request.OptionName);
        if (option?.AutocompleteProvider is null)
        {
            return [];
        }

        try
        {
            var opened = await OpenAsync(request.Caller, Apology.NewReference(), cancellationToken);
            await using var scope = opened.Scope;
            var provider = (IAutocompleteProvider)ActivatorUtilities.CreateInstance(scope.ServiceProvider, option.AutocompleteProvider);
            var choices = await provider.SuggestAsync(opened.Context, request.Partial, cancellationToken);
            return choices.Take(25).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Autocomplete for /{Command} {Option} failed", request.Path, request.OptionName);
            return [];
        }
    }

    /// <summary>Opens the command's own DI scope, working for the caller's coalition, and builds its context there.</summary>
    /// <exception cref="DatabaseUnavailableException">The caller's settings cannot be read because the database is down.</exception>
    private async Task<(AsyncServiceScope Scope, CommandContext Context)> OpenAsync(Caller caller, string correlationId, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(caller.Tenant);
            var context = await scope.ServiceProvider.GetRequiredService<CommandContextFactory>().CreateAsync(caller, correlationId, cancellationToken);
            return (scope, context);
        }
        catch (Exception ex) when (DatabaseSetup.IsUnavailable(ex))
        {
            await scope.DisposeAsync();
            logger.LogWarning(ex, "The database is unavailable ({CorrelationId})", correlationId);
            throw new DatabaseUnavailableException(DatabaseUnavailable(StringsFor(caller.Locale), correlationId), ex);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>The short answer while the database is down; its pooled connections are dropped so the first command after it
    /// comes back opens fresh ones instead of failing on a dead one.</summary>
    private static CommandResult DatabaseUnavailable(IStringLocalizer strings, string correlationId)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        return CommandResult.Failure(ResultKind.Error, strings["core.router.database-unavailable", new { reference = correlationId }].Value);
    }

    /// <summary>Carries the answer for a command that could not even start because the database is down.</summary>
    private sealed class DatabaseUnavailableException(CommandResult answer, Exception inner) : Exception("The database is unavailable.", inner)
    {
        public CommandResult Answer { get; } = answer;
    }

    private IDisposable? LogScope(Caller caller, string correlationId) => logger.BeginScope(new Dictionary<string, object>
    {
        ["CorrelationId"] = correlationId,
        ["Tenant"] = caller.Tenant.Value,
        ["Platform"] = caller.Platform,
    });

    private async Task<CommandResult> InvokeAsync(
        IServiceProvider services, Type moduleType, MethodInfo method, CommandContext context, object?[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var module = (CommandModule)_factories.GetOrAdd(moduleType, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, null);
            module.Context = context;
            var returned = method.Invoke(module, arguments);
            var result = returned switch
            {
                Task<CommandResult> task => await task,
                ValueTask<CommandResult> valueTask => await valueTask,
                CommandResult direct => direct,
                _ => throw new InvalidOperationException($"{method.Name} returned nothing."),
            };
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var error = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            Log.Failed(logger, error, method.DeclaringType?.Name ?? "?", method.Name, context.CorrelationId);
            if (DatabaseSetup.IsUnavailable(error))
            {
                return DatabaseUnavailable(context.Strings, context.CorrelationId);
            }

            if (IsStorageFailure(error))
            {
                return StorageFailure(context.Strings, context.CorrelationId);
            }

            return Apology.For(context.Strings, context.CorrelationId);
        }
    }

    /// <summary>The request's length when it is over <see cref="Tokenizer.MaxLength"/> (its text, or its path and option values together), else null.</summary>
    public static int? TooLong(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var length = (request.Text?.Length ?? 0) + (request.Path?.Length ?? 0);
        if (request.Options is { } options)
        {
            foreach (var (name, value) in options)
            {
                length += name.Length + 1 + (value?.Length ?? 0);
            }
        }

        return length > Tokenizer.MaxLength ? length : null;
    }

    private const int MaxEchoedWord = 40;

    /// <summary>Opens the command's scope; null (logged) when the database refused, so the caller gets the storage apology instead of an exception.</summary>
    /// <summary>Opens the command's scope, or gives the answer for a database that is down or takes no writes.</summary>
    private async Task<((AsyncServiceScope Scope, CommandContext Context) Opened, CommandResult? Refusal)> TryOpenAsync(Caller caller, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            return (await OpenAsync(caller, correlationId, cancellationToken), null);
        }
        catch (DatabaseUnavailableException down)
        {
            return (default, down.Answer);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            Log.Failed(logger, ex, "CommandContext", "Open", correlationId);
            return (default, StorageFailure(StringsFor(caller.Locale), correlationId));
        }
    }

    /// <summary>The apology for a database that takes no writes: says that nothing could be saved, not that "something went wrong".</summary>
    private static CommandResult StorageFailure(IStringLocalizer strings, string correlationId) =>
        CommandResult.Failure(ResultKind.Error, strings["core.router.storage-failure", new { reference = correlationId }].Value);

    /// <summary>True when the database refused the work (read-only, full, deleted or replaced file, lost connection), not a bug in the handler.</summary>
    internal static bool IsStorageFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                return true;
            }
        }

        return false;
    }

    private CommandResult Unknown(CommandContext context, string word)
    {
        var first = word.Split(' ')[0].ToLowerInvariant();
        if (first.Length > MaxEchoedWord)
        {
            // No command word is this long: echo only the start of it, and spend no time looking for a near match.
            var excerpt = string.Concat(first.AsSpan(0, char.IsHighSurrogate(first[MaxEchoedWord - 1]) ? MaxEchoedWord - 1 : MaxEchoedWord), "…");
            return CommandResult.Invalid(context.T("core.router.unknown", new { command = excerpt }));
        }

        var children = catalog.Children(first).Where(c => context.Role >= c.Role).ToList();
        if (children.Count > 0)
        {
            var names = string.Join(", ", children.Select(c => $"`/{c.Path}`"));
            return CommandResult.Invalid(context.T("core.router.needs-word", new { command = first, commands = new TrustedMarkup(names) }));
        }

        var suggestion = catalog.Commands.Select(c => c.Words[0]).Distinct()
            .Select(w => (Word: w, Distance: EditDistance(w, first)))
            .Where(x => x.Distance <= Math.Max(1, first.Length / 3))
            .OrderBy(x => x.Distance).Select(x => x.Word).FirstOrDefault();
        return CommandResult.Invalid(suggestion is null
            ? context.T("core.router.unknown", new { command = first })
            : context.T("core.router.unknown.suggest", new { command = first, suggestion = new TrustedMarkup(suggestion) }));
    }

    /// <summary>Edit distance where swapping two neighbouring letters counts as one typo ("hepl" → "help").</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "/{Command} finished: {Kind} in {ElapsedMs:F1} ms")]
        public static partial void Finished(ILogger logger, string command, ResultKind kind, double elapsedMs);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "/{Command} denied: caller is {Role}, needs {Needed}")]
        public static partial void Denied(ILogger logger, string command, Role role, Role needed);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Command refused: {Length} characters is over the limit")]
        public static partial void TooLong(ILogger logger, int length);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Module}.{Method} failed (ref {CorrelationId})")]
        public static partial void Failed(ILogger logger, Exception exception, string module, string method, string correlationId);
    }
}

/// <summary>Counts commands being handled, so shutdown can wait for them to finish.</summary>
public sealed class InFlightCommands
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Marks one command as running until the returned handle is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_count++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
        }

        return new Handle(this);
    }

    /// <summary>Completes when no command is running, or when the token is cancelled.</summary>
    public Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            if (--_count == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    private sealed class Handle(InFlightCommands owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit();
            }
        }
    }
}
