using System.Text.Json;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>
/// What a binary client is told about a stream id before its first frame (docs/websocket-protocol.md,
/// "stream" message): channel, exchange, symbol, the fixed-point scales and the depth. Symbol and scales
/// are unset for an exchange's stats stream; depth is 0 except for books. Immutable.
/// </summary>
internal readonly record struct StreamDescription(int Id, StreamChannel Channel, JsonEncodedText Exchange, JsonEncodedText Symbol, byte PriceScale, byte SizeScale, int Depth);
