using System.Text;

namespace AlphaPulse.Bindings;

/// <summary>
/// The message of the last failed call on this thread (<c>ap_last_error_message</c>), like <c>errno</c>: a call that
/// fails sets it; a call that succeeds leaves it. Thread-static, so readers on different threads do not mix them.
/// </summary>
internal static class LastError
{
    [ThreadStatic]
    private static byte[]? t_message;

    public static ErrorCode Set(Exception exception)
    {
        var code = ErrorCodes.Of(exception);
        var text = code == ErrorCode.Internal ? $"{exception.GetType().Name}: {exception.Message}" : exception.Message;
        t_message = Encoding.UTF8.GetBytes(text);
        return code;
    }

    /// <summary>Copies the message, zero-terminated and truncated to fit; returns the full length in bytes.</summary>
    public static int CopyTo(Span<byte> destination)
    {
        var message = t_message ?? [];
        if (destination.Length > 0)
        {
            var count = Math.Min(message.Length, destination.Length - 1);
            message.AsSpan(0, count).CopyTo(destination);
            destination[count] = 0;
        }
        return message.Length;
    }
}
