using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoalitionBot.Core.Commands.Parsing;

namespace CoalitionBot.Bench;

/// <summary>
/// <c>parse-worst</c>: command text parsing time per KB, for adversarial and ordinary inputs from 1 KB up to the command cap
/// (<see cref="Tokenizer.MaxLength"/>). Linear parsing shows the same µs/KB at every size; a quadratic step grows with the size
/// (the colon-heavy input once took 0.2 s at 32 KB and 312 s at 510 KB).
/// </summary>
public sealed class ParseWorstBenchmark : IBenchmark
{
    public string Name => "parse-worst";

    public string Description => "Command parsing µs per KB, adversarial and ordinary text, 1 KB to the cap (must stay flat)";

    private static readonly (string Name, Func<int, string> Make)[] Inputs =
    [
        ("colons 1:1:1…", n => Fill("1", ":1", n)),
        ("name:name:…", n => Fill("a", ":a", n)),
        ("long name then :", n => Fill(string.Empty, "abcdefghijklmnopqrstuvwxyz0123456789-_", n - 1) + ":"),
        ("open quotes \"\"\"", n => Fill(string.Empty, "\"", n)),
        ("escaped quotes \\\"", n => "\"" + Fill(string.Empty, "\\\"", n - 1)),
        ("curly quote mix", n => Fill(string.Empty, "“„«x”\"", n)),
        ("url-like a://", n => Fill(string.Empty, "a://", n)),
        ("mailto:…", n => Fill(string.Empty, "mailto:x ", n)),
        ("whitespace", n => Fill("help", " \t", n)),
        ("ordinary command", n => Fill("task assign @ana", " \"Call Council Member Ruiz\" due:friday note:\"by phone\"", n)),
    ];

    public Task<int> RunAsync(string[] args)
    {
        var sizes = Enumerable.Range(1, Tokenizer.MaxLength / 1000).Select(k => k * 1000).ToArray();
        Console.WriteLine($"parse-worst: Tokenizer.Tokenize, µs per KB (1 KB = 1,000 characters), median of 15 runs; cap {Tokenizer.MaxLength:N0} characters");
        Console.WriteLine($"{"input",-22}" + string.Concat(sizes.Select(s => $"{s / 1000 + " KB",9}")) + "   max/min");
        var worst = 0.0;
        foreach (var (name, make) in Inputs)
        {
            var perKb = sizes.Select(size => MicrosecondsPerKb(make(size))).ToArray();
            var spread = perKb.Max() / Math.Max(perKb.Min(), 0.001);
            worst = Math.Max(worst, spread);
            Console.WriteLine($"{name,-22}" + string.Concat(perKb.Select(v => $"{v.ToString("F1", CultureInfo.InvariantCulture),9}")) + $"   {spread.ToString("F2", CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine($"flat: the largest max/min ratio of µs/KB over sizes is {worst.ToString("F2", CultureInfo.InvariantCulture)} (linear parsing stays near 1; the old quadratic tokenizer grew ~6x from 1 to 6 KB)");
        return Task.FromResult(0);
    }

    private static string Fill(string start, string unit, int length)
    {
        var text = new StringBuilder(start, length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, Math.Min(length, text.Length));
    }

    private static double MicrosecondsPerKb(string text)
    {
        // Enough repetitions that one sample takes a few milliseconds, so the timer's resolution does not matter.
        var repeat = Math.Max(1, 2_000_000 / text.Length);
        for (var i = 0; i < repeat; i++)
        {
            Tokenizer.Tokenize(text);
        }

        var samples = new double[15];
        for (var s = 0; s < samples.Length; s++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < repeat; i++)
            {
                Tokenizer.Tokenize(text);
            }

            samples[s] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / repeat / (text.Length / 1000.0);
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }
}
