using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Core.Logging;

/// <summary>Removes secrets that travel inside URLs and text from log lines, at every level and for every logger (ours, ASP.NET Core's, EF Core's, HttpClient's).</summary>
/// <remarks>
/// A meeting feed's address is its password (<c>/feeds/meetings/&lt;token&gt;.ics</c>), as are Discord interaction and webhook
/// tokens in REST paths, Slack's response URLs and Slack tokens. ASP.NET Core logs the request path (and keeps it in the
/// scope of every line logged during the request) and HttpClient logs outgoing URLs, so the redaction sits in the logger
/// factory that every logger comes from, not in one place that writes logs.
/// </remarks>
public static partial class SecretRedaction
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary>The text with every known form of secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Pattern().Replace(text, m => m.Groups["keep"].Value + Mask);
    }

    /// <summary>Makes every logger of the container redact secrets (wraps the logger factory; filters and providers are unchanged).</summary>
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return services;
    }

    // Feed paths, Discord interaction/webhook tokens, Slack response URLs (commands/actions/services/workflows), Slack tokens.
    [GeneratedRegex(
        @"(?<keep>/feeds/[^/\s?#]+/)[^\s?#""'&]+"
        + @"|(?<keep>/(?:interactions|webhooks)/\d+/)[^\s/?#""']+"
        + @"|(?<keep>/(?:commands|actions|services|workflows)/[A-Za-z0-9]+/)[^\s?#""']+"
        + @"|(?<keep>\bx(?:ox[abposre]|app)-)[A-Za-z0-9-]+",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            inner.BeginScope(new RedactedScope(state));

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            ArgumentNullException.ThrowIfNull(formatter);
            var message = Redact(formatter(state, exception));
            inner.Log(logLevel, eventId, new RedactedState(message, state as IReadOnlyList<KeyValuePair<string, object?>>), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>The formatted message, with the structured values kept for providers that read them (string values redacted).</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>>? values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => values?.Count ?? 0;

        public KeyValuePair<string, object?> this[int index] => Clean(values![index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        internal static KeyValuePair<string, object?> Clean(KeyValuePair<string, object?> pair) =>
            pair.Value is null or ValueType ? pair : new(pair.Key, Redact(pair.Value.ToString() ?? string.Empty));
    }

    /// <summary>A scope (ASP.NET Core's request scope holds the path) as text and values without secrets.</summary>
    private sealed class RedactedScope(object state) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly IReadOnlyList<KeyValuePair<string, object?>> _values =
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(RedactedState.Clean).ToList() : [];

        private readonly string _text = Redact(state.ToString() ?? string.Empty);

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _text;
    }
}
