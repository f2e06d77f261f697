using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings;

/// <summary>Return codes of the C ABI (<c>AP_OK</c>, <c>AP_ERR_*</c> in alphapulse.h). Values are part of the ABI.</summary>
internal enum ErrorCode
{
    Ok = 0,
    InvalidArgument = -1,
    NotFound = -2,
    NoPermission = -3,
    BadFile = -4,
    WrongVersion = -5,
    UnknownSymbol = -6,
    InvalidHandle = -7,
    Internal = -8,
}

/// <summary>Maps exceptions to <see cref="ErrorCode"/>s at the ABI boundary. Stateless.</summary>
internal static class ErrorCodes
{
    public static ErrorCode Of(Exception exception) => exception switch
    {
        SharedMemoryException shm => shm.Error switch
        {
            SharedMemoryError.NotFound => ErrorCode.NotFound,
            SharedMemoryError.NoPermission => ErrorCode.NoPermission,
            SharedMemoryError.WrongVersion => ErrorCode.WrongVersion,
            SharedMemoryError.InvalidArgument => ErrorCode.InvalidArgument,
            SharedMemoryError.IoError => ErrorCode.Internal,
            _ => ErrorCode.BadFile,
        },
        UnknownSymbolException => ErrorCode.UnknownSymbol,
        InvalidHandleException => ErrorCode.InvalidHandle,
        ArgumentException => ErrorCode.InvalidArgument,
        _ => ErrorCode.Internal,
    };
}

/// <summary>A symbol id or name the reader does not know.</summary>
internal sealed class UnknownSymbolException(string message) : Exception(message);

/// <summary>A null, closed or foreign handle passed to the ABI.</summary>
internal sealed class InvalidHandleException(string message) : Exception(message);
