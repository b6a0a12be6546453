using System.Globalization;
using CoalitionBot.Core.Commands;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Routing;

/// <summary>The one answer to an unexpected failure, the same on every platform, and the reference that ties it to its log lines.</summary>
/// <remarks>The router answers a handler's exception with it; adapters answer with it when the pipeline itself failed.</remarks>
public static partial class Apology
{
    /// <summary>A new reference for matching an answer to its log lines: 8 hex digits.</summary>
    /// <remarks>Not a secret, so no system call: <see cref="Guid.NewGuid"/> reads the operating system's random source.</remarks>
    public static string NewReference() => ((uint)Random.Shared.NextInt64(0, 1L << 32)).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The apology in <paramref name="strings"/>' language, shown only to the caller, with the reference.</summary>
    public static CommandResult For(IStringLocalizer strings, string reference)
    {
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return CommandResult.Failure(ResultKind.Error, strings["core.router.apology", new { reference }].Value);
    }

    /// <summary>Logs an unexpected failure with a new reference and returns the apology that names it.</summary>
    public static CommandResult Log(ILogger logger, Exception exception, IStringLocalizer strings, string what)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var reference = NewReference();
        Failed(logger, exception, what, reference);
        return For(strings, reference);
    }

    /// <summary>Awaits the pipeline; a failure that escaped it (not the handler's, which the router answers) becomes the logged apology.</summary>
    /// <remarks>Cancellation is not a failure: it is passed on.</remarks>
    /// <param name="work">The pipeline's answer.</param>
    /// <param name="strings">The caller's strings as far as the adapter knows them (see <see cref="CommandRouter.StringsFor(string?)"/>).</param>
    /// <param name="logger">Where the failure is logged.</param>
    /// <param name="what">What failed, for the log.</param>
    public static async Task<CommandResult> GuardAsync(Task<CommandResult> work, IStringLocalizer strings, ILogger logger, string what)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Log(logger, ex, strings, what);
        }
    }

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "{What} failed (ref {CorrelationId})")]
    private static partial void Failed(ILogger logger, Exception exception, string what, string correlationId);
}
