using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoalitionBot.Testing;

/// <summary>Keeps every formatted log line, to check what is logged (and that no secret is), and lets a test wait for a line.</summary>
public sealed class LogCapture : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _entries = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<string> Lines => _lines.ToList();

    /// <summary>Every line with its level, e.g. to check that nothing was logged as an error.</summary>
    public IReadOnlyList<(LogLevel Level, string Line)> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var line = formatter(state, exception) + " " + exception;
        lock (_lock)
        {
            _lines.Enqueue(line);
            _entries.Enqueue((logLevel, line));
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> lines containing <paramref name="text"/> were logged; fails after 10 s instead of hanging.</summary>
    public Task WaitForAsync(string text, int count = 1)
    {
        lock (_lock)
        {
            if (_lines.Count(l => l.Contains(text, StringComparison.Ordinal)) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_ => _lines.Count(l => l.Contains(text, StringComparison.Ordinal)) >= count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
    }
}
