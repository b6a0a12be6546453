using Microsoft.Extensions.Logging;

namespace CoalitionBot.Plugins.Tests.Meetings;

/// <summary>Keeps every formatted log line, to check what is logged (and that no secret is).</summary>
internal sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue(formatter(state, exception) + " " + exception);

    public void Dispose()
    {
    }
}
