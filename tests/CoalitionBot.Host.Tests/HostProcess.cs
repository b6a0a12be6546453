using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace CoalitionBot.Host.Tests;

/// <summary>Runs the built host as a real process in a scratch folder, the way an operator runs it.</summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = ReadErrorsAsync(process.StandardError);
    }

    /// <summary>
    /// Arguments that make the host listen on 127.0.0.1 on a port the system picks, and say which (ASP.NET Core's
    /// "Now listening on:" line, kept even when the console chat quiets the log); <see cref="ListeningAsync"/> reads it back.
    /// </summary>
    public static IReadOnlyList<string> ListenOnAnyPort =>
        ["--urls", "http://127.0.0.1:0", "--Logging:Console:LogLevel:Microsoft.Hosting.Lifetime", "Information"];

    public static string HostDll => Path.Combine(AppContext.BaseDirectory, "CoalitionBot.Host.dll");

    public static string SamplePluginPath =>
        typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SamplePluginPath").Value!;

    public int Id => _process.Id;

    /// <summary>A fresh folder with the given plugins.json, as the working directory.</summary>
    public static string NewWorkingDirectory(string pluginsJson = """{ "plugins": [ { "name": "help" } ] }""")
    {
        var folder = Directory.CreateTempSubdirectory("coalitionbot-e2e-").FullName;
        File.WriteAllText(Path.Combine(folder, "plugins.json"), pluginsJson);
        return folder;
    }

    public static HostProcess Start(string workingDirectory, IEnumerable<string>? args = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostDll);
        foreach (var arg in args ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        // Keep the developer's own settings out of the test.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("CoalitionBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            info.Environment[pair.Key] = pair.Value;
        }

        return new HostProcess(Process.Start(info)!);
    }

    /// <summary>Runs the host with piped input to the end and returns what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, string input, params string[] args)
    {
        await using var host = Start(workingDirectory, args);
        await host.WriteAsync(input);
        host.CloseInput();
        return await host.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Asks the process to stop as an operator's Ctrl+C or a service manager would (SIGTERM).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Kills the process at once (SIGKILL, like <c>kill -9</c>): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>What the process wrote to standard error so far (complete once it exited).</summary>
    public Task<string> ErrorOutput => _stderr;

    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within {timeout}. Output so far: {await _stdout} {await _stderr}");
        }

        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>The address the host is listening on, once it says so (started with <see cref="ListenOnAnyPort"/>).</summary>
    /// <exception cref="InvalidOperationException">The host exited without listening.</exception>
    public Task<Uri> ListeningAsync(TimeSpan timeout) => _listening.Task.WaitAsync(timeout);

    private async Task<string> ReadErrorsAsync(StreamReader errors)
    {
        var all = new StringBuilder();
        while (await errors.ReadLineAsync() is { } line)
        {
            all.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        _listening.TrySetException(new InvalidOperationException($"The host exited without listening: {all}"));
        return all.ToString();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
