using CoalitionBot.Core.Localization;
using System.Security.Cryptography;
using CoalitionBot.Core.Replies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoalitionBot.Adapters.Console;

/// <summary>Saves a reply's images under <see cref="ConsoleOptions.ImagesDirectory"/> and says where: <c>[image] data/images/…png (alt text)</c>.</summary>
public sealed partial class ConsoleImages(IOptions<ConsoleOptions> options, LanguageCatalogs languages, TimeProvider clock, ILogger<ConsoleImages> logger)
{
    private readonly string _directory = options.Value.ImagesDirectory;

    /// <summary>One line per image: its path and alt text, or the note that it could not be saved.</summary>
    public IReadOnlyList<string> Save(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = new List<string>();
        foreach (var image in reply.Attachments)
        {
            // The time orders the files; the random part keeps two images of the same second apart.
            var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}-{SafeName(image.FileName)}";
            var path = Path.Combine(_directory, name);
            try
            {
                Directory.CreateDirectory(_directory);
                File.WriteAllBytes(path, image.Content);
                lines.Add($"[image] {path.Replace('\\', '/')} ({image.AltText})");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.SaveFailed(logger, _directory, ex.Message);
                lines.Add(image.NotSentNotice(languages));
            }
        }

        return lines;
    }

    private static string SafeName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? name : name + ".png";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Could not save an image under {Directory}: {Error}")]
        public static partial void SaveFailed(ILogger logger, string directory, string error);
    }
}
