namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>Kinds of binary data frames (byte 0). Values are part of the wire format.</summary>
public enum BinaryKind : byte
{
    Trade = 1,
    BookSnapshot = 2,
    BookDelta = 3,
    Ticker = 4,
}
