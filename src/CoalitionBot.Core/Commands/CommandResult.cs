using CoalitionBot.Core.Replies;

namespace CoalitionBot.Core.Commands;

/// <summary>How a command ended: an answer, or an expected failure that users can fix.</summary>
public enum ResultKind
{
    Success,
    Invalid,
    NotFound,
    Forbidden,
    Error,
}

/// <summary>What a handler returns: expected failures are values, with a short message for the user.</summary>
public sealed record CommandResult
{
    public required ResultKind Kind { get; init; }

    public required Reply Reply { get; init; }

    /// <summary>For a button: replace the message the button was on instead of posting a new one.</summary>
    public bool UpdatesOriginal { get; init; }

    public bool IsSuccess => Kind == ResultKind.Success;

    /// <summary>A successful answer.</summary>
    public static CommandResult Ok(Reply reply) => new() { Kind = ResultKind.Success, Reply = reply };

    /// <summary>A successful answer that replaces the message the pressed button was on.</summary>
    public static CommandResult Update(Reply reply) => new() { Kind = ResultKind.Success, Reply = reply, UpdatesOriginal = true };

    /// <summary>The input was wrong; the message says how to fix it. Shown only to the caller.</summary>
    public static CommandResult Invalid(string message) => Failure(ResultKind.Invalid, message);

    /// <summary>The thing asked for does not exist. Shown only to the caller.</summary>
    public static CommandResult NotFound(string message) => Failure(ResultKind.NotFound, message);

    /// <summary>The caller's role does not allow this. Shown only to the caller.</summary>
    public static CommandResult Forbidden(string message) => Failure(ResultKind.Forbidden, message);

    internal static CommandResult Failure(ResultKind kind, string message) =>
        new() { Kind = kind, Reply = new Reply { Text = message, Ephemeral = true } };

    public static implicit operator CommandResult(Reply reply) => Ok(reply);
}
